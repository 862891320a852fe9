package cluster

import (
	"context"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/export"
	"github.com/sitrep/sitrep/internal/store"
)

// modeTone refines export.Tone for PLOVER modes that are clearly milder or
// harsher than their type's usual act: a killing outweighs a beating, a
// ban is milder than repression, humanitarian aid is gentler than arms.
var modeTone = map[string]float64{
	"AID/humanitarian": 8, "AID/military": 6, "AID/asylum": 7, "AID/protection": 7,
	"COOPERATE/military": 7, "COOPERATE/intelligence": 6,
	"CONSULT/visit": 2, "CONSULT/negotiate": 2,
	"REJECT/ties": -5, "REJECT/veto": -5,
	"PROTEST/demo": -4, "PROTEST/strike": -3, "PROTEST/riot": -7,
	"MOBILIZE/alert": -4, "MOBILIZE/troops": -6, "MOBILIZE/weapons": -7,
	"COERCE/ban": -5, "COERCE/censor": -5, "COERCE/curfew": -5, "COERCE/restrict": -5, "COERCE/arrest": -6,
	"COERCE/deport": -7, "COERCE/seize": -7, "COERCE/repress": -8, "COERCE/destroy": -9, "COERCE/martial-law": -8,
	"ASSAULT/beat": -8, "ASSAULT/occupy": -8, "ASSAULT/blockade": -8, "ASSAULT/abduct": -9,
	"ASSAULT/small-arms": -9, "ASSAULT/torture": -10, "ASSAULT/kill": -10, "ASSAULT/mass-killing": -10,
	"ASSAULT/suicide-attack": -10, "ASSAULT/bombing": -10, "ASSAULT/aerial": -10, "ASSAULT/wmd": -10,
}

// Tone returns the cooperation (+) or conflict (-) weight of a PLOVER type
// in a mode, on export.Tone's -10..+10 scale.
func Tone(plover, mode string) float64 {
	if t, ok := modeTone[plover+"/"+mode]; ok {
		return t
	}
	return export.Tone[plover]
}

// Network is an actor's (or a dyad's) events over time.
type Network struct {
	Actor  string `json:"actor"`
	Actor2 string `json:"actor2,omitempty"`
	// Events counts the scored events (not negated or denied); Denied the
	// negated or denied ones.
	Events      int     `json:"events"`
	Denied      int     `json:"denied"`
	Cooperation int     `json:"cooperation"`
	Conflict    int     `json:"conflict"`
	Tone        float64 `json:"tone"` // mean tone of the scored events
	Months      []Month `json:"months"`
	Types       []Kind  `json:"types"`
	// Partners are the other sides of the actor's events (only without
	// Actor2), most events first.
	Partners []Partner `json:"partners,omitempty"`
}

// Month is one month of a network.
type Month struct {
	Month       string         `json:"month"` // YYYY-MM, "" undated
	Events      int            `json:"events"`
	Cooperation int            `json:"cooperation"`
	Conflict    int            `json:"conflict"`
	Tone        float64        `json:"tone"`
	ByType      map[string]int `json:"by_type"`
}

// Kind is one directed event kind of a network with its score.
type Kind struct {
	Source string  `json:"source"`
	Target string  `json:"target"`
	Plover string  `json:"plover"`
	Mode   string  `json:"mode"`
	Events int     `json:"events"`
	Denied int     `json:"denied"`
	Tone   float64 `json:"tone"`  // per event
	Score  float64 `json:"score"` // tone × events
}

// Partner is the other side of an actor's events.
type Partner struct {
	Actor       string  `json:"actor"`
	Events      int     `json:"events"`
	Cooperation int     `json:"cooperation"`
	Conflict    int     `json:"conflict"`
	Tone        float64 `json:"tone"`
}

// Network counts the events of actor (with actor2 when set) by month, type
// and mode, and scores cooperation against conflict.
func (ix *Index) Network(ctx context.Context, actor, actor2 string) (Network, error) {
	actor, actor2 = strings.ToUpper(actor), strings.ToUpper(actor2)
	counts, err := ix.b.NetworkCounts(ctx, actor, actor2)
	if err != nil {
		return Network{}, err
	}
	n := Network{Actor: actor, Actor2: actor2, Months: []Month{}, Types: []Kind{}}
	months := map[string]*Month{}
	kinds := map[[4]string]*Kind{}
	partners := map[string]*Partner{}
	var toneSum float64
	monthTone := map[string]float64{}
	partnerTone := map[string]float64{}
	for _, c := range counts {
		k := kinds[[4]string{c.Source, c.Target, c.Plover, c.Mode}]
		if k == nil {
			k = &Kind{Source: c.Source, Target: c.Target, Plover: c.Plover, Mode: c.Mode, Tone: Tone(c.Plover, c.Mode)}
			kinds[[4]string{c.Source, c.Target, c.Plover, c.Mode}] = k
		}
		if c.Denied {
			k.Denied += c.N
			n.Denied += c.N
			continue
		}
		t := Tone(c.Plover, c.Mode)
		k.Events += c.N
		k.Score += t * float64(c.N)
		n.Events += c.N
		toneSum += t * float64(c.N)
		m := months[c.Month]
		if m == nil {
			m = &Month{Month: c.Month, ByType: map[string]int{}}
			months[c.Month] = m
		}
		m.Events += c.N
		m.ByType[c.Plover] += c.N
		monthTone[c.Month] += t * float64(c.N)
		other := c.Target
		if other == actor {
			other = c.Source
		}
		p := partners[other]
		if actor2 == "" && other != "" && other != actor {
			if p == nil {
				p = &Partner{Actor: other}
				partners[other] = p
			}
			p.Events += c.N
			partnerTone[other] += t * float64(c.N)
		}
		switch {
		case t > 0:
			n.Cooperation += c.N
			m.Cooperation += c.N
			if p != nil {
				p.Cooperation += c.N
			}
		case t < 0:
			n.Conflict += c.N
			m.Conflict += c.N
			if p != nil {
				p.Conflict += c.N
			}
		}
	}
	if n.Events > 0 {
		n.Tone = round2(toneSum / float64(n.Events))
	}
	for key, m := range months {
		m.Tone = round2(monthTone[key] / float64(m.Events))
		n.Months = append(n.Months, *m)
	}
	sort.Slice(n.Months, func(i, j int) bool { return n.Months[i].Month < n.Months[j].Month })
	for _, k := range kinds {
		n.Types = append(n.Types, *k)
	}
	sort.Slice(n.Types, func(i, j int) bool {
		a, b := n.Types[i], n.Types[j]
		if a.Events+a.Denied != b.Events+b.Denied {
			return a.Events+a.Denied > b.Events+b.Denied
		}
		return a.Source+a.Target+a.Plover+a.Mode < b.Source+b.Target+b.Plover+b.Mode
	})
	for key, p := range partners {
		p.Tone = round2(partnerTone[key] / float64(p.Events))
		n.Partners = append(n.Partners, *p)
	}
	sort.Slice(n.Partners, func(i, j int) bool {
		a, b := n.Partners[i], n.Partners[j]
		return a.Events > b.Events || a.Events == b.Events && a.Actor < b.Actor
	})
	return n, nil
}

func round2(f float64) float64 {
	if f < 0 {
		return -float64(int(-f*100+0.5)) / 100
	}
	return float64(int(f*100+0.5)) / 100
}

// SupportTypes are the PLOVER types that answer "who backs X?".
var SupportTypes = []string{"SUPPORT", "AID", "COOPERATE"}

// Supporter is an actor with support events toward a target, graded like a
// claim: its independent reports, their sourcing, and any denial.
type Supporter struct {
	Actor string `json:"actor"`
	Name  string `json:"name"`
	Claim
}

// Supporters answers "who backs target?": the actors with SUPPORT, AID or
// COOPERATE events toward it, best corroborated first, each with its
// evidence and sourcing.
func (ix *Index) Supporters(ctx context.Context, target string) ([]Supporter, error) {
	target = strings.ToUpper(target)
	rows, err := ix.b.TargetReports(ctx, target, SupportTypes, ix.opt.Reports)
	if err != nil {
		return nil, err
	}
	bySource := map[string][]store.ClaimReport{}
	var order []string
	for _, r := range rows {
		if r.Source == "" || r.Source == target || strings.HasSuffix(r.Claim, "|past") {
			continue
		}
		if _, ok := bySource[r.Source]; !ok {
			order = append(order, r.Source)
		}
		bySource[r.Source] = append(bySource[r.Source], r)
	}
	out := make([]Supporter, 0, len(order))
	for _, src := range order {
		c := grade(src+"|"+target+"|"+Family("SUPPORT"), bySource[src])
		out = append(out, Supporter{Actor: src, Name: c.SourceName, Claim: c})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.Independent > 0) != (b.Independent > 0) {
			return a.Independent > 0
		}
		if a.Rank != b.Rank {
			return a.Rank > b.Rank
		}
		if a.Independent != b.Independent {
			return a.Independent > b.Independent
		}
		return a.Actor < b.Actor
	})
	return out, nil
}
