// Package engine is sitrep's library entry point: engine.New(cfg) builds the
// analysis pipeline once (loading models and lexicons), and Process turns
// one Input into an analysed *sitrep.Doc. An Engine is safe for concurrent
// use by many goroutines.
package engine

import (
	"context"
	"fmt"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/actors"
	"github.com/sitrep/sitrep/internal/attrib"
	"github.com/sitrep/sitrep/internal/clean"
	"github.com/sitrep/sitrep/internal/config"
	"github.com/sitrep/sitrep/internal/events"
	"github.com/sitrep/sitrep/internal/geo"
	"github.com/sitrep/sitrep/internal/nlp/chunk"
	"github.com/sitrep/sitrep/internal/nlp/ner"
	"github.com/sitrep/sitrep/internal/nlp/pos"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/quantity"
	"github.com/sitrep/sitrep/internal/segment"
	"github.com/sitrep/sitrep/internal/timex"
	"golang.org/x/sync/errgroup"
)

// Config is the engine's configuration.
type Config = config.Config

// DefaultConfig returns the default configuration.
func DefaultConfig() Config { return config.Default() }

// Engine analyses documents.
type Engine struct {
	cfg  Config
	pipe *pipeline.Pipeline
}

// New builds an engine, loading the models, lexicons and gazetteer once.
// They load concurrently: each takes a few hundred milliseconds of CPU.
// Stages run in the order listed: each reads the layers the ones before it
// wrote.
func New(cfg Config) (*Engine, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	var (
		g       errgroup.Group
		cleaner *clean.Cleaner
		lex     *actors.Lexicon
		tagger  *pos.Stage
		parser  *chunk.Stage
		coder   *events.Coder
		gaz     *geo.Gazetteer
		quotes  *attrib.Stage
		names   *ner.Stage
	)
	g.Go(func() (err error) { cleaner, err = clean.New(); return })
	g.Go(func() (err error) { tagger, err = pos.New(); return })
	g.Go(func() (err error) { parser, err = chunk.New(); return })
	g.Go(func() (err error) { coder, err = events.New(); return })
	g.Go(func() (err error) { gaz, err = geo.Load(); return })
	g.Go(func() (err error) { quotes, err = attrib.New(); return })
	g.Go(func() (err error) {
		if lex, err = actors.Load(cfg.LexiconDir); err != nil {
			return err
		}
		// The actor lexicon's names feed the entity model as features, and
		// as overrides where the lexicon is sure.
		names, err = ner.New(ner.Config{Lexicon: ner.LexiconFunc(func(doc *sitrep.Doc, dst []ner.Match) []ner.Match {
			lex.Names(doc, func(first, limit int, label string, sure bool) {
				dst = append(dst, ner.Match{First: first, Limit: limit, Label: label, Override: sure})
			})
			return dst
		})})
		return err
	})
	if err := g.Wait(); err != nil {
		return nil, fmt.Errorf("engine: %w", err)
	}
	e := &Engine{cfg: cfg}
	e.pipe = pipeline.New(
		cleaner,
		segment.New(),
		tagger,
		names,
		parser,
		timex.New(),
		quantity.New(),
		actors.New(lex),
		geo.New(gaz),
		quotes,
		coder, // codes events, then the claims ledger (Doc.Sourcing)
	)
	return e, nil
}

// Stages returns the names of the pipeline's stages in order.
func (e *Engine) Stages() []string {
	var names []string
	for _, s := range e.pipe.Stages() {
		names = append(names, s.Name())
	}
	return names
}

// Process analyses one document. It fails only for input that cannot be
// analysed at all (empty, binary, too large) or when ctx is done; problems
// inside a stage become diagnostics on the returned Doc. Errors name the
// input.
func (e *Engine) Process(ctx context.Context, in sitrep.Input) (*sitrep.Doc, error) {
	return e.process(ctx, in, nil)
}

// ProcessTimed is Process that also adds each stage's time to t.
func (e *Engine) ProcessTimed(ctx context.Context, in sitrep.Input, t pipeline.Timings) (*sitrep.Doc, error) {
	return e.process(ctx, in, t)
}

func (e *Engine) process(ctx context.Context, in sitrep.Input, t pipeline.Timings) (*sitrep.Doc, error) {
	raw, isHTML := in.Text, false
	if in.HTML != "" {
		raw, isHTML = in.HTML, true
	}
	if len(raw) > e.cfg.MaxDocBytes {
		return nil, &sitrep.DocError{Doc: in.Label(), Err: fmt.Errorf("document is %d bytes, over the limit of %d", len(raw), e.cfg.MaxDocBytes)}
	}
	doc := &sitrep.Doc{
		Schema:    sitrep.Schema,
		ID:        sitrep.NullString(in.ID),
		Title:     sitrep.NullString(in.Title),
		Outlet:    sitrep.NullString(in.Outlet),
		URL:       sitrep.NullString(in.URL),
		Published: sitrep.NullString(in.Published),
		Raw:       raw,
		RawHTML:   isHTML,
	}
	if err := e.pipe.Run(ctx, doc, t); err != nil {
		return nil, &sitrep.DocError{Doc: in.Label(), Err: err}
	}
	doc.Raw = ""
	doc.Normalize()
	return doc, nil
}
