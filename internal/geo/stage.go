package geo

import (
	"context"
	"math"
	"strconv"
	"sync"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/pipeline"
)

// Name is the stage name.
const Name = "geo"

// Stage recognises and resolves toponyms, filling Doc.Places. It is safe
// for concurrent use.
type Stage struct {
	g    *Gazetteer
	pool sync.Pool // *recogniser scratch space
}

var _ pipeline.Stage = (*Stage)(nil)

// New returns the geo stage over gazetteer g (from Load).
func New(g *Gazetteer) *Stage {
	s := &Stage{g: g}
	s.pool.New = func() any { return &recogniser{g: g} }
	return s
}

// Name returns "geo".
func (*Stage) Name() string { return Name }

// Gazetteer returns the stage's gazetteer.
func (s *Stage) Gazetteer() *Gazetteer { return s.g }

// Process fills doc.Places. Demonyms and adjectives ("Afghan troops") and
// capitals standing for governments ("Beijing said") are not places; vague
// regions ("the region", "the south") are never given a point and are left
// out, since a wrong dot on a map is worse than none.
func (s *Stage) Process(ctx context.Context, doc *sitrep.Doc) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	tops := s.Toponyms(doc)
	doc.Places = s.places(doc, tops, doc.Places[:0])
	return nil
}

// Toponyms returns every toponym of the document with its reading and
// resolved gazetteer entry (Place, -1 if unresolved), in text order.
func (s *Stage) Toponyms(doc *sitrep.Doc) []Toponym {
	r := s.pool.Get().(*recogniser)
	defer s.pool.Put(r)
	r.doc = doc
	r.ws = scanWords(doc.Text, r.ws[:0])
	r.markSentenceStarts()
	r.tops = r.tops[:0]
	r.recognise()
	r.resolve()
	out := make([]Toponym, len(r.tops))
	copy(out, r.tops)
	for i := range out {
		out[i].cands = nil
	}
	r.doc = nil
	return out
}

// markSentenceStarts takes sentence starts from the segmenter when present:
// they are better than the scanner's punctuation rule (abbreviations).
func (r *recogniser) markSentenceStarts() {
	if len(r.doc.Sentences) == 0 {
		return
	}
	si := 0
	for i := range r.ws {
		w := &r.ws[i]
		for si < len(r.doc.Sentences) && r.doc.Sentences[si].End <= w.start {
			si++
		}
		if si >= len(r.doc.Sentences) {
			break
		}
		// First word of the sentence, allowing opening quotes before it.
		st := r.doc.Sentences[si].Start
		w.init = w.start >= st && (i == 0 || r.ws[i-1].end <= st)
	}
}

func (s *Stage) places(doc *sitrep.Doc, tops []Toponym, out []sitrep.Place) []sitrep.Place {
	g := s.g
	byPlace := map[int32]int{}
	for _, t := range tops {
		if t.Reading != Literal || t.Place < 0 {
			continue
		}
		m := sitrep.Mention{Start: t.Start, End: t.End, Text: doc.Text[t.Start:t.End], Why: t.Why}
		if k, ok := byPlace[t.Place]; ok && !t.Near {
			out[k].Mentions = append(out[k].Mentions, m)
			continue
		}
		e := &g.Places[t.Place]
		lat, lon := round4(e.Lat), round4(e.Lon)
		if t.Near {
			// A street or building, or a name the gazetteer lacks: placed
			// at the locality it stands in.
			p := sitrep.Place{
				ID:       "p" + strconv.Itoa(len(out)+1),
				Name:     doc.Text[t.Start:t.End],
				Lat:      &lat,
				Lon:      &lon,
				Feature:  sitrep.FeatureLandmark,
				Country:  sitrep.NullString(e.CC),
				Mentions: []sitrep.Mention{m},
			}
			// No admin1: the point is the locality's, an approximation, and
			// a province claimed from it would be invented (a district the
			// gazetteer lacks is not in the dateline's province).
			out = append(out, p)
			continue
		}
		p := sitrep.Place{
			ID:       "p" + strconv.Itoa(len(out)+1),
			Name:     e.Name,
			Lat:      &lat,
			Lon:      &lon,
			Feature:  e.Feature(),
			Country:  sitrep.NullString(e.CC),
			Mentions: []sitrep.Mention{m},
		}
		if a := g.Admin1Of(t.Place); a >= 0 && e.Kind != KindAdmin1 {
			p.Admin1 = sitrep.NullString(g.Places[a].Name)
		}
		if e.GeonameID != 0 {
			id := int(e.GeonameID)
			p.GeonameID = &id
		}
		byPlace[t.Place] = len(out)
		out = append(out, p)
	}
	return out
}

// round4 rounds a stored coordinate to its 4 stored decimals (about 11 m),
// dropping float32 noise.
func round4(v float32) float64 { return math.Round(float64(v)*1e4) / 1e4 }

// PlaceAt returns the id of the place with a mention overlapping span s,
// for later stages that link events to places.
func PlaceAt(doc *sitrep.Doc, s sitrep.Span) (string, bool) {
	for _, p := range doc.Places {
		for _, m := range p.Mentions {
			if m.Span().Overlaps(s) {
				return p.ID, true
			}
		}
	}
	return "", false
}

// PlacesIn returns the ids of places mentioned inside span s (an event's
// sentence or evidence), in order of first mention there, without repeats.
func PlacesIn(doc *sitrep.Doc, s sitrep.Span) []string {
	var ids []string
	for _, p := range doc.Places {
		for _, m := range p.Mentions {
			if s.Contains(m.Span()) {
				ids = append(ids, p.ID)
				break
			}
		}
	}
	return ids
}
