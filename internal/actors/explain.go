package actors

import (
	"context"
	"fmt"
	"io"
	"sort"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/segment"
)

// Explain writes one line per actor mention of doc, in text order: the byte
// span, the words, the actor (id, type, country, sector, role) and why the
// mention resolved to it.
func Explain(w io.Writer, doc *sitrep.Doc) error {
	type line struct {
		m sitrep.Mention
		a *sitrep.Actor
	}
	var lines []line
	for i := range doc.Actors {
		a := &doc.Actors[i]
		for _, m := range a.Mentions {
			lines = append(lines, line{m, a})
		}
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].m.Start < lines[j].m.Start })
	for _, l := range lines {
		a := l.a
		extra := ""
		if a.Country != "" {
			extra += " country=" + string(a.Country)
		}
		if a.Sector != "" {
			extra += " sector=" + string(a.Sector)
		}
		if a.Role != "" {
			extra += fmt.Sprintf(" role=%q", string(a.Role))
		}
		text := l.m.Text
		if text == "" {
			text = doc.Slice(l.m.Span())
		}
		if _, err := fmt.Fprintf(w, "%d-%d\t%q\t%s (%s%s)\t%s\n", l.m.Start, l.m.End, text, a.ID, a.Type, extra, l.m.Why); err != nil {
			return err
		}
	}
	return nil
}

// ExplainText resolves the actors of text on its own (segmentation and this
// stage, without the language layer) and explains each mention. published
// (YYYY-MM-DD, may be empty) picks office holders.
func (r *Resolver) ExplainText(ctx context.Context, w io.Writer, text, published string) error {
	doc := &sitrep.Doc{Text: text, Published: sitrep.NullString(published)}
	segment.Split(doc)
	if err := r.Process(ctx, doc); err != nil {
		return err
	}
	return Explain(w, doc)
}

// Names reports every run of doc.Tokens that the lexicon names, for the
// language layer's entity recogniser: fn gets the token range, a label
// (PER, ORG, GPE or NORP) and whether the match is sure enough to stand
// against a model (a multi-word name, or a person, country or organisation
// name in its proper case). Sector words are not reported.
func (l *Lexicon) Names(doc *sitrep.Doc, fn func(first, limit int, label string, sure bool)) {
	if len(doc.Tokens) == 0 {
		return
	}
	s := New(l).newState(doc)
	s.items = make([]item, 0, len(s.toks)/6+4)
	s.scan()
	for ix, it := range s.items {
		h := s.head(ix)
		if h == nil || it.end != 0 {
			continue
		}
		label := "ORG"
		switch {
		case h.kind == kAdj:
			label = "NORP"
		case h.kind == kCapital:
			label = "GPE"
		case h.entry.Type == sitrep.ActorPerson:
			label = "PER"
		case h.entry.Type == sitrep.ActorCountry:
			label = "GPE"
		case h.entry.Type == sitrep.ActorEthnicGroup:
			label = "NORP"
		}
		sure := h.kind == kName && (it.limit-it.first > 1 || h.proper)
		fn(it.first, it.limit, label, sure)
	}
}
