package events_test

import (
	"context"
	"os"
	"testing"

	"github.com/sitrep/sitrep"
)

func benchInput(b *testing.B) sitrep.Input {
	data, err := os.ReadFile("../../../shared/seed/mirror-china-taliban-uyghurs.txt")
	if err != nil {
		b.Skip("seed article absent (../shared/seed)")
	}
	return inputFromTxt(string(data))
}

// BenchmarkLanguageLayer times every stage before events on the seed
// article; BenchmarkEvents times the events stage alone on its output.
// Their ratio is what coding adds to the language layer.
func BenchmarkLanguageLayer(b *testing.B) {
	in := benchInput(b)
	_, lang, _ := testPipeline(b)
	ctx := context.Background()
	for b.Loop() {
		d := &sitrep.Doc{Raw: in.Text, Published: sitrep.NullString(in.Published)}
		if err := lang.Run(ctx, d, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvents(b *testing.B) {
	in := benchInput(b)
	_, lang, coder := testPipeline(b)
	ctx := context.Background()
	d := &sitrep.Doc{Raw: in.Text, Published: sitrep.NullString(in.Published)}
	if err := lang.Run(ctx, d, nil); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := coder.Process(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(d.Events)), "events")
}
