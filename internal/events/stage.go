// Package events is the pipeline stage that codes political events (who
// did what to whom) in PLOVER types with CAMEO codes, from the language
// layer (tokens, lemmas, chunks), the actor mentions and the place, time,
// quantity and quote layers. It fills Doc.Events, Doc.Relations and
// Doc.Sourcing.
//
// Triggers come from a pattern lexicon kept as data (lexicon/events):
// verbs with particles or object nouns ("crack down on", "step up
// campaign") and nominal events ("the oppression of X", "backing from Y").
// Roles come from the chunker's clause structure where it is present and
// from a shallow reading of the actor mentions around the trigger where it
// is not, so the stage degrades gracefully on a partial language layer.
package events

import (
	"context"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/attrib"
	"github.com/sitrep/sitrep/internal/pipeline"
)

// Name is the stage name.
const Name = "events"

// Coder is the events stage. It holds only the read-only lexicon and is
// safe for concurrent use.
type Coder struct {
	lex *Lexicon
}

var _ pipeline.Stage = (*Coder)(nil)

// New returns the events stage with the embedded lexicon.
func New() (*Coder, error) {
	lex, err := DefaultLexicon()
	if err != nil {
		return nil, err
	}
	return &Coder{lex: lex}, nil
}

// NewWithLexicon returns the events stage with lexicon lex.
func NewWithLexicon(lex *Lexicon) *Coder { return &Coder{lex: lex} }

// Lexicon returns the coder's lexicon.
func (c *Coder) Lexicon() *Lexicon { return c.lex }

// Name returns "events".
func (*Coder) Name() string { return Name }

// Process codes doc's events and relations, replacing earlier ones, and
// then computes the claims ledger (Doc.Sourcing) by the attribution
// layer's rule (attrib.Sourcing), so that the ledger is right even when
// the separate sourcing stage is not run.
func (c *Coder) Process(ctx context.Context, doc *sitrep.Doc) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.Code(doc)
	doc.Sourcing = attrib.Sourcing(doc)
	return nil
}
