package timex

import (
	"os"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/quantity"
	"github.com/sitrep/sitrep/internal/timex/lex"
)

// BenchmarkTaggers measures the time and quantity taggers together on a
// 640-word article and reports tokens per second.
func BenchmarkTaggers(b *testing.B) {
	text, err := os.ReadFile("testdata/bench_article.txt")
	if err != nil {
		b.Fatal(err)
	}
	s := string(text)
	tokens := len(lex.Scan(nil, s, lex.Lower(s)))
	pub := time.Date(2021, 8, 6, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		times := Tag(s, pub)
		qs := quantity.Tag(s, times)
		n += len(times) + len(qs)
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	_ = sitrep.Schema
}
