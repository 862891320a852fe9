package cluster

import (
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/store"
)

// families groups PLOVER types whose claims count as the same when outlets
// word a happening differently ("backing", "aid", "support").
var families = map[string]string{
	"SUPPORT": "backing", "AID": "backing", "COOPERATE": "backing",
	"ASSAULT": "force", "COERCE": "force",
	"ACCUSE": "criticism", "PROTEST": "criticism",
}

// Family returns the claim family of a PLOVER type.
func Family(plover string) string {
	if f, ok := families[plover]; ok {
		return f
	}
	return strings.ToLower(plover)
}

// ClaimKey returns the matching key of an event: source|target|family, with
// a "|past" suffix for historical events; "" for an event with no actor.
func ClaimKey(e *sitrep.Event) string {
	var src, tgt string
	if e.Source != nil {
		src = claimActor(e.Source.Actor)
	}
	if e.Target != nil {
		tgt = claimActor(e.Target.Actor)
	}
	if src == "" && tgt == "" || e.Plover == "" {
		return ""
	}
	k := src + "|" + tgt + "|" + Family(e.Plover)
	if e.Historical {
		k += "|past"
	}
	return k
}

// claimActor folds a state's government into the state for matching:
// outlets write "China", "Beijing" and "the Chinese government" for one
// claimant (CHN, CHNGOV). Other sectors stay apart: a country's military
// or rebels are not its government.
func claimActor(id string) string {
	if len(id) == 6 && strings.HasSuffix(id, "GOV") && strings.ToUpper(id) == id {
		return id[:3]
	}
	return id
}

// Denial reports whether an event denies its claim: modality denied, or
// negated as a statement of fact ("has never supported"). A negated hope,
// intent or hypothesis ("would not shelter") is a pledge about the future,
// not a denial.
func Denial(e *sitrep.Event) bool {
	switch e.Modality {
	case sitrep.ModDenied:
		return true
	case sitrep.ModHoped, sitrep.ModIntended, sitrep.ModHypothetical:
		return false
	}
	return e.Negated
}

// Sourcing classes of a report.
const (
	SourcedNamed     = "named"
	SourcedAnonymous = "anonymous"
	SourcedOutlet    = "outlet"
)

// sourcingClass maps a speaker kind to the class a report rests on.
func sourcingClass(kind string) string {
	switch kind {
	case sitrep.SpeakerNamedPerson, sitrep.SpeakerNamedOrg:
		return SourcedNamed
	case sitrep.SpeakerAnonymous:
		return SourcedAnonymous
	}
	return SourcedOutlet
}

// sourcingOrder ranks what a report rests on when one outlet tells a claim
// several times: a cited source outranks the outlet's own voice.
var sourcingOrder = map[string]int{SourcedOutlet: 0, SourcedAnonymous: 1, SourcedNamed: 2}

// pledge reports a negated hope, intent or hypothesis ("would not
// shelter"): neither a report of the act nor a denial of it, so it is
// left out of claims and the network.
func pledge(e *sitrep.Event) bool {
	switch e.Modality {
	case sitrep.ModHoped, sitrep.ModIntended, sitrep.ModHypothetical:
		return e.Negated
	}
	return false
}

// dayOf returns the days since 1970-01-01 of a YYYY-MM-DD (or YYYY-MM,
// taken as the 1st) date, -1 when it is not one.
func dayOf(date string) int {
	var t time.Time
	var err error
	switch len(date) {
	case 10:
		t, err = time.Parse("2006-01-02", date)
	case 7:
		t, err = time.Parse("2006-01", date)
	default:
		return -1
	}
	if err != nil {
		return -1
	}
	return int(t.Unix() / 86400)
}

// docEvents turns a document's events into index rows. Events are dated by
// publication: the event's own date may lie far back ("since April") while
// reports of one happening are published together.
func docEvents(id int64, d *sitrep.Doc, day int) []store.ClusterEvent {
	quotes := map[string]*sitrep.Quote{}
	for i := range d.Quotes {
		quotes[d.Quotes[i].ID] = &d.Quotes[i]
	}
	places := map[string]string{}
	for _, p := range d.Places {
		if p.GeonameID != nil {
			places[p.ID] = "g" + strconv.Itoa(*p.GeonameID)
		} else {
			places[p.ID] = strings.ToLower(p.Name)
		}
	}
	month := ""
	if len(d.Published) >= 7 {
		month = string(d.Published[:7])
	}
	var out []store.ClusterEvent
	for i := range d.Events {
		e := &d.Events[i]
		key := ClaimKey(e)
		if key == "" || pledge(e) {
			continue
		}
		ce := store.ClusterEvent{DocID: id, EventID: e.ID, Claim: key, Plover: e.Plover, Mode: string(e.Mode),
			Day: day, Month: month, Denied: Denial(e), Modality: e.Modality, Sourcing: sitrep.SpeakerUnattributed}
		if e.Source != nil {
			ce.Source = claimActor(e.Source.Actor)
		}
		if e.Target != nil {
			ce.Target = claimActor(e.Target.Actor)
		}
		switch {
		case len(e.Date) >= 7 && e.Date[4] == '-':
			ce.Month = string(e.Date[:7])
		case e.Historical:
			// "Once supported": not in the month it was reported.
			ce.Month = ""
		}
		if q := quotes[string(e.Attribution)]; q != nil {
			ce.Sourcing, ce.Speaker = q.Speaker.Kind, q.Speaker.Text
		}
		if len(e.Places) > 0 {
			ce.Place = places[e.Places[0]]
		}
		out = append(out, ce)
	}
	return out
}
