package actors

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/segment"
)

func benchDoc(b *testing.B) *sitrep.Doc {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "bench.txt"))
	if err != nil {
		b.Fatal(err)
	}
	doc := &sitrep.Doc{Text: string(data[len("published: 2021-08-10\n"):]), Published: "2021-08-10"}
	segment.Split(doc)
	return doc
}

// BenchmarkLoad measures parsing the embedded lexicon and building its index.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkResolve measures the actors stage on a 500-word article that
// has already been segmented.
func BenchmarkResolve(b *testing.B) {
	doc := benchDoc(b)
	r := New(testLexicon(b))
	ctx := context.Background()
	b.SetBytes(int64(len(doc.Text)))
	for b.Loop() {
		doc.Actors = nil
		if err := r.Process(ctx, doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSegment is the segmenter on the same article, for scale.
func BenchmarkSegment(b *testing.B) {
	doc := benchDoc(b)
	b.SetBytes(int64(len(doc.Text)))
	for b.Loop() {
		d := &sitrep.Doc{Text: doc.Text}
		segment.Split(d)
	}
}

func TestBenchArticle(t *testing.T) {
	// The benchmark article resolves its main actors (keeps the benchmark honest).
	data, err := os.ReadFile(filepath.Join("testdata", "bench.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc := &sitrep.Doc{Text: string(data[len("published: 2021-08-10\n"):]), Published: "2021-08-10"}
	segment.Split(doc)
	if err := New(testLexicon(t)).Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	checkDoc(t, doc)
	for _, id := range []string{"AFGMIL", "AFGREBTAL", "ashraf-ghani", "antony-blinken", "wang-yi", "CHNREBETM", "IGOUNOREFHCR", "AFGREBHQN", "IMGMOSISK", "RUSGOV"} {
		if find(doc, id) == nil {
			t.Errorf("no %s", id)
		}
	}
	if testing.Verbose() {
		Explain(io.Discard, doc)
	}
}
