package chunk

import (
	"context"
	"os"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/nlp/pos"
	"github.com/sitrep/sitrep/internal/segment"
)

// TestParseCachedScores checks that parse, which scores the buffer and
// stack-top features once and reuses the sums, parses exactly as scoring
// all of a configuration's features at each transition does.
func TestParseCachedScores(t *testing.T) {
	src, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc := pipelineDoc(t, string(src))
	p, err := DefaultParser()
	if err != nil {
		t.Fatal(err)
	}
	var st, ref state
	for _, sn := range doc.Sentences {
		var in []Input
		for _, tk := range doc.Tokens[sn.First:sn.Limit] {
			in = append(in, Input{Form: tk.Norm, UPOS: tk.POS, XPOS: tk.Tag})
		}
		n := len(in)
		heads, deps := make([]int, n), make([]string, n)
		p.parse(&st, in, heads, deps)

		// Reference: all features scored together.
		ref.prepare(in, p.clusters)
		ref.reset(n)
		na := 2 + 2*len(p.labels)
		scores := make([]float32, na)
		for ref.b < n {
			ref.features()
			p.model.Score(ref.feats, scores)
			best := -1
			for a := range na {
				if (best < 0 || scores[a] > scores[best]) && ref.valid(a) {
					best = a
				}
			}
			ref.apply(best)
		}
		rh, rd := make([]int, n), make([]string, n)
		p.finish(&ref, rh, rd)
		if !slices.Equal(heads, rh) || !slices.Equal(deps, rd) {
			t.Errorf("sentence %d: parse = %v %v, want %v %v", sn.First, heads, deps, rh, rd)
		}
	}
}

// TestStageConcurrent runs shared pos and chunk stages (with their pooled
// scratch) from several goroutines: each must get the sequential result.
func TestStageConcurrent(t *testing.T) {
	src, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := pipelineDoc(t, string(src))
	ps, err := pos.New()
	if err != nil {
		t.Fatal(err)
	}
	cs, err := New()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for range 4 {
		wg.Go(func() {
			for range 5 {
				doc := &sitrep.Doc{Text: string(src)}
				ctx := context.Background()
				segment.New().Process(ctx, doc)
				ps.Process(ctx, doc)
				cs.Process(ctx, doc)
				if !reflect.DeepEqual(doc.Tokens, want.Tokens) || !reflect.DeepEqual(doc.Chunks, want.Chunks) {
					errs <- "concurrent result differs from the sequential one"
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}
