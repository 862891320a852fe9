package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/engine"
	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/store"
)

func runIngest(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "ingest", "[flags] PATH...")
	published := fs.String("published", "", "publication date for inputs that carry none")
	outlet := fs.String("outlet", "", "outlet for inputs that name none")
	quiet := fs.Bool("quiet", false, "no progress line")
	queueURL := fs.String("queue", "", "publish to the NATS queue at `URL` for workers instead of analysing here")
	getConfig := dbFlags(fs, "store: SQLite file or postgres:// URL (default sitrep.db)")
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: name files or folders to ingest", errUsage)
	}
	cfg, err := getConfig()
	if err != nil {
		return err
	}
	if *queueURL != "" {
		return enqueueAll(ctx, e, *queueURL, paths, int64(cfg.MaxDocBytes), fillMissing(*published, *outlet))
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
	p := newProgress(e.stderr, *quiet)
	err = ingestAll(ctx, eng, st, paths, cfg.Workers, int64(cfg.MaxDocBytes), fillMissing(*published, *outlet), p)
	p.finish()
	fmt.Fprintf(e.stdout, "ingested %d new, %d already stored, %d failed into %s\n", p.added, p.skipped, p.failed, cfg.DB)
	for _, f := range p.failures {
		fmt.Fprintf(e.stderr, "  %s\n", f)
	}
	return err
}

// fillMissing returns a function that gives an input the publication date
// and outlet from the command line where the input itself has none.
func fillMissing(published, outlet string) func(*sitrep.Input) {
	return func(in *sitrep.Input) {
		if in.Published == "" {
			in.Published = published
		}
		if in.Outlet == "" {
			in.Outlet = outlet
		}
	}
}

// ingestAll analyses and stores every document under paths. Documents
// already in the store (by key) are skipped before analysis, so a run that
// was stopped resumes where it left off and a second run stores nothing
// twice. Analysis runs on all workers; one writer stores the analysed
// documents in small batches (see storeBatches).
func ingestAll(ctx context.Context, eng *engine.Engine, st store.Store, paths []string, workers int, maxBytes int64,
	fill func(*sitrep.Input), p *progress) error {
	type item struct {
		in  sitrep.Input
		key string
	}
	items := make(chan item, workers)
	// A document handed to a worker is finished and stored even after
	// SIGINT/SIGTERM: the walk stops feeding, so at most 2×workers more
	// documents are analysed, and none is half done.
	wctx := context.WithoutCancel(ctx)
	analysed := make(chan store.Item, 2*batchDocs)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range items {
				doc, err := eng.Process(wctx, it.in)
				if err != nil {
					p.fail(err)
					continue
				}
				// Encoding on the worker leaves the single writer only
				// the SQL.
				item := store.Item{Key: it.key, Doc: doc}
				item.Prepare()
				analysed <- item
			}
		}()
	}
	stored := make(chan struct{})
	go func() {
		defer close(stored)
		storeBatches(wctx, st, analysed, p)
	}()
	defer func() {
		wg.Wait()
		close(analysed)
		<-stored
	}()
	err := ingest.Walk(paths, maxBytes, func(it ingest.Item) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if errors.Is(it.Err, ingest.ErrUnsupported) {
			p.warn(it.Err)
			return nil
		}
		if it.Err != nil {
			p.fail(it.Err)
			return nil
		}
		if it.Warning != nil {
			p.warn(it.Warning)
		}
		fill(&it.Input)
		key := store.Key(it.Input)
		if ok, err := st.Has(ctx, key); err != nil {
			return err
		} else if ok {
			p.skip()
			return nil
		}
		select {
		case items <- item{it.Input, key}:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
	close(items)
	return err
}

// Batching of ingest writes: a transaction per document costs more than
// the writes themselves, so analysed documents are stored up to batchDocs
// at a time, and at most batchWait after the first of a batch arrives.
const (
	batchDocs = 64
	batchWait = 100 * time.Millisecond
)

// storeBatches stores the documents from in, in batches (store.PutBatch:
// one transaction per batch, a failing document reported alone), until
// in is closed.
func storeBatches(ctx context.Context, st store.Store, in <-chan store.Item, p *progress) {
	batch := make([]store.Item, 0, batchDocs)
	flush := func() {
		if len(batch) == 0 {
			return
		}
		res, err := store.PutBatch(ctx, st, batch)
		for i := range batch {
			switch {
			case err != nil:
				p.fail(err)
			case res[i].Err != nil:
				p.fail(res[i].Err)
			case res[i].Created:
				p.add()
			default:
				p.skip()
			}
		}
		batch = batch[:0]
	}
	timer := time.NewTimer(batchWait)
	timer.Stop()
	for {
		select {
		case it, ok := <-in:
			if !ok {
				flush()
				return
			}
			if len(batch) == 0 {
				timer.Reset(batchWait)
			}
			batch = append(batch, it)
			if len(batch) == batchDocs {
				timer.Stop()
				flush()
			}
		case <-timer.C:
			flush()
		}
	}
}

// progress counts ingest outcomes and, on a terminal, redraws one status
// line a few times a second.
type progress struct {
	mu                     sync.Mutex
	w                      io.Writer
	tty                    bool
	start, last            time.Time
	added, skipped, failed int
	failures               []string
}

func newProgress(w io.Writer, quiet bool) *progress {
	p := &progress{w: w, start: time.Now()}
	if f, ok := w.(*os.File); ok && !quiet {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

func (p *progress) add()  { p.update(func() { p.added++ }) }
func (p *progress) skip() { p.update(func() { p.skipped++ }) }
func (p *progress) fail(err error) {
	p.update(func() {
		p.failed++
		if len(p.failures) < 100 {
			p.failures = append(p.failures, err.Error())
		}
	})
}

// warn notes a problem that did not stop a document (a feed item's
// unreadable date) or a file passed over; it is listed with the failures.
func (p *progress) warn(err error) {
	p.update(func() {
		if len(p.failures) < 100 {
			p.failures = append(p.failures, "warning: "+err.Error())
		}
	})
}

func (p *progress) update(f func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	f()
	if p.tty && time.Since(p.last) > 200*time.Millisecond {
		p.last = time.Now()
		p.draw()
	}
}

func (p *progress) draw() {
	n := p.added + p.skipped + p.failed
	rate := float64(n) / time.Since(p.start).Seconds()
	fmt.Fprintf(p.w, "\r%d documents: %d new, %d already stored, %d failed · %.1f docs/s ", n, p.added, p.skipped, p.failed, rate)
}

func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty {
		p.draw()
		fmt.Fprintln(p.w)
	}
}
