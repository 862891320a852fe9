package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/engine"
	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/queue"
	"github.com/sitrep/sitrep/internal/store"
)

// runWorker consumes documents from the NATS JetStream queue, analyses
// them and stores them: many workers, on many machines, share one
// PostgreSQL store.
func runWorker(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "worker", "--nats URL --db postgres://... [flags]")
	natsURL := fs.String("nats", "nats://127.0.0.1:4222", "NATS server `URL`")
	embed := fs.String("embed", "", "also run an embedded nats-server keeping its stream in `dir` (single binary)")
	ackWait := fs.Duration("ack-wait", time.Minute, "time a document may take before it is given to another worker")
	idleExit := fs.Duration("idle-exit", 0, "exit when no document came for this long (0: run until stopped)")
	getConfig := dbFlags(fs, "shared store: postgres:// URL (a SQLite file works for one machine)")
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	cfg, err := getConfig()
	if err != nil {
		return err
	}
	url := *natsURL
	if *embed != "" {
		srv, err := queue.Serve(queue.ServerOptions{Port: -1, StoreDir: *embed})
		if err != nil {
			return err
		}
		defer srv.Shutdown()
		url = srv.ClientURL()
		fmt.Fprintf(e.stderr, "embedded nats-server at %s\n", url)
	}
	st, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	eng, err := engine.New(cfg)
	if err != nil {
		return err
	}
	q, err := queue.Connect(ctx, url, queue.Options{AckWait: *ackWait, Name: "sitrep-worker"})
	if err != nil {
		return err
	}
	defer q.Close()
	var mu sync.Mutex
	logf := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(e.stderr, format+"\n", args...)
	}
	var added, skipped atomic.Int64
	h := queue.StoreHandler(eng, st, func(created bool) {
		if created {
			added.Add(1)
		} else {
			skipped.Add(1)
		}
	})
	start := time.Now()
	var wg sync.WaitGroup
	for range cfg.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q.Consume(ctx, h, *idleExit, logf)
		}()
	}
	wg.Wait()
	el := time.Since(start)
	if *idleExit > 0 {
		el -= *idleExit // the wait that ended the run
	}
	fmt.Fprintf(e.stdout, "worker: %d new, %d already stored in %.1fs (%.1f docs/s)\n", added.Load(), skipped.Load(),
		el.Seconds(), float64(added.Load()+skipped.Load())/max(el.Seconds(), 1e-3))
	return nil
}

func enqueueAll(ctx context.Context, e *env, url string, paths []string, maxBytes int64, fill func(*sitrep.Input)) error {
	q, err := queue.Connect(ctx, url, queue.Options{Name: "sitrep-enqueue"})
	if err != nil {
		return err
	}
	defer q.Close()
	n, failed := 0, 0
	err = ingest.Walk(paths, maxBytes, func(it ingest.Item) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if it.Err != nil {
			if !errors.Is(it.Err, ingest.ErrUnsupported) {
				failed++
			}
			fmt.Fprintf(e.stderr, "  %v\n", it.Err)
			return nil
		}
		fill(&it.Input)
		if err := q.Publish(it.Input); err != nil {
			failed++
			fmt.Fprintf(e.stderr, "  %v\n", err)
			return nil
		}
		n++
		return nil
	})
	if ferr := q.Flush(ctx); ferr != nil && err == nil {
		err = ferr
	}
	fmt.Fprintf(e.stdout, "queued %d documents, %d failed, on %s\n", n, failed, url)
	return err
}

// runQueue runs the queue's own subcommands: serve.
func runQueue(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "serve" {
		return fmt.Errorf("%w: sitrep queue serve [--port N] [--store DIR]", errUsage)
	}
	fs := newFlagSet(e, "queue serve", "[flags]")
	host := fs.String("host", "127.0.0.1", "address to listen on")
	port := fs.Int("port", 4222, "port to listen on")
	dir := fs.String("store", filepath.Join(".", "sitrep-queue"), "`dir` keeping the stream")
	verbose := fs.Bool("v", false, "log the server's messages")
	if _, err := parseInterleaved(fs, args[1:]); err != nil {
		return err
	}
	srv, err := queue.Serve(queue.ServerOptions{Host: *host, Port: *port, StoreDir: *dir, Log: *verbose})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "nats-server with JetStream at %s, stream kept in %s (SIGINT/SIGTERM to stop)\n", srv.ClientURL(), *dir)
	<-ctx.Done()
	srv.Shutdown()
	srv.WaitForShutdown()
	return nil
}
