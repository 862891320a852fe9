package watch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/fetch"
	"github.com/sitrep/sitrep/internal/store"
)

// fakeEngine stands in for the engine: the document is the input's text
// or HTML as it came.
type fakeEngine struct{ n atomic.Int64 }

func (f *fakeEngine) Process(ctx context.Context, in sitrep.Input) (*sitrep.Doc, error) {
	f.n.Add(1)
	text := in.Text + in.HTML
	if text == "" {
		return nil, errors.New("empty document")
	}
	return &sitrep.Doc{ID: sitrep.NullString(in.ID), URL: sitrep.NullString(in.URL), Outlet: sitrep.NullString(in.Outlet),
		Title: sitrep.NullString(in.Title), Published: sitrep.NullString(in.Published), Text: text}, nil
}

type site struct {
	mu       sync.Mutex
	etag     string
	items    int
	feedHits map[string]int // status -> count
	pageHits atomic.Int64
	failFeed bool
}

func (s *site) handler(base func() string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.failFeed {
			s.feedHits["500"]++
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		if r.Header.Get("If-None-Match") == s.etag {
			s.feedHits["304"]++
			w.WriteHeader(http.StatusNotModified)
			return
		}
		s.feedHits["200"]++
		w.Header().Set("ETag", s.etag)
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>`)
		for i := 1; i <= s.items; i++ {
			fmt.Fprintf(w, `<item><title>Story %d</title><link>%s/story/%d</link><guid>g%d</guid><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate><description>Feed summary %d.</description></item>`,
				i, base(), i, i, i)
		}
		fmt.Fprint(w, `</channel></rss>`)
	})
	mux.HandleFunc("/story/", func(w http.ResponseWriter, r *http.Request) {
		s.pageHits.Add(1)
		if strings.HasSuffix(r.URL.Path, "/2") {
			http.Error(w, "broken", http.StatusInternalServerError)
			return
		}
		fmt.Fprintf(w, "<html><body><p>Full page of %s.</p></body></html>", r.URL.Path)
	})
	return mux
}

func TestPollAndRestart(t *testing.T) {
	s := &site{etag: `"v1"`, items: 3, feedHits: map[string]int{}}
	var srv *httptest.Server
	srv = httptest.NewServer(s.handler(func() string { return srv.URL }))
	defer srv.Close()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "w.db")
	open := func() Store {
		st, err := store.Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		return st.(Store)
	}
	fc := fetch.New(fetch.Options{AllowPrivate: true, HostDelay: -1})
	feedURL := srv.URL + "/feed.xml"

	st := open()
	eng := &fakeEngine{}
	w := New(eng, st, fc, Options{Workers: 2})
	res, err := w.Poll(ctx, feedURL)
	if err != nil {
		t.Fatal(err)
	}
	if res.Stored != 3 || res.Fallbacks != 1 || res.Failed != 0 {
		t.Errorf("first poll: %+v", res)
	}
	rows, _ := st.Docs(ctx, store.DocFilter{})
	texts := map[string]string{}
	for _, r := range rows {
		texts[r.URL] = r.Snippet
		if r.Outlet != "Test Wire" || r.Published != "2026-03-02" {
			t.Errorf("row %+v: outlet/date not from the feed", r)
		}
	}
	if !strings.Contains(texts[srv.URL+"/story/1"], "Full page of /story/1") || texts[srv.URL+"/story/2"] != "Feed summary 2." {
		t.Errorf("stored texts: %v", texts)
	}
	// Unchanged feed: 304, nothing refetched.
	if res, err := w.Poll(ctx, feedURL); err != nil || !res.NotModified {
		t.Errorf("second poll: %+v %v", res, err)
	}
	st.Close()

	// Restart with a changed feed (new ETag, one new item): only the new
	// item's page is fetched.
	s.mu.Lock()
	s.etag, s.items = `"v2"`, 4
	s.mu.Unlock()
	pages := s.pageHits.Load()
	st = open()
	defer st.Close()
	w = New(eng, st, fc, Options{Workers: 2})
	res, err = w.Poll(ctx, feedURL)
	if err != nil {
		t.Fatal(err)
	}
	if res.Stored != 1 || res.Skipped != 3 {
		t.Errorf("after restart: %+v", res)
	}
	if got := s.pageHits.Load() - pages; got != 1 {
		t.Errorf("after restart %d pages fetched, want 1", got)
	}
	if stats, _ := st.Stats(ctx); stats.Docs != 4 {
		t.Errorf("%d documents stored, want 4", stats.Docs)
	}
	if s.feedHits["304"] != 1 || s.feedHits["200"] != 2 {
		t.Errorf("feed hits %v", s.feedHits)
	}
}

func TestBackoff(t *testing.T) {
	s := &site{etag: `"v1"`, items: 1, feedHits: map[string]int{}, failFeed: true}
	var srv *httptest.Server
	srv = httptest.NewServer(s.handler(func() string { return srv.URL }))
	defer srv.Close()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	w := New(&fakeEngine{}, st.(Store), fetch.New(fetch.Options{AllowPrivate: true, HostDelay: -1}),
		Options{Every: time.Minute, MaxBackoff: 5 * time.Minute, Now: func() time.Time { return now }})
	feedURL := srv.URL + "/feed.xml"
	var waits []time.Duration
	for range 5 {
		if _, err := w.Poll(ctx, feedURL); err == nil {
			t.Fatal("poll of a failing feed succeeded")
		}
		fs, _ := st.(Store).FeedState(ctx, feedURL)
		waits = append(waits, fs.NextPoll.Sub(now))
		if !strings.Contains(fs.LastError, "500") {
			t.Errorf("last error %q", fs.LastError)
		}
	}
	if got := fmt.Sprint(waits); got != "[1m0s 2m0s 4m0s 5m0s 5m0s]" {
		t.Errorf("back-off waits %s", got)
	}
	s.mu.Lock()
	s.failFeed = false
	s.mu.Unlock()
	if _, err := w.Poll(ctx, feedURL); err != nil {
		t.Fatal(err)
	}
	if fs, _ := st.(Store).FeedState(ctx, feedURL); fs.Failures != 0 || fs.NextPoll.Sub(now) != time.Minute {
		t.Errorf("after recovery: %+v", fs)
	}
}

func TestRefusesLoopbackWithoutAllowPrivate(t *testing.T) {
	s := &site{etag: `"v1"`, items: 1, feedHits: map[string]int{}}
	var srv *httptest.Server
	srv = httptest.NewServer(s.handler(func() string { return srv.URL }))
	defer srv.Close()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	w := New(&fakeEngine{}, st.(Store), fetch.New(fetch.Options{HostDelay: -1}), Options{})
	if _, err := w.Poll(ctx, srv.URL+"/feed.xml"); !errors.Is(err, fetch.ErrForbiddenAddress) {
		t.Errorf("err = %v, want ErrForbiddenAddress", err)
	}
	if len(s.feedHits) != 0 {
		t.Errorf("the server was reached: %v", s.feedHits)
	}
}

func TestRunStops(t *testing.T) {
	s := &site{etag: `"v1"`, items: 2, feedHits: map[string]int{}}
	var srv *httptest.Server
	srv = httptest.NewServer(s.handler(func() string { return srv.URL }))
	defer srv.Close()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx, cancel := context.WithCancel(context.Background())
	w := New(&fakeEngine{}, st.(Store), fetch.New(fetch.Options{AllowPrivate: true, HostDelay: -1}), Options{Every: time.Hour})
	done := make(chan error)
	go func() { done <- w.Run(ctx, []string{srv.URL + "/feed.xml"}) }()
	for i := 0; ; i++ {
		if n, _ := st.Stats(context.Background()); n.Docs == 2 {
			break
		}
		if i > 500 {
			t.Fatal("documents never stored")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not stop")
	}
}
