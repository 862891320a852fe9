package store

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
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

// benchItems returns b.N distinct variants of the example document.
func benchItems(b *testing.B) []Item {
	doc := exampleDoc(b)
	items := make([]Item, b.N)
	for i := range items {
		items[i] = Item{Key: fmt.Sprintf("k%d", i), Doc: variant(doc, i)}
	}
	return items
}

func BenchmarkPutBatch(b *testing.B) {
	for name, open := range benchStores(b) {
		for _, size := range []int{16, 64} {
			b.Run(fmt.Sprintf("%s/%d", name, size), func(b *testing.B) {
				st := open(b)
				items := benchItems(b)
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

// threadCPU is the CPU time of the calling OS thread (Linux:
// RUSAGE_THREAD); ok is false where the system cannot tell.
func threadCPU() (d time.Duration, ok bool) {
	const rusageThread = 1
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}

// BenchmarkPipeline stores pre-analysed documents as a pipeline: every
// core prepares documents (Item.Prepare: JSON, compression, text hash,
// signature, rows) for one writer, which stores them 64 per transaction
// (PutBatch) on an OS thread of its own. Besides the wall rate and the
// process's CPU per document it reports the writer thread's
// (writer-cpu-ms/doc), the bound on the rate when the other cores keep up:
// 1,000 / writer-cpu-ms/doc documents per second. Run it with -cpu 2 or
// more; garbage collection running on other threads is not the writer's.
//
//	go test ./internal/store -run '^$' -bench 'Pipeline' -benchtime 3000x -cpu 2
func BenchmarkPipeline(b *testing.B) {
	for name, open := range benchStores(b) {
		b.Run(name, func(b *testing.B) {
			st := open(b)
			items := benchItems(b)
			ctx := context.Background()
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			b.ResetTimer()
			cpu0 := cpuTime()
			w0, ok := threadCPU()
			prepared := make(chan Item, 128)
			var (
				next atomic.Int64
				wg   sync.WaitGroup
			)
			for range runtime.GOMAXPROCS(0) {
				wg.Go(func() {
					for i := next.Add(1) - 1; i < int64(len(items)); i = next.Add(1) - 1 {
						it := items[i]
						it.Prepare()
						prepared <- it
					}
				})
			}
			go func() {
				wg.Wait()
				close(prepared)
			}()
			batch := make([]Item, 0, 64)
			flush := func() {
				res, err := PutBatch(ctx, st, batch)
				if err != nil {
					b.Fatal(err)
				}
				for _, r := range res {
					if r.Err != nil {
						b.Fatal(r.Err)
					}
				}
				batch = batch[:0]
			}
			for it := range prepared {
				if batch = append(batch, it); len(batch) == cap(batch) {
					flush()
				}
			}
			if len(batch) > 0 {
				flush()
			}
			w1, _ := threadCPU()
			reportRates(b, cpu0)
			if ok {
				b.ReportMetric(float64(w1-w0)/float64(time.Millisecond)/float64(b.N), "writer-cpu-ms/doc")
			}
		})
	}
}
