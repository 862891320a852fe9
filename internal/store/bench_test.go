package store

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/engine"
	"github.com/sitrep/sitrep/internal/store/storetest"
)

var (
	exampleOnce sync.Once
	exampleJSON []byte
	exampleErr  error
)

// exampleDoc analyses examples/sudan-ethiopia-border.txt once, so that the
// benchmarks store what ingest stores: a real analysis, with its tokens,
// chunks, actors, places, quotes and events.
func exampleDoc(b *testing.B) *sitrep.Doc {
	exampleOnce.Do(func() {
		raw, err := os.ReadFile(filepath.Join("..", "..", "examples", "sudan-ethiopia-border.txt"))
		if err != nil {
			exampleErr = err
			return
		}
		title, text, _ := strings.Cut(string(raw), "\n")
		eng, err := engine.New(engine.DefaultConfig())
		if err != nil {
			exampleErr = err
			return
		}
		doc, err := eng.Process(context.Background(), sitrep.Input{ID: "ex", Title: title, Text: text,
			Outlet: "Example", Published: "2021-01-12"})
		if err != nil {
			exampleErr = err
			return
		}
		exampleJSON, exampleErr = json.Marshal(doc)
	})
	if exampleErr != nil {
		b.Fatal(exampleErr)
	}
	var d sitrep.Doc
	if err := json.Unmarshal(exampleJSON, &d); err != nil {
		b.Fatal(err)
	}
	return &d
}

// variant returns a copy of doc with its own id and a text made distinct
// by scrambling every other word in place (same byte lengths, so every
// span stays valid): the store sees n different articles, not n copies of
// one, and the syndication index does its ordinary work.
func variant(doc *sitrep.Doc, n int) *sitrep.Doc {
	d := *doc
	d.ID = sitrep.NullString(fmt.Sprintf("bench-%d", n))
	b := []byte(doc.Text)
	x := uint64(n)*0x9E3779B97F4A7C15 + 1
	word := 0
	for i := 0; i < len(b); {
		if !(b[i] >= 'a' && b[i] <= 'z') {
			i++
			continue
		}
		j := i
		for j < len(b) && b[j] >= 'a' && b[j] <= 'z' {
			j++
		}
		if word%2 == 0 {
			for k := i; k < j; k++ {
				x ^= x << 13
				x ^= x >> 7
				x ^= x << 17
				b[k] = 'a' + byte(x%26)
			}
		}
		word++
		i = j
	}
	d.Text = string(b)
	return &d
}

// cpuTime is the process's user+system CPU time so far. The development
// machine is shared, so wall-clock rates there are lower bounds; CPU time
// per document (this process: for SQLite the whole store, for PostgreSQL
// the client side only) is what stays put.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportRates(b *testing.B, cpu0 time.Duration) {
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/doc")
}

func benchStores(b *testing.B) map[string]func(b *testing.B) Store {
	m := map[string]func(b *testing.B) Store{
		"sqlite": func(b *testing.B) Store {
			s, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { s.Close() })
			return s
		},
	}
	if os.Getenv(storetest.Env) != "" {
		m["postgres"] = func(b *testing.B) Store {
			s, err := Open(context.Background(), storetest.PostgresURL(b))
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { s.Close() })
			return s
		}
	}
	return m
}

// BenchmarkPut stores pre-analysed documents, one transaction each, and
// BenchmarkPutBatch 64 per transaction: the cost of the store alone,
// analysis excluded. Reported as docs/s.
//
//	go test ./internal/store -run '^$' -bench 'Put' -benchtime 2000x
func BenchmarkPut(b *testing.B) {
	for name, open := range benchStores(b) {
		b.Run(name, func(b *testing.B) {
			doc := exampleDoc(b)
			st := open(b)
			docs := make([]*sitrep.Doc, b.N)
			for i := range docs {
				docs[i] = variant(doc, i)
			}
			ctx := context.Background()
			b.ResetTimer()
			cpu0 := cpuTime()
			for i, d := range docs {
				if _, _, err := st.Put(ctx, fmt.Sprintf("k%d", i), d); err != nil {
					b.Fatal(err)
				}
			}
			reportRates(b, cpu0)
		})
	}
}

func BenchmarkPutBatch(b *testing.B) {
	for name, open := range benchStores(b) {
		for _, size := range []int{16, 64} {
			b.Run(fmt.Sprintf("%s/%d", name, size), func(b *testing.B) {
				doc := exampleDoc(b)
				st := open(b)
				items := make([]Item, b.N)
				for i := range items {
					items[i] = Item{Key: fmt.Sprintf("k%d", i), Doc: variant(doc, i)}
				}
				ctx := context.Background()
				b.ResetTimer()
				cpu0 := cpuTime()
				for start := 0; start < len(items); start += size {
					res, err := PutBatch(ctx, st, items[start:min(start+size, len(items))])
					if err != nil {
						b.Fatal(err)
					}
					for _, r := range res {
						if r.Err != nil {
							b.Fatal(r.Err)
						}
					}
				}
				reportRates(b, cpu0)
			})
		}
	}
}
