package attrib

import (
	"context"
	"sync"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/clean"
	"github.com/sitrep/sitrep/internal/nlp/chunk"
	"github.com/sitrep/sitrep/internal/nlp/pos"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/segment"
)

// The stages that run before attrib in the engine and that it reads
// (tokens, sentences, tags, parse), built once for all tests. The engine
// itself cannot be imported here: it imports this package.
var upstreamOnce = sync.OnceValues(func() ([]pipeline.Stage, error) {
	cl, err := clean.New()
	if err != nil {
		return nil, err
	}
	tg, err := pos.New()
	if err != nil {
		return nil, err
	}
	ps, err := chunk.New()
	if err != nil {
		return nil, err
	}
	return []pipeline.Stage{cl, segment.New(), tg, ps}, nil
})

// prepare runs segment, tagger and parser on a doc whose Text is set
// (skipping the cleaner, which reads Raw).
func prepare(t testing.TB, doc *sitrep.Doc) {
	t.Helper()
	st, err := upstreamOnce()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range st[1:] {
		if err := s.Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
	}
}

// testProcessor is engine.Process reduced to the stages attrib reads.
func testProcessor(t testing.TB) Processor {
	st, err := upstreamOnce()
	if err != nil {
		t.Fatal(err)
	}
	q, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return func(ctx context.Context, in sitrep.Input) (*sitrep.Doc, error) {
		doc := &sitrep.Doc{Raw: in.Text}
		for _, s := range append(st[:len(st):len(st)], q) {
			if err := s.Process(ctx, doc); err != nil {
				return nil, err
			}
		}
		return doc, nil
	}
}
