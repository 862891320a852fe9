package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
)

// SynthOptions shapes a synthetic store for load tests (see Populate).
type SynthOptions struct {
	// Events is how many events to store (default 100,000).
	Events int
	// PerDoc is the events per document (default 10).
	PerDoc int
	// Actors and Places size the pools drawn from (defaults 300 and 500);
	// actors are drawn Zipf-distributed, so SynthActor(0) is in about a
	// fifth of the events, as the most reported country is in real news.
	Actors, Places int
	Seed           uint64
	// Batch is the documents per transaction (default 64).
	Batch int
	// Progress, when set, is called after each batch with the events
	// stored so far.
	Progress func(events int)
}

// SynthActor is the id of the synthetic actor of rank i (0 is the most
// frequent); SynthActorName its name.
func SynthActor(i int) string     { return fmt.Sprintf("SYN%03d", i) }
func SynthActorName(i int) string { return fmt.Sprintf("Synthland %d", i) }

// synthTypes are weighted like real coverage: verbal conflict and
// consultation are common, mass violence rare.
var synthTypes = []struct {
	plover, cameo, verb string
	weight              int
}{
	{"ACCUSE", "112", "accused", 14}, {"CONSULT", "040", "met", 14}, {"AGREE", "057", "agreed with", 8},
	{"SUPPORT", "051", "backed", 8}, {"REQUEST", "020", "called on", 8}, {"THREATEN", "130", "threatened", 6},
	{"REJECT", "120", "rejected", 6}, {"ASSAULT", "190", "attacked", 8}, {"FIGHT", "190", "clashed with", 6},
	{"AID", "070", "sent aid to", 4}, {"COOPERATE", "060", "worked with", 4}, {"PROTEST", "140", "protested against", 4},
	{"SANCTION", "163", "sanctioned", 3}, {"MOBILIZE", "150", "mobilised against", 3}, {"COERCE", "170", "detained", 2},
	{"RETREAT", "087", "withdrew from", 2},
}

var synthKinds = []string{sitrep.SpeakerNamedPerson, sitrep.SpeakerNamedOrg, sitrep.SpeakerAnonymous,
	sitrep.SpeakerOutlet, sitrep.SpeakerUnattributed}

var synthWords = strings.Fields(`border talks ceasefire troops villages ministry statement officials convoy
	aid refugees election protest sanctions pipeline harbour drought envoy summit militia corridor grain
	fuel curfew parliament court tribunal bridge airport district province valley river coast garrison`)

// Populate writes synthetic analysed documents straight into st (no
// analysis), opt.Events events in all, so that the query paths can be
// measured at scale and the measurement rerun. It is deterministic for a
// seed; document keys include the seed, so populating a store twice with
// one seed stores nothing new.
func Populate(ctx context.Context, st Store, opt SynthOptions) (docs int, err error) {
	if opt.Events <= 0 {
		opt.Events = 100_000
	}
	if opt.PerDoc <= 0 {
		opt.PerDoc = 10
	}
	if opt.Actors <= 0 {
		opt.Actors = 300
	}
	if opt.Places <= 0 {
		opt.Places = 500
	}
	if opt.Batch <= 0 {
		opt.Batch = 64
	}
	r := rand.New(rand.NewPCG(opt.Seed, 0x5173))
	actorZipf := rand.NewZipf(r, 1.1, 2, uint64(opt.Actors-1))
	placeZipf := rand.NewZipf(r, 1.05, 4, uint64(opt.Places-1))
	totalWeight := 0
	for _, t := range synthTypes {
		totalWeight += t.weight
	}
	day0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var batch []Item
	stored := 0
	flush := func() error {
		res, err := PutBatch(ctx, st, batch)
		if err != nil {
			return err
		}
		for _, r := range res {
			if r.Err != nil {
				return r.Err
			}
		}
		stored += len(batch) * opt.PerDoc
		batch = batch[:0]
		if opt.Progress != nil {
			opt.Progress(stored)
		}
		return nil
	}
	for n := 0; n*opt.PerDoc < opt.Events; n++ {
		doc := synthDoc(r, n, opt, actorZipf, placeZipf, totalWeight, day0)
		batch = append(batch, Item{Key: fmt.Sprintf("synth-%d-%d", opt.Seed, n), Doc: doc})
		docs++
		if len(batch) == opt.Batch {
			if err := flush(); err != nil {
				return docs, fmt.Errorf("store: populate: %w", err)
			}
		}
	}
	if len(batch) > 0 {
		if err := flush(); err != nil {
			return docs, fmt.Errorf("store: populate: %w", err)
		}
	}
	return docs, nil
}

func synthDoc(r *rand.Rand, n int, opt SynthOptions, actorZipf, placeZipf *rand.Zipf, totalWeight int, day0 time.Time) *sitrep.Doc {
	pub := day0.AddDate(0, 0, r.IntN(730)).Format("2006-01-02")
	d := &sitrep.Doc{
		ID:        sitrep.NullString(fmt.Sprintf("synth-%d", n)),
		Title:     sitrep.NullString(fmt.Sprintf("Synthetic report %d", n)),
		Outlet:    sitrep.NullString(fmt.Sprintf("Outlet %d", r.IntN(40))),
		URL:       sitrep.NullString(fmt.Sprintf("https://example.org/synth/%d", n)),
		Published: sitrep.NullString(pub),
	}
	var text strings.Builder
	actors := map[string]int{} // id -> index in d.Actors
	mention := func(i int) *sitrep.ActorRef {
		id, name := SynthActor(i), SynthActorName(i)
		start := text.Len()
		text.WriteString(name)
		k, ok := actors[id]
		if !ok {
			k = len(d.Actors)
			actors[id] = k
			d.Actors = append(d.Actors, sitrep.Actor{ID: id, Name: name, Type: "country",
				Country: sitrep.NullString(fmt.Sprintf("S%02d", i%100))})
		}
		d.Actors[k].Mentions = append(d.Actors[k].Mentions, sitrep.Mention{Start: start, End: text.Len()})
		return &sitrep.ActorRef{Actor: id, Text: name, Start: start, End: text.Len()}
	}
	places := map[int]string{}
	for e := 0; e < opt.PerDoc; e++ {
		start := text.Len()
		src := int(actorZipf.Uint64())
		tgt := int(actorZipf.Uint64())
		for tgt == src {
			tgt = r.IntN(opt.Actors)
		}
		w := r.IntN(totalWeight)
		t := synthTypes[0]
		for _, c := range synthTypes {
			if w < c.weight {
				t = c
				break
			}
			w -= c.weight
		}
		ev := sitrep.Event{ID: fmt.Sprintf("e%d", e+1), Sentence: e, Plover: t.plover, Cameo: sitrep.NullString(t.cameo),
			Modality: "asserted", Negated: r.IntN(20) == 0}
		ev.Source = mention(src)
		text.WriteString(" " + t.verb + " ")
		ev.Target = mention(tgt)
		if r.IntN(3) > 0 {
			pi := int(placeZipf.Uint64())
			id, ok := places[pi]
			if !ok {
				id = fmt.Sprintf("p%d", len(d.Places)+1)
				places[pi] = id
				lat, lon := float64(pi%170)-85+0.5, float64(pi%350)-175+0.25
				gid := 9_000_000 + pi
				d.Places = append(d.Places, sitrep.Place{ID: id, Name: fmt.Sprintf("Synthtown %d", pi), Lat: &lat, Lon: &lon,
					Feature: sitrep.FeatureCity, Country: sitrep.NullString(fmt.Sprintf("S%d", pi%90)), GeonameID: &gid})
			}
			text.WriteString(" near Synthtown " + fmt.Sprint(pi))
			ev.Places = []string{id}
		}
		if r.IntN(2) == 0 {
			ev.Date = sitrep.NullString(pub)
		}
		// Words drawn at random make each text distinct for the
		// syndication index.
		for range 4 + r.IntN(6) {
			text.WriteString(" " + synthWords[r.IntN(len(synthWords))])
		}
		text.WriteString(".")
		if kind := synthKinds[r.IntN(len(synthKinds))]; kind != sitrep.SpeakerUnattributed {
			q := sitrep.Quote{ID: fmt.Sprintf("q%d", e+1), Start: start, End: text.Len(), Direct: false,
				Speaker: sitrep.Speaker{Text: "a spokesperson", Kind: kind}}
			text.WriteString(" a spokesperson said.")
			d.Quotes = append(d.Quotes, q)
			ev.Attribution = sitrep.NullString(q.ID)
		}
		ev.Evidence = sitrep.Span{Start: start, End: text.Len()}
		d.Sentences = append(d.Sentences, sitrep.Sentence{Start: start, End: text.Len(), Kind: "body"})
		d.Events = append(d.Events, ev)
		text.WriteString("\n")
	}
	d.Text = text.String()
	return d
}
