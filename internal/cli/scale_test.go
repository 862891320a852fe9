package cli

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/sitrep/sitrep/engine"
	"github.com/sitrep/sitrep/internal/dedup"
	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/queue"
)

func run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	code = Run(args, strings.NewReader(""), &o, &e)
	return o.String(), e.String(), code
}

func TestWatchOnce(t *testing.T) {
	var pages atomic.Int64
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed.rss" {
			if r.Header.Get("If-None-Match") == `"1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"1"`)
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>Loopback News</title>
<item><title>Clashes in Goma</title><link>%[1]s/a</link><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate><description>Short summary.</description></item>
<item><title>Talks in Doha</title><link>%[1]s/b</link><pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate><description>Another summary.</description></item>
</channel></rss>`, srv.URL)
			return
		}
		pages.Add(1)
		fmt.Fprintf(w, "<html><body><article><h1>Page %s</h1><p>Rebels attacked the town of Goma on Monday, killing 12 civilians, officials said.</p></article></body></html>", r.URL.Path)
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "w.db")
	feed := srv.URL + "/feed.rss"
	// Without --allow-private a loopback feed is refused.
	out, errOut, _ := run(t, "watch", "--once", "--db", db, "--host-delay", "0s", feed)
	if !strings.Contains(errOut, "not allowed") || !strings.Contains(out, "1 failed") {
		t.Errorf("loopback without --allow-private:\n%s\n%s", out, errOut)
	}
	out, errOut, code := run(t, "watch", "--once", "--allow-private", "--db", db, "--host-delay", "0s", feed)
	if code != 0 || !strings.Contains(out, "2 items, 2 new") {
		t.Fatalf("first poll (%d):\n%s\n%s", code, out, errOut)
	}
	// A restart: 304, nothing fetched again.
	before := pages.Load()
	out, _, _ = run(t, "watch", "--once", "--allow-private", "--db", db, "--host-delay", "0s", feed)
	if !strings.Contains(out, "0 items, 0 new") || pages.Load() != before {
		t.Errorf("second poll:\n%s (pages %d -> %d)", out, before, pages.Load())
	}
	out, _, _ = run(t, "query", "--db", db, "--docs")
	if !strings.Contains(out, "Loopback News") {
		t.Errorf("stored documents:\n%s", out)
	}
}

func TestBenchCommand(t *testing.T) {
	dir := t.TempDir()
	a, _, _ := run(t, "bench", "--generate", "5", "--seed", "7")
	b, _, _ := run(t, "bench", "--generate", "5", "--seed", "7")
	if a != b || strings.Count(a, "\n") != 5 {
		t.Fatalf("--generate is not deterministic or not 5 lines")
	}
	corpus := filepath.Join(dir, "c.jsonl")
	os.WriteFile(corpus, []byte(a), 0o644)
	out, errOut, code := run(t, "bench", "--workers", "2", corpus)
	if code != 0 || !strings.Contains(out, "articles   5 (0 failed)") || !strings.Contains(out, "articles/s") || !strings.Contains(out, "segment") {
		t.Errorf("bench (%d):\n%s\n%s", code, out, errOut)
	}
	out, _, code = run(t, "bench", "--json", "--db", filepath.Join(dir, "b.db"), corpus)
	if code != 0 || !strings.Contains(out, `"store"`) {
		t.Errorf("bench --json --db:\n%s", out)
	}
}

func TestQueueCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: starts a nats-server")
	}
	dir := t.TempDir()
	srv, err := queue.Serve(queue.ServerOptions{Port: -1, StoreDir: filepath.Join(dir, "nats")})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	corpus := filepath.Join(dir, "c.jsonl")
	gen, _, _ := run(t, "bench", "--generate", "20")
	os.WriteFile(corpus, []byte(gen+"{broken\n"), 0o644)
	out, errOut, code := run(t, "ingest", "--queue", srv.ClientURL(), corpus)
	if code != 0 || !strings.Contains(out, "queued 20 documents, 1 failed") {
		t.Fatalf("ingest --queue (%d):\n%s\n%s", code, out, errOut)
	}
	db := filepath.Join(dir, "w.db")
	out, errOut, code = run(t, "worker", "--nats", srv.ClientURL(), "--db", db, "--idle-exit", "1s")
	if code != 0 || !strings.Contains(out, "worker: 20 new") {
		t.Fatalf("worker (%d):\n%s\n%s", code, out, errOut)
	}
	// Enqueued again: JetStream drops the copies within its window, and
	// anything that got through would be skipped by key.
	run(t, "ingest", "--queue", srv.ClientURL(), corpus)
	out, _, _ = run(t, "worker", "--nats", srv.ClientURL(), "--db", db, "--idle-exit", "1s")
	if !strings.Contains(out, "worker: 0 new") {
		t.Errorf("second worker run:\n%s", out)
	}
}

// BenchmarkEngineArticle measures the whole engine on one synthetic
// ~500-word article: go test ./internal/cli -run ^$ -bench EngineArticle.
func BenchmarkEngineArticle(b *testing.B) {
	var buf bytes.Buffer
	if err := WriteSynthetic(&buf, 1, 1); err != nil {
		b.Fatal(err)
	}
	in, _, err := ingest.ParseRecord(bytes.TrimSpace(buf.Bytes()))
	if err != nil {
		b.Fatal(err)
	}
	eng, err := engine.New(engine.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.SetBytes(int64(len(in.Text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := eng.Process(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSyntheticNotCopies checks that generated articles read to dedup as
// different stories, so that benchmarks with a store do not measure one
// giant syndication group.
func TestSyntheticNotCopies(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteSynthetic(&buf, 60, 3); err != nil {
		t.Fatal(err)
	}
	var sigs []dedup.Sig
	for _, line := range bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n")) {
		in, _, err := ingest.ParseRecord(line)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(strings.Fields(in.Text)); n < 450 || n > 600 {
			t.Errorf("%s: %d words", in.ID, n)
		}
		sigs = append(sigs, dedup.Signature(in.Text))
	}
	worst := 0.0
	for i := range sigs {
		for j := range i {
			worst = max(worst, dedup.Jaccard(sigs[i], sigs[j]))
			if dedup.Similar(sigs[i], sigs[j]) {
				t.Errorf("articles %d and %d look like copies (jaccard %.2f)", j, i, dedup.Jaccard(sigs[i], sigs[j]))
			}
		}
	}
	t.Logf("highest jaccard between two synthetic articles: %.2f", worst)
}

// TestIngestRobustCorpus ingests the bad-input corpus of internal/ingest:
// each bad input is reported by name and the documents around it stored.
func TestIngestRobustCorpus(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	out, errOut, code := run(t, "ingest", "--db", db, "--quiet", filepath.Join("..", "ingest", "testdata", "robust"))
	if code != 0 {
		t.Fatalf("ingest (%d):\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"archive.warc: record 4", `Content-Length "twelve"`, "cut.warc.gz after record 5", "truncated.jsonl.gz after line 1", "truncated.rss",
		`warning: ingest: ` + filepath.Join("..", "ingest", "testdata", "robust", "baddates.rss") + `: item "Date nobody can read": unreadable date`} {
		if !strings.Contains(errOut, want) {
			t.Errorf("no diagnostic %q in:\n%s", want, errOut)
		}
	}
	out, _, _ = run(t, "query", "--db", db, "--docs", "--limit", "100")
	for _, want := range []string{"Harbour talks to resume", "Ministers meet in the north", "Café owners protest in São Paulo",
		"Date nobody can read", "Ceasefire holds in the east", "Grève au marché", "Unclosed tags everywhere"} {
		if !strings.Contains(out, want) {
			t.Errorf("document %q not stored:\n%s", want, out)
		}
	}
}

func TestReadFeedList(t *testing.T) {
	p := filepath.Join(t.TempDir(), "feeds.txt")
	os.WriteFile(p, []byte("# world news\nhttps://a.example/rss\n\n  https://b.example/atom.xml  # nightly\n"), 0o644)
	got, err := readFeedList(p)
	if err != nil || strings.Join(got, " ") != "https://a.example/rss https://b.example/atom.xml" {
		t.Errorf("readFeedList = %q, %v", got, err)
	}
	if _, err := readFeedList(filepath.Join(t.TempDir(), "none")); err == nil {
		t.Error("missing file: no error")
	}
}
