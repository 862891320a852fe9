package chunk_test

import (
	"context"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/nlp/chunk"
	"github.com/sitrep/sitrep/internal/nlp/ner"
	"github.com/sitrep/sitrep/internal/nlp/pos"
	"github.com/sitrep/sitrep/internal/segment"
)

func processCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkLanguageLayer measures the whole language layer (tokenize,
// tag and lemmatize, entities, parse and chunks) on the news testdata,
// and reports tokens per second of CPU time, which a loaded machine
// disturbs less than wall time. Run it with -cpu 1.
func BenchmarkLanguageLayer(b *testing.B) {
	src, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		b.Fatal(err)
	}
	seg := segment.New()
	ps, err := pos.New()
	if err != nil {
		b.Fatal(err)
	}
	ns, err := ner.New(ner.Config{})
	if err != nil {
		b.Fatal(err)
	}
	cs, err := chunk.New()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	ntok := 0
	cpu0 := processCPU()
	for b.Loop() {
		doc := &sitrep.Doc{Text: string(src)}
		for _, st := range []interface {
			Process(context.Context, *sitrep.Doc) error
		}{seg, ps, ns, cs} {
			if err := st.Process(ctx, doc); err != nil {
				b.Fatal(err)
			}
		}
		ntok += len(doc.Tokens)
	}
	b.ReportMetric(float64(ntok)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(ntok)/(processCPU()-cpu0).Seconds(), "tokens/cpu-s")
}
