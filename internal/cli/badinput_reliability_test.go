package cli

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/engine"
	"github.com/sitrep/sitrep/internal/store"
)

// TestBadInputIngest ingests the bad-input corpus (internal/ingest/
// testdata/bad plus generated bombs, an endless gzip stream, a 100 MB line
// and deeply nested HTML) with a good document after each bad one, through
// the real engine into SQLite. Each bad input must end as a failure naming
// it (or a stored document when it is readable after all), every good
// document must be stored once, and the heap must stay bounded.
func TestBadInputIngest(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join("..", "ingest", "testdata", "bad")
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	var bad []string
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644)
		bad = append(bad, e.Name())
	}
	// mustFail are the inputs that cannot give a document.
	mustFail := []string{"binary.txt", "zipbomb.html", "empty.txt", "blank.html", "deep.jsonl:2"}
	var feeders sync.WaitGroup
	if !testing.Short() {
		bad = append(bad, writeGenerated(t, dir, &feeders)...)
		mustFail = append(mustFail, "bomb.jsonl.gz", "endless.jsonl.gz", "huge.txt", "huge.html")
	}
	good := []string{"0000-first"}
	os.WriteFile(filepath.Join(dir, "0000-first.txt"), []byte("Talks open\nChina said on Monday it would send aid to Afghanistan."), 0o644)
	for i, b := range bad {
		name := fmt.Sprintf("%s-good%02d", b, i)
		good = append(good, name)
		os.WriteFile(filepath.Join(dir, name+".txt"), []byte(fmt.Sprintf("Good %d\nPakistan said on Tuesday that %d people were killed in Kabul.", i, i+1)), 0o644)
	}

	cfg := engine.DefaultConfig()
	eng, err := engine.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "bad.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	peak := watchHeap(t)
	p := newProgress(io.Discard, true)
	err = ingestAll(context.Background(), eng, st, []string{dir}, cfg.Workers, int64(cfg.MaxDocBytes), func(*sitrep.Input) {}, p)
	feeders.Wait()
	heap := peak()
	if err != nil {
		t.Fatalf("ingest: %v", err)
	}
	t.Logf("%d new, %d failed; peak heap %d MiB", p.added, p.failed, heap>>20)
	for _, f := range p.failures {
		t.Logf("  %s", strings.ReplaceAll(f, dir+string(filepath.Separator), ""))
	}
	if heap > 1<<30 {
		t.Errorf("peak heap %d MiB, over 1 GiB", heap>>20)
	}
	for _, name := range mustFail {
		found := false
		for _, f := range p.failures {
			if strings.Contains(f, filepath.Join(dir, name)) {
				found = true
			}
			if strings.Contains(f, "panic") {
				t.Errorf("a panic: %s", f)
			}
		}
		if !found {
			t.Errorf("%s: no failure naming it", name)
		}
	}
	// Every good document is stored exactly once, and the feed's external
	// entity was not read.
	ctx := context.Background()
	rows, err := st.Docs(ctx, store.DocFilter{Page: store.Page{Limit: 1000}})
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]int{}
	for _, r := range rows {
		titles[r.Title]++
		d, err := st.Doc(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(d.Text, "root:") {
			t.Errorf("document %q holds /etc/passwd: an external entity was resolved", r.Title)
		}
	}
	for i := range bad {
		if n := titles[fmt.Sprintf("Good %d", i)]; n != 1 {
			t.Errorf("good document after %s stored %d times, want 1", bad[i], n)
		}
	}
	// Legacy and mixed encodings in text files are decoded, not rejected.
	if titles["Grève générale à Liège"] != 1 {
		t.Errorf("mixed-encodings.txt not stored with its accents: %v", titles)
	}
	if titles["Talks open"] != 1 {
		t.Error("the first good document is not stored")
	}
}

// watchHeap samples the heap until the returned function is called, which
// gives the peak seen.
func watchHeap(t *testing.T) func() uint64 {
	t.Helper()
	var mu sync.Mutex
	var peak uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			mu.Lock()
			peak = max(peak, ms.HeapInuse)
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

// writeGenerated makes the inputs too large to commit: a gzip bomb, a gzip
// stream that never ends (a FIFO fed until the reader gives up), a 100 MB
// single-line text file and HTML page, and HTML nested 100,000 deep.
func writeGenerated(t *testing.T, dir string, feeders *sync.WaitGroup) []string {
	t.Helper()
	// 256 MiB of zeros in about 250 KB.
	f, _ := os.Create(filepath.Join(dir, "bomb.jsonl.gz"))
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for range 256 {
		zw.Write(zeros)
	}
	zw.Close()
	f.Close()

	fifo := filepath.Join(dir, "endless.jsonl.gz")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	feeders.Go(func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer f.Close()
		zw := gzip.NewWriter(f)
		zw.Write([]byte(`{"id":"endless","text":"`))
		chunk := []byte(strings.Repeat("word ", 1<<12))
		for {
			if _, err := zw.Write(chunk); err != nil {
				return // the reader gave up and closed the pipe
			}
		}
	})

	for _, name := range []string{"huge.txt", "huge.html"} {
		f, _ := os.Create(filepath.Join(dir, name))
		w := bufio.NewWriterSize(f, 1<<20)
		if name == "huge.html" {
			w.WriteString("<html><body><p>")
		}
		chunk := strings.Repeat("word ", 1<<14)
		for n := 0; n < 100<<20; n += len(chunk) {
			w.WriteString(chunk)
		}
		w.Flush()
		f.Close()
	}

	var b strings.Builder
	b.WriteString("<html><head><title>Nested</title></head><body>")
	for range 100_000 {
		b.WriteString("<div>")
	}
	b.WriteString("<p>Deep inside, officials in Kabul said talks went well.</p>")
	os.WriteFile(filepath.Join(dir, "nested.html"), []byte(b.String()), 0o644)
	return []string{"bomb.jsonl.gz", "endless.jsonl.gz", "huge.html", "huge.txt", "nested.html"}
}
