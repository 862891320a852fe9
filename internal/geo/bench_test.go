package geo

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
)

// BenchmarkLoad measures parsing the embedded gazetteer (what Load does
// once per process) and reports the heap it keeps.
func BenchmarkLoad(b *testing.B) {
	pz, _ := dataFS.ReadFile("data/places.tsv.gz")
	nz, _ := dataFS.ReadFile("data/names.tsv.gz")
	c0 := cpuTime()
	for b.Loop() {
		if _, err := parse(pz, nz); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	var after runtime.MemStats
	runtime.GC()
	g2, _ := parse(pz, nz)
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc)/(1<<20), "heapMB")
	b.ReportMetric(float64(after.Sys)/(1<<20), "sysMB")
	runtime.KeepAlive(g2)
}

func benchText(b *testing.B) string {
	p := filepath.Join("testdata", "kandahar.txt")
	t, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	return string(t)
}

// BenchmarkToponyms measures recognition and resolution on one core and
// reports toponyms per second.
func BenchmarkToponyms(b *testing.B) {
	g, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	st := New(g)
	text := benchText(b)
	doc := &sitrep.Doc{Text: text}
	if err := prepare(context.Background(), doc); err != nil {
		b.Fatal(err)
	}
	n := len(st.Toponyms(doc))
	if n == 0 {
		b.Fatal("no toponyms in benchmark text")
	}
	b.ResetTimer()
	for b.Loop() {
		st.Toponyms(doc)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "toponyms/s")
}

// BenchmarkProcess measures the whole stage (toponyms and Places) per document.
func BenchmarkProcess(b *testing.B) {
	g, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	st := New(g)
	doc := &sitrep.Doc{Text: benchText(b)}
	if err := prepare(context.Background(), doc); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		if err := st.Process(ctx, doc); err != nil {
			b.Fatal(err)
		}
	}
}
