package queue

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/engine"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/storetest"
)

// TestMain doubles as a worker process for TestKillWorker.
func TestMain(m *testing.M) {
	if os.Getenv("SITREP_QUEUE_TEST_WORKER") == "1" {
		os.Exit(worker())
	}
	os.Exit(m.Run())
}

func worker() int {
	ctx := context.Background()
	logf := func(f string, a ...any) {
		fmt.Fprintf(os.Stderr, "worker %d: "+f+"\n", append([]any{os.Getpid()}, a...)...)
	}
	eng, err := engine.New(engine.DefaultConfig())
	if err != nil {
		logf("%v", err)
		return 1
	}
	st, err := store.Open(ctx, os.Getenv("SITREP_QUEUE_TEST_DB"))
	if err != nil {
		logf("%v", err)
		return 1
	}
	defer st.Close()
	q, err := Connect(ctx, os.Getenv("SITREP_QUEUE_TEST_NATS"), Options{AckWait: 2 * time.Second})
	if err != nil {
		logf("%v", err)
		return 1
	}
	defer q.Close()
	if err := q.Consume(ctx, StoreHandler(eng, st, func(bool) {}), 6*time.Second, logf); err != nil {
		logf("%v", err)
		return 1
	}
	return 0
}

// testDB returns the URL of a fresh PostgreSQL database of the test's own.
func testDB(t *testing.T) string {
	if os.Getenv(storetest.Env) == "" {
		t.Skip(storetest.Why + "; the distributed mode shares a PostgreSQL store")
	}
	return storetest.PostgresURL(t)
}

func testDocs(n int) []sitrep.Input {
	towns := []string{"Goma", "Bunia", "Beni", "Uvira", "Butembo", "Kisangani"}
	var out []sitrep.Input
	for i := range n {
		town := towns[i%len(towns)]
		text := fmt.Sprintf("Rebels attacked the town of %s on Monday, killing %d civilians, officials said. ", town, i+2) +
			strings.Repeat(fmt.Sprintf("The army said it had sent reinforcements to %s. Aid groups said %d families had fled. ", town, 10+i), 6) +
			fmt.Sprintf("The United Nations condemned the attack, the %dth this year.", i+1)
		out = append(out, sitrep.Input{ID: fmt.Sprintf("doc-%04d", i), Title: "Attack on " + town, Outlet: "Test Wire", Published: "2026-03-02", Text: text})
	}
	return out
}

// TestKillWorker runs three worker processes on one queue and one
// PostgreSQL store, SIGKILLs one mid-run, and checks that every document
// is stored exactly once.
func TestKillWorker(t *testing.T) {
	dsn := testDB(t)
	if testing.Short() {
		t.Skip("-short: starts worker processes")
	}
	srv, err := Serve(ServerOptions{Port: -1, StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	ctx := context.Background()
	q, err := Connect(ctx, srv.ClientURL(), Options{AckWait: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	const n = 300
	docs := testDocs(n)
	for _, in := range docs {
		if err := q.Publish(in); err != nil {
			t.Fatal(err)
		}
	}
	// The same documents again: the message ids make JetStream drop them.
	for _, in := range docs[:50] {
		q.Publish(in)
	}
	if err := q.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if p, _ := q.Pending(ctx); p != n {
		t.Errorf("pending %d after publishing %d (+50 copies), want %d", p, n, n)
	}
	st, err := store.Open(ctx, dsn) // creates the schema before the workers race for it
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	var procs []*exec.Cmd
	logs := make([]*strings.Builder, 3)
	for i := range 3 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "SITREP_QUEUE_TEST_WORKER=1", "SITREP_QUEUE_TEST_DB="+dsn, "SITREP_QUEUE_TEST_NATS="+srv.ClientURL())
		logs[i] = &strings.Builder{}
		cmd.Stderr = logs[i]
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		procs = append(procs, cmd)
	}
	// Kill the first worker once a tenth of the documents are stored.
	var killed atomic.Bool
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		s, err := st.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if s.Docs >= n/10 {
			procs[0].Process.Signal(syscall.SIGKILL)
			killed.Store(true)
			t.Logf("killed worker 1 with %d of %d documents stored", s.Docs, n)
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !killed.Load() {
		t.Fatal("documents were not being stored")
	}
	procs[0].Wait()
	for i, p := range procs[1:] {
		if err := p.Wait(); err != nil {
			t.Errorf("worker %d: %v\n%s", i+1, err, logs[i+1])
		}
	}
	s, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Docs != n {
		t.Errorf("%d documents stored, want %d\nlogs:\n%s\n%s", s.Docs, n, logs[1], logs[2])
	}
	// Every input is there once, and its layers were written once.
	for i, in := range docs {
		ok, err := st.Has(ctx, store.Key(in))
		if err != nil || !ok {
			t.Errorf("document %d missing: %v", i, err)
		}
	}
	rows, err := st.Docs(ctx, store.DocFilter{Page: store.Page{Limit: 1000}})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, r := range rows {
		seen[r.ExtID]++
	}
	for id, c := range seen {
		if c != 1 {
			t.Errorf("%s stored %d times", id, c)
		}
	}
	if p, _ := q.Pending(ctx); p != 0 {
		t.Errorf("%d documents left in the queue", p)
	}
}

func TestPermanent(t *testing.T) {
	err := fmt.Errorf("wrapped: %w", Permanent(os.ErrInvalid))
	if !IsPermanent(err) || IsPermanent(os.ErrInvalid) {
		t.Error("IsPermanent")
	}
}

// TestServeNeedsDir checks the embedded server refuses to run without
// durable storage.
func TestServeNeedsDir(t *testing.T) {
	if _, err := Serve(ServerOptions{Port: -1}); err == nil {
		t.Error("Serve without StoreDir succeeded")
	}
}
