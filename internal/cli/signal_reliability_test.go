package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/queue"
	"github.com/sitrep/sitrep/internal/store"
)

// sigterm sends SIGTERM to a started command and waits for it, failing the
// test if it has not exited within a minute (a hang, not a timing check).
func sigterm(t *testing.T, cmd *exec.Cmd) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-done:
		return err
	case <-time.After(time.Minute):
		cmd.Process.Kill()
		t.Fatalf("%s did not exit within a minute of SIGTERM", cmd.Args[:2])
		return nil
	}
}

// TestSignalIngest stops `sitrep ingest` with SIGTERM mid-run: it exits,
// every document it analysed is stored (none fails with a cancelled
// context), the store is consistent, and a second run completes the set.
func TestSignalIngest(t *testing.T) {
	crashRounds(t)
	bin := sitrepBinary(t)
	const n = 120
	src := t.TempDir()
	for i := range n {
		title, body := crashArticle(i)
		os.WriteFile(filepath.Join(src, fmt.Sprintf("a%03d.txt", i)), []byte(title+"\n"+body), 0o644)
	}
	for name, open := range crashStores(t) {
		t.Run(name, func(t *testing.T) {
			db := open(t)
			var out bytes.Buffer
			cmd := exec.Command(bin, "ingest", "--quiet", "--db", db, src)
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Wait for the first stored documents, then stop it.
			for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
				if st := storeCount(t, db); st > 0 {
					break
				}
			}
			err := sigterm(t, cmd)
			t.Logf("exit: %v\n%s", err, out.String())
			if !strings.Contains(out.String(), " 0 failed") {
				t.Errorf("in-flight documents failed on SIGTERM instead of finishing")
			}
			m := regexp.MustCompile(`ingested (\d+) new`).FindStringSubmatch(out.String())
			if m == nil {
				t.Fatalf("no summary after SIGTERM:\n%s", out.String())
			}
			reported, _ := strconv.Atoi(m[1])
			titles := checkStore(t, db)
			if len(titles) != reported {
				t.Errorf("reported %d new, %d stored", reported, len(titles))
			}
			if len(titles) == n {
				t.Logf("the run finished before SIGTERM took effect")
			}
			if out, err := exec.Command(bin, "ingest", "--quiet", "--db", db, src).CombinedOutput(); err != nil {
				t.Fatalf("second run: %v\n%s", err, out)
			}
			if titles := checkStore(t, db); len(titles) != n {
				t.Errorf("after the second run %d documents, want %d", len(titles), n)
			}
		})
	}
}

// storeCount counts stored documents with a separate process-free open.
func storeCount(t *testing.T, db string) int {
	t.Helper()
	if !strings.Contains(db, "://") {
		if _, err := os.Stat(db); err != nil {
			return 0
		}
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		return 0
	}
	defer st.Close()
	stats, err := st.Stats(context.Background())
	if err != nil {
		return 0
	}
	return stats.Docs
}

// TestSignalServe stops `sitrep serve` with SIGTERM while a write request
// is in flight: the request completes and the server exits cleanly.
func TestSignalServe(t *testing.T) {
	crashRounds(t)
	bin := sitrepBinary(t)
	db := filepath.Join(t.TempDir(), "serve.db")
	cmd := exec.Command(bin, "serve", "--db", db, "--listen", "127.0.0.1:0", "--write-token", "tok")
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	var base string
	for sc.Scan() {
		if m := regexp.MustCompile(`on (http://\S+)`).FindStringSubmatch(sc.Text()); m != nil {
			base = m[1]
			break
		}
	}
	if base == "" {
		cmd.Process.Kill()
		t.Fatal("serve printed no address")
	}
	rest := make(chan string, 1)
	go func() { b, _ := io.ReadAll(stderr); rest <- string(b) }()
	_, body := crashArticle(1)
	big := strings.Repeat(body, 40) // ~80 KB: analysis takes a while
	type result struct {
		code int
		err  error
	}
	res := make(chan result, 1)
	go func() {
		req, _ := http.NewRequest("POST", base+"/api/documents", strings.NewReader(fmt.Sprintf(`{"id":"inflight","text":%q}`, big)))
		req.Header.Set("Authorization", "Bearer tok")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			res <- result{0, err}
			return
		}
		resp.Body.Close()
		res <- result{resp.StatusCode, nil}
	}()
	time.Sleep(200 * time.Millisecond) // let the request reach the handler
	err := sigterm(t, cmd)
	r := <-res
	if r.err != nil || r.code != http.StatusCreated {
		t.Errorf("in-flight write across SIGTERM: %d %v, want 201", r.code, r.err)
	}
	if err != nil {
		t.Errorf("serve exit after SIGTERM: %v", err)
	}
	if log := <-rest; !strings.Contains(log, "stopped") {
		t.Errorf("no clean stop in the log:\n%s", log)
	}
	if titles := checkStore(t, db); len(titles) != 1 {
		t.Errorf("%d documents stored, want the in-flight one", len(titles))
	}
}

// TestSignalWatch stops `sitrep watch` with SIGTERM during a poll; a later
// poll stores the rest and nothing twice.
func TestSignalWatch(t *testing.T) {
	crashRounds(t)
	bin := sitrepBinary(t)
	const n = 60
	var count atomic.Int64
	count.Store(n)
	srv := crashFeed(&count)
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "watch.db")
	args := []string{"watch", "--db", db, "--allow-private", "--no-pages", "--host-delay", "0", "--every", "1h", srv.URL + "/feed.xml"}
	var out bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if storeCount(t, db) > 0 {
			break
		}
	}
	err := sigterm(t, cmd)
	t.Logf("exit: %v\n%s", err, out.String())
	if !strings.Contains(out.String(), "stopped") {
		t.Errorf("no clean stop in the log")
	}
	first := len(checkStore(t, db))
	o, err := exec.Command(bin, append(args, "--once")...).CombinedOutput()
	if err != nil {
		t.Fatalf("resumed poll: %v\n%s", err, o)
	}
	if titles := checkStore(t, db); len(titles) != n {
		t.Errorf("after resuming %d items stored (%d before SIGTERM), want %d:\n%s", len(titles), first, n, o)
	}
}

// TestSignalWorker stops a `sitrep worker` with SIGTERM while it consumes
// a queue: it exits, the documents it took are stored (or redelivered),
// and a second worker leaves every queued document stored exactly once.
func TestSignalWorker(t *testing.T) {
	crashRounds(t)
	bin := sitrepBinary(t)
	dir := t.TempDir()
	srv, err := queue.Serve(queue.ServerOptions{Port: -1, StoreDir: filepath.Join(dir, "nats")})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	const n = 200
	corpus := filepath.Join(dir, "c.jsonl")
	gen, _, _ := run(t, "bench", "--generate", strconv.Itoa(n))
	os.WriteFile(corpus, []byte(gen), 0o644)
	if out, errOut, code := run(t, "ingest", "--queue", srv.ClientURL(), corpus); code != 0 {
		t.Fatalf("enqueue (%d):\n%s\n%s", code, out, errOut)
	}
	db := filepath.Join(dir, "w.db")
	var out bytes.Buffer
	cmd := exec.Command(bin, "worker", "--nats", srv.ClientURL(), "--db", db, "--ack-wait", "2s")
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if storeCount(t, db) > 0 {
			break
		}
	}
	err = sigterm(t, cmd)
	first := storeCount(t, db)
	t.Logf("worker stopped by SIGTERM after %d documents: %v\n%s", first, err, out.String())
	if err != nil {
		t.Errorf("worker exit after SIGTERM: %v", err)
	}
	checkStore(t, db)
	time.Sleep(2 * time.Second) // let unacked messages, if any, come due
	o, errOut, code := run(t, "worker", "--nats", srv.ClientURL(), "--db", db, "--idle-exit", "3s")
	if code != 0 {
		t.Fatalf("second worker (%d):\n%s\n%s", code, o, errOut)
	}
	titles := checkStore(t, db)
	if got := storeCount(t, db); got != n {
		t.Errorf("%d documents stored after the second worker (%d before), want %d:\n%s", got, first, n, o)
	}
	t.Logf("second worker: %s (%d distinct titles)", strings.TrimSpace(o), len(titles))
}
