package attrib

import (
	"context"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/pipeline"
)

// QuoteAt returns the innermost quote of doc whose content contains s, or
// nil when s lies in the outlet's own narrative. The events stage uses it
// to set Event.Attribution.
func QuoteAt(doc *sitrep.Doc, s sitrep.Span) *sitrep.Quote {
	var best *sitrep.Quote
	for i := range doc.Quotes {
		q := &doc.Quotes[i]
		if q.Span().Contains(s) && (best == nil || q.End-q.Start < best.End-best.Start) {
			best = q
		}
	}
	return best
}

// quoteByID returns the quote with id, or nil.
func quoteByID(doc *sitrep.Doc, id string) *sitrep.Quote {
	for i := range doc.Quotes {
		if doc.Quotes[i].ID == id {
			return &doc.Quotes[i]
		}
	}
	return nil
}

// eventAnchor is the span an event is asserted at: its trigger when known,
// else its evidence.
func eventAnchor(ev sitrep.Event) sitrep.Span {
	if ev.Trigger != nil {
		return *ev.Trigger
	}
	return ev.Evidence
}

// Attribute sets Event.Attribution, where the events stage left it empty,
// to the innermost quote holding the event's trigger (or evidence).
func Attribute(doc *sitrep.Doc) {
	for i := range doc.Events {
		ev := &doc.Events[i]
		if ev.Attribution != "" {
			continue
		}
		if q := QuoteAt(doc, eventAnchor(*ev)); q != nil {
			ev.Attribution = sitrep.NullString(q.ID)
		}
	}
}

// Sourcing computes the claims ledger of doc. The rule:
//
//  1. Each event is one claim, under the speaker kind of its attribution
//     quote (Event.Attribution, else the innermost quote holding it).
//  2. Each quantity is one claim, under the kind of the innermost quote
//     holding it.
//  3. Each quote that holds no event is one claim of its own (a statement,
//     like the UN's "deeply concerned"), except a partial quote nested in a
//     quote of the same speaker, which repeats that quote.
//
// A claim outside every quote is the outlet's narrative voice with no cue:
// "unattributed". Only an explicit self-citation ("The Mirror can reveal")
// makes a quote whose speaker kind is "outlet".
func Sourcing(doc *sitrep.Doc) sitrep.Sourcing {
	var s sitrep.Sourcing
	kindOf := func(q *sitrep.Quote) string {
		if q == nil {
			return sitrep.SpeakerUnattributed
		}
		return q.Speaker.Kind
	}
	hasEvent := make([]bool, len(doc.Quotes))
	index := make(map[*sitrep.Quote]int, len(doc.Quotes))
	for i := range doc.Quotes {
		index[&doc.Quotes[i]] = i
	}
	for _, ev := range doc.Events {
		var q *sitrep.Quote
		if ev.Attribution != "" {
			q = quoteByID(doc, string(ev.Attribution))
		}
		if q == nil {
			q = QuoteAt(doc, eventAnchor(ev))
		}
		s.Add(kindOf(q))
		// The event also fills every quote around it.
		a := eventAnchor(ev)
		for i := range doc.Quotes {
			if doc.Quotes[i].Span().Contains(a) || (q != nil && index[q] == i) {
				hasEvent[i] = true
			}
		}
	}
	for _, qt := range doc.Quantities {
		s.Add(kindOf(QuoteAt(doc, sitrep.Span{Start: qt.Start, End: qt.End})))
	}
	for i, q := range doc.Quotes {
		if hasEvent[i] || nestedPartial(q, doc.Quotes) {
			continue
		}
		s.Add(q.Speaker.Kind)
	}
	return s
}

// SourcingName is the name of the sourcing stage.
const SourcingName = "sourcing"

// NewSourcing returns the stage that runs after events: it fills missing
// Event.Attribution links and computes Doc.Sourcing.
func NewSourcing() pipeline.Stage {
	return pipeline.Func(SourcingName, func(_ context.Context, doc *sitrep.Doc) error {
		Attribute(doc)
		doc.Sourcing = Sourcing(doc)
		return nil
	})
}

// QuoteSentence reports whether sentence i of doc lies inside a direct
// quotation of Doc.Quotes, for whoever sets Sentence.Kind to "quote" (the
// segmenter owns that field; MarkQuoteSentences is the ready-made use).
func QuoteSentence(doc *sitrep.Doc, i int) bool {
	if i < 0 || i >= len(doc.Sentences) {
		return false
	}
	sp := doc.Sentences[i].Span()
	for _, q := range doc.Quotes {
		if !q.Direct {
			continue
		}
		// Allow the quotation marks and final punctuation just outside the
		// content span.
		in := sitrep.Span{Start: q.Start - 4, End: q.End + 4}
		if in.Contains(sp) {
			return true
		}
	}
	return false
}

// MarkQuoteSentences sets Kind to "quote" on the body sentences that lie
// inside a direct quotation. Call it after the attrib stage if the
// pipeline wants quote sentences marked.
func MarkQuoteSentences(doc *sitrep.Doc) {
	for i := range doc.Sentences {
		if doc.Sentences[i].Kind == sitrep.KindBody && QuoteSentence(doc, i) {
			doc.Sentences[i].Kind = sitrep.KindQuote
		}
	}
}
