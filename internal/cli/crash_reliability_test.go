package cli

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/storetest"
)

// CrashEnv names the variable that turns the crash and signal tests on:
// its value is the number of SIGKILLs per store (at least 20 for a full
// run). They build the binary and run for minutes, so CI skips them:
//
//	SITREP_CRASH=20 SITREP_TEST_POSTGRES=$(.ci/postgres.sh) go test ./internal/cli -run 'Crash|Signal' -v -timeout 30m
const CrashEnv = "SITREP_CRASH"

func crashRounds(t *testing.T) int {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: crash tests build the binary and run for minutes")
	}
	n, _ := strconv.Atoi(os.Getenv(CrashEnv))
	if n <= 0 {
		t.Skipf("set %s=N (N kills per store) to run the crash tests", CrashEnv)
	}
	return n
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// sitrepBinary builds cmd/sitrep once per test process (or takes
// $SITREP_BIN).
func sitrepBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		// SITREP_BIN names a binary built beforehand: in a tree others are
		// editing, build once when it compiles and test that.
		if p := os.Getenv("SITREP_BIN"); p != "" {
			binPath = p
			return
		}
		dir, err := os.MkdirTemp("", "sitrep-crash-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "sitrep")
		out, err := exec.Command("go", "build", "-o", binPath, "../../cmd/sitrep").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// crashArticle is a distinct ~250-word article for document i, so each
// has its own key and the kills land inside analysis as well as between
// commits.
func crashArticle(i int) (title, body string) {
	title = fmt.Sprintf("Report %d: talks in Kabul", i)
	var b strings.Builder
	for j := range 8 {
		fmt.Fprintf(&b, "China said on Tuesday it would send %d tonnes of aid to Afghanistan, a spokesman told reporters in Beijing (item %d, paragraph %d). ", 10+i*7+j, i, j)
		fmt.Fprintf(&b, "Taliban officials met Pakistani envoys in Kabul and the police arrested %d protesters, according to a local official.\n\n", i+j)
	}
	return title, b.String()
}

// crashStores returns the stores to test: SQLite always, PostgreSQL when
// the test server is set.
func crashStores(t *testing.T) map[string]func(t *testing.T) string {
	m := map[string]func(t *testing.T) string{
		"sqlite": func(t *testing.T) string { return filepath.Join(t.TempDir(), "crash.db") },
	}
	if os.Getenv(storetest.Env) != "" {
		m["postgres"] = func(t *testing.T) string { return storetest.PostgresURL(t) }
	} else {
		t.Log(storetest.Why)
	}
	return m
}

// checkStore verifies the invariants that must hold after any crash: every
// document has its analysis and its event rows (layers stored with it),
// each input is stored at most once, and it returns the stored titles.
func checkStore(t *testing.T, db string) map[string]int {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatalf("reopen after crash: %v", err)
	}
	defer st.Close()
	titles := map[string]int{}
	for off := 0; ; off += 1000 {
		rows, err := st.Docs(ctx, store.DocFilter{Page: store.Page{Limit: 1000, Offset: off}})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			titles[r.Title]++
			doc, err := st.Doc(ctx, r.ID)
			if err != nil {
				t.Fatalf("document %d listed but unreadable: %v", r.ID, err)
			}
			if doc.Text == "" || len(doc.Events) != r.Events {
				t.Errorf("document %d (%s): %d events in its analysis, %d counted, %d bytes of text", r.ID, r.Title, len(doc.Events), r.Events, len(doc.Text))
			}
			nev := 0
			for eoff := 0; ; eoff += 1000 {
				ev, err := st.Events(ctx, store.EventFilter{Doc: r.ID, Page: store.Page{Limit: 1000, Offset: eoff}})
				if err != nil {
					t.Fatal(err)
				}
				nev += len(ev)
				if len(ev) < 1000 {
					break
				}
			}
			if nev != r.Events {
				t.Errorf("document %d (%s): %d event rows, want %d", r.ID, r.Title, nev, r.Events)
			}
		}
		if len(rows) < 1000 {
			break
		}
	}
	for title, n := range titles {
		if n > 1 {
			t.Errorf("%q stored %d times", title, n)
		}
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Docs != len(titles) {
		t.Errorf("stats count %d documents, listing %d", stats.Docs, len(titles))
	}
	return titles
}

// killAt starts cmd and SIGKILLs it, at a random point chosen by the
// round: even rounds after a random delay in [0, full) (start-up, walk or
// analysis), odd rounds once the store holds a random number of this run's
// documents, plus up to 30 ms (between or inside commits). A run that ends
// first is not killed. It reports whether the kill happened and when.
func killAt(t *testing.T, cmd *exec.Cmd, db string, r int, rng *rand.Rand, full time.Duration, have, total int) (killed bool, why string) {
	t.Helper()
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var fire <-chan time.Time
	target := -1
	if r%2 == 0 {
		d := time.Duration(rng.Int64N(int64(full)))
		fire, why = time.After(d), "after "+d.Round(time.Millisecond).String()
	} else {
		target = have + 1 + rng.IntN(max(total-have-1, 1))
		why = fmt.Sprintf("at %d stored", target)
	}
	jitter := time.Duration(rng.Int64N(int64(30 * time.Millisecond)))
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("%s exited early: %v\n%s", cmd.Args[:2], err, buf.String())
			}
			return false, why
		case <-fire:
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
			return true, why
		case <-tick.C:
			if target >= 0 && storeCount(t, db) >= target {
				target, fire = -1, time.After(jitter)
				why += fmt.Sprintf(" +%s", jitter.Round(time.Millisecond))
			}
		}
	}
}

// crashBatch is how many new documents each round adds, so every run has
// fresh work to be killed in the middle of.
const crashBatch = 24

// TestCrashIngest SIGKILLs `sitrep ingest` at random points: each round
// adds a batch of new documents to the folder and kills a run over it
// after a random delay; after each kill the store must be consistent, keep
// every document stored before, and hold none twice. A final run must then
// leave every document exactly once.
func TestCrashIngest(t *testing.T) {
	rounds := crashRounds(t)
	bin := sitrepBinary(t)
	for name, open := range crashStores(t) {
		t.Run(name, func(t *testing.T) {
			db := open(t)
			src := t.TempDir()
			add := func(from, to int) {
				for i := from; i < to; i++ {
					title, body := crashArticle(i)
					os.WriteFile(filepath.Join(src, fmt.Sprintf("a%04d.txt", i)), []byte(title+"\n"+body), 0o644)
				}
			}
			// Time one batch into a scratch store to spread the kills over a run.
			scratchSrc := t.TempDir()
			for i := range crashBatch {
				title, body := crashArticle(i)
				os.WriteFile(filepath.Join(scratchSrc, fmt.Sprintf("a%04d.txt", i)), []byte(title+"\n"+body), 0o644)
			}
			start := time.Now()
			if out, err := exec.Command(bin, "ingest", "--quiet", "--db", filepath.Join(t.TempDir(), "scratch.db"), scratchSrc).CombinedOutput(); err != nil {
				t.Fatalf("batch run: %v\n%s", err, out)
			}
			full := time.Since(start)
			t.Logf("a run over one batch of %d documents takes %s", crashBatch, full.Round(time.Millisecond))
			rng := rand.New(rand.NewPCG(1, uint64(len(name))))
			ingest := func() *exec.Cmd { return exec.Command(bin, "ingest", "--quiet", "--db", db, src) }
			killRounds(t, name+" ingest", db, rounds, rng, full,
				func(r int) { add(r*crashBatch, (r+1)*crashBatch) }, ingest, ingest)
		})
	}
}

// crashFeed serves an RSS feed of the first *n items (read at each
// request, so a test can grow it), with an ETag and Last-Modified that
// change with it, so a resumed watcher gets 304s for what it has seen.
func crashFeed(n *atomic.Int64) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		count := int(n.Load())
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Crash wire</title><link>http://example.org/</link>`)
		for i := count - 1; i >= 0; i-- {
			title, body := crashArticle(i)
			fmt.Fprintf(&b, "<item><title>%s</title><link>http://example.org/%d</link><guid>crash-%d</guid><pubDate>Tue, 03 Aug 2021 10:00:00 GMT</pubDate><description><![CDATA[%s]]></description></item>", title, i, i, body)
		}
		b.WriteString("</channel></rss>")
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("ETag", fmt.Sprintf(`"v%d"`, count))
		modified := time.Date(2021, 8, 3, 10, 0, 0, 0, time.UTC).Add(time.Duration(count) * time.Minute)
		http.ServeContent(w, r, "feed.xml", modified, strings.NewReader(b.String()))
	}))
}

// TestCrashWatch SIGKILLs `sitrep watch` polling a loopback feed at random
// points; the feed grows by a batch each round. After each kill the store
// is consistent and keeps what it had; a final poll must leave every item
// exactly once, although the feed answers 304 to a watcher that saved its
// ETag.
func TestCrashWatch(t *testing.T) {
	rounds := crashRounds(t)
	bin := sitrepBinary(t)
	for name, open := range crashStores(t) {
		t.Run(name, func(t *testing.T) {
			var count atomic.Int64
			srv := crashFeed(&count)
			defer srv.Close()
			args := func(db string, once bool) []string {
				a := []string{"watch", "--db", db, "--allow-private", "--no-pages", "--host-delay", "0", "--every", "200ms", "--timeout", "10s"}
				if once {
					a = append(a, "--once")
				}
				return append(a, srv.URL+"/feed.xml")
			}
			db := open(t)
			count.Store(crashBatch)
			start := time.Now()
			if out, err := exec.Command(bin, args(filepath.Join(t.TempDir(), "scratch.db"), true)...).CombinedOutput(); err != nil {
				t.Fatalf("batch poll: %v\n%s", err, out)
			}
			full := time.Since(start)
			t.Logf("one poll of a batch of %d items takes %s", crashBatch, full.Round(time.Millisecond))
			rng := rand.New(rand.NewPCG(2, uint64(len(name))))
			killRounds(t, name+" watch", db, rounds, rng, full,
				func(r int) { count.Store(int64((r + 1) * crashBatch)) },
				func() *exec.Cmd { return exec.Command(bin, args(db, false)...) },
				func() *exec.Cmd { return exec.Command(bin, args(db, true)...) })
		})
	}
}

// killRounds runs rounds of the crash loop: each adds a batch (prepare),
// starts run and SIGKILLs it at a random point, then checks that the store
// is consistent and kept every document stored before the kill. A last
// uninterrupted final run must leave every document stored exactly once.
func killRounds(t *testing.T, what, db string, rounds int, rng *rand.Rand, full time.Duration, prepare func(r int), run, final func() *exec.Cmd) {
	t.Helper()
	before := map[string]int{}
	kills, midRun := 0, 0
	for r := range rounds {
		prepare(r)
		killed, why := killAt(t, run(), db, r, rng, full, len(before), (r+1)*crashBatch)
		titles := checkStore(t, db)
		for title := range before {
			if titles[title] != 1 {
				t.Fatalf("round %d: %q was stored before the kill, now %d times: committed document lost", r, title, titles[title])
			}
		}
		if killed {
			kills++
			if len(titles) > len(before) && len(titles) < (r+1)*crashBatch {
				midRun++ // killed after some commits of this run and before its last
			}
		}
		t.Logf("round %d: SIGKILL %s (killed=%v): %d of %d documents stored", r, why, killed, len(titles), (r+1)*crashBatch)
		before = titles
	}
	out, err := final().CombinedOutput()
	if err != nil {
		t.Fatalf("final run: %v\n%s", err, out)
	}
	titles := checkStore(t, db)
	n := rounds * crashBatch
	for i := range n {
		title, _ := crashArticle(i)
		if titles[title] != 1 {
			t.Errorf("%q stored %d times, want 1", title, titles[title])
		}
	}
	if len(titles) != n {
		t.Errorf("final store: %d documents, want %d", len(titles), n)
	}
	t.Logf("SUMMARY %s: %d rounds, %d SIGKILLs (%d between two commits of a run); final store %d documents, want %d; final run: %s",
		what, rounds, kills, midRun, len(titles), n, strings.TrimSpace(string(out)))
}
