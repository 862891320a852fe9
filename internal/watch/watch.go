// Package watch polls news feeds and stores each new item's analysis.
//
// A poll is a conditional GET of the feed (ETag, Last-Modified), then for
// each item not yet stored (by URL, or by the item's key when it has no
// link) a fetch of its page — the item's own content stands in when that
// fails — analysis, and a store. The feed's validators are saved only
// after every item of the poll is stored, so a watcher stopped mid-poll
// reads the whole feed again on restart and skips what it already has.
// Failed polls back off exponentially up to a cap.
package watch

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/fetch"
	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/store"
)

// Processor analyses one input; *engine.Engine is one.
type Processor interface {
	Process(ctx context.Context, in sitrep.Input) (*sitrep.Doc, error)
}

// Store is what a watcher needs of the store; the SQL store provides it.
type Store interface {
	store.Store
	store.FeedStore
	HasURL(ctx context.Context, url string) (bool, error)
}

// Options configures a Watcher. Zero fields take the defaults shown.
type Options struct {
	// Every is the time between two polls of a feed (15m).
	Every time.Duration
	// MaxBackoff caps the wait after repeated failures (6h).
	MaxBackoff time.Duration
	// Workers bounds the items analysed at once, over all feeds (1).
	Workers int
	// MaxFeedBytes bounds a feed (8 MiB).
	MaxFeedBytes int64
	// NoPages uses the items' own content instead of fetching pages.
	NoPages bool
	// Log receives one line per poll and per failed item (nil: silent).
	Log func(format string, args ...any)
	// Now is the clock (time.Now).
	Now func() time.Time
}

// Watcher polls feeds. It is safe for concurrent use.
type Watcher struct {
	eng Processor
	st  Store
	fc  *fetch.Client
	o   Options
	sem chan struct{}
}

// New returns a watcher that fetches with fc, analyses with eng and stores
// into st.
func New(eng Processor, st Store, fc *fetch.Client, o Options) *Watcher {
	if o.Every <= 0 {
		o.Every = 15 * time.Minute
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = 6 * time.Hour
	}
	if o.Workers <= 0 {
		o.Workers = 1
	}
	if o.MaxFeedBytes <= 0 {
		o.MaxFeedBytes = 8 << 20
	}
	if o.Log == nil {
		o.Log = func(string, ...any) {}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Watcher{eng: eng, st: st, fc: fc, o: o, sem: make(chan struct{}, o.Workers)}
}

// Result is the outcome of one poll.
type Result struct {
	NotModified bool
	Items       int // in the feed
	Stored      int // new documents
	Skipped     int // already stored
	Fallbacks   int // stored from the item's content: the page fetch failed
	Failed      int // not stored
}

// Poll polls feedURL once and updates its saved state: on success the
// next poll is due after Every, after a failure after Every·2^(n-1) for
// the n-th failure in a row, capped at MaxBackoff. An interrupted poll
// (ctx done) saves nothing, so the next run reads the feed again.
func (w *Watcher) Poll(ctx context.Context, feedURL string) (Result, error) {
	state, err := w.st.FeedState(ctx, feedURL)
	if err != nil {
		return Result{}, err
	}
	res, err := w.poll(ctx, &state)
	if ctx.Err() != nil {
		return res, ctx.Err()
	}
	now := w.o.Now()
	state.Checked = now
	if err != nil {
		state.Failures++
		state.LastError = err.Error()
		state.NextPoll = now.Add(w.Backoff(state.Failures))
	} else {
		state.Failures = 0
		state.LastError = ""
		state.NextPoll = now.Add(w.o.Every)
	}
	// The state is saved even when ctx ended after the poll: it is
	// complete, and losing it would only cost a refetch.
	if serr := w.st.PutFeedState(context.WithoutCancel(ctx), state); serr != nil && err == nil {
		err = serr
	}
	return res, err
}

// Backoff is the wait after the n-th failed poll in a row.
func (w *Watcher) Backoff(n int) time.Duration {
	d := w.o.Every
	for i := 1; i < n && d < w.o.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, w.o.MaxBackoff)
}

func (w *Watcher) poll(ctx context.Context, state *store.FeedState) (Result, error) {
	var res Result
	resp, err := w.fc.Get(ctx, state.URL, fetch.Cond{ETag: state.ETag, LastModified: state.LastModified})
	if err != nil {
		return res, err
	}
	if resp.NotModified {
		res.NotModified = true
		w.o.Log("%s: not modified", state.URL)
		return res, nil
	}
	if int64(len(resp.Body)) > w.o.MaxFeedBytes {
		return res, fmt.Errorf("watch: %s: %w (over %d bytes)", state.URL, ingest.ErrTooLarge, w.o.MaxFeedBytes)
	}
	feed, err := ingest.ParseFeed(state.URL, resp.Body)
	if err != nil {
		return res, err
	}
	res.Items = len(feed.Items)
	var (
		wg sync.WaitGroup
		mu sync.Mutex
	)
	count := func(f func()) { mu.Lock(); f(); mu.Unlock() }
	for _, it := range feed.Items {
		if it.Input.Outlet == "" {
			it.Input.Outlet = feed.Title
		}
		key := itemKey(state.URL, it)
		have, err := w.have(ctx, key, it.Input.URL)
		if err != nil {
			return res, err
		}
		if have {
			res.Skipped++
			continue
		}
		select {
		case w.sem <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return res, ctx.Err()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-w.sem }()
			// A document begun is finished even when the watcher is
			// told to stop: shutdown waits for it.
			stored, fallback, err := w.item(context.WithoutCancel(ctx), key, it)
			count(func() {
				switch {
				case err != nil:
					res.Failed++
					w.o.Log("%s: %v", it.Input.Label(), err)
				case stored:
					res.Stored++
				default:
					res.Skipped++
				}
				if fallback {
					res.Fallbacks++
				}
			})
		}()
	}
	wg.Wait()
	if ctx.Err() != nil {
		return res, ctx.Err()
	}
	state.Title = feed.Title
	state.ETag, state.LastModified = resp.ETag, resp.LastModified
	w.o.Log("%s: %d items, %d new, %d already stored, %d from feed content, %d failed",
		state.URL, res.Items, res.Stored, res.Skipped, res.Fallbacks, res.Failed)
	return res, nil
}

// itemKey is the store key of a feed item: stable whatever the page
// fetch returns, so a restart recognises it.
func itemKey(feedURL string, it ingest.FeedItem) string {
	return store.Key(sitrep.Input{ID: it.GUID, URL: it.Input.URL, Outlet: feedURL})
}

func (w *Watcher) have(ctx context.Context, key, url string) (bool, error) {
	if ok, err := w.st.Has(ctx, key); err != nil || ok {
		return ok, err
	}
	if url == "" {
		return false, nil
	}
	return w.st.HasURL(ctx, url)
}

// item fetches, analyses and stores one feed item.
func (w *Watcher) item(ctx context.Context, key string, it ingest.FeedItem) (stored, fallback bool, err error) {
	in := it.Input
	if !w.o.NoPages && in.URL != "" {
		page, ferr := w.fc.Get(ctx, in.URL, fetch.Cond{})
		if ferr == nil && len(page.Body) > 0 {
			in.HTML = ingest.DecodeHTML(page.Body, page.ContentType)
			in.Text = ""
		} else {
			fallback = true
			if ferr == nil {
				ferr = errors.New("empty page")
			}
			w.o.Log("%s: page: %v; using the feed's content", in.URL, ferr)
		}
	}
	doc, err := w.eng.Process(ctx, in)
	if err != nil {
		return false, fallback, err
	}
	_, created, err := w.st.Put(ctx, key, doc)
	return created, fallback, err
}

// Run polls every feed on its schedule until ctx is done, then waits for
// the documents in flight. Saved state decides when each feed is first
// polled, so a restart does not poll early.
func (w *Watcher) Run(ctx context.Context, feeds []string) error {
	var wg sync.WaitGroup
	for _, u := range feeds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.loop(ctx, u)
		}()
	}
	wg.Wait()
	return nil
}

func (w *Watcher) loop(ctx context.Context, feedURL string) {
	for {
		state, err := w.st.FeedState(ctx, feedURL)
		if err != nil {
			w.o.Log("%s: %v", feedURL, err)
			state.NextPoll = w.o.Now().Add(w.o.Every)
		}
		if wait := state.NextPoll.Sub(w.o.Now()); wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C:
			}
		}
		if ctx.Err() != nil {
			return
		}
		if _, err := w.Poll(ctx, feedURL); err != nil && ctx.Err() == nil {
			w.o.Log("%s: %v", feedURL, err)
		}
		if ctx.Err() != nil {
			return
		}
	}
}
