package chunk_test

import (
	"os"
	"testing"

	"github.com/jdkato/prose/v3"
)

// BenchmarkProse runs prose v3, the Go NLP library peers use, over the
// same text as BenchmarkLanguageLayer (tokenize, sentences, tags,
// entities: prose has no parser), so the two read side by side. Tokens
// are prose's own.
func BenchmarkProse(b *testing.B) {
	src, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(src)
	ntok := 0
	cpu0 := processCPU()
	for b.Loop() {
		doc, err := prose.NewDocument(text)
		if err != nil {
			b.Fatal(err)
		}
		ntok += len(doc.Tokens())
	}
	b.ReportMetric(float64(ntok)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(ntok)/(processCPU()-cpu0).Seconds(), "tokens/cpu-s")
}
