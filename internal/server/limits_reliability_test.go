package server

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/store"
)

// TestLimits checks the request limits on a real listener: query string,
// header block and body sizes each get their own 4xx, and the server keeps
// answering afterwards.
func TestLimits(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "limits.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s := New(Options{Store: st, Analyze: fakeAnalyze, WriteToken: "tok"})
	ts := httptest.NewUnstartedServer(s)
	ts.Config = s.HTTPServer("")
	ts.Start()
	defer ts.Close()
	cases := []struct {
		name, method, path string
		header             string
		body               string
		want               int
	}{
		{"query under the limit, q over its own 500 bytes", "GET", "/api/events?q=" + strings.Repeat("a", MaxQueryBytes-2), "", "", http.StatusBadRequest}, // over q's own 500
		{"query over the limit", "GET", "/api/events?q=" + strings.Repeat("a", MaxQueryBytes), "", "", http.StatusRequestURITooLong},
		{"header over the limit", "GET", "/healthz", strings.Repeat("x", 2*MaxHeaderBytes), "", http.StatusRequestHeaderFieldsTooLarge},
		{"body over the limit", "POST", "/api/documents", "", `{"text":"` + strings.Repeat("a", MaxBodyBytes) + `"}`, http.StatusRequestEntityTooLarge},
		{"body under the limit", "POST", "/api/documents", "", `{"text":"China backs the Taliban."}`, http.StatusCreated},
		{"unknown field", "POST", "/api/documents", "", `{"text":"x","evil":1}`, http.StatusBadRequest},
		{"still serving", "GET", "/healthz", "", "", http.StatusOK},
	}
	for _, c := range cases {
		req, _ := http.NewRequest(c.method, ts.URL+c.path, strings.NewReader(c.body))
		req.Header.Set("Authorization", "Bearer tok")
		if c.header != "" {
			req.Header.Set("X-Big", c.header)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("%s: %d, want %d", c.name, resp.StatusCode, c.want)
		}
	}
}

// TestWriteConcurrencyCap holds analyses open and checks that requests past
// MaxAnalyses get 503 with Retry-After at once, and that slots free up.
func TestWriteConcurrencyCap(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "cap.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	release := make(chan struct{})
	started := make(chan struct{}, 8)
	slow := func(ctx context.Context, in sitrep.Input) (*sitrep.Doc, error) {
		started <- struct{}{}
		<-release
		return fakeAnalyze(ctx, in)
	}
	const limit = 2
	ts := httptest.NewServer(New(Options{Store: st, Analyze: slow, WriteToken: "tok", MaxAnalyses: limit}))
	defer ts.Close()
	post := func(i int) *http.Response {
		req, _ := http.NewRequest("POST", ts.URL+"/api/documents", strings.NewReader(fmt.Sprintf(`{"text":"Document %d."}`, i)))
		req.Header.Set("Authorization", "Bearer tok")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Error(err)
			return nil
		}
		resp.Body.Close()
		return resp
	}
	var wg sync.WaitGroup
	codes := make([]int, limit)
	for i := range limit {
		wg.Go(func() {
			if r := post(i); r != nil {
				codes[i] = r.StatusCode
			}
		})
	}
	for range limit {
		<-started
	}
	r := post(99)
	if r == nil || r.StatusCode != http.StatusServiceUnavailable || r.Header.Get("Retry-After") == "" {
		t.Errorf("request past the cap: %v, want 503 with Retry-After", r)
	}
	close(release)
	wg.Wait()
	for i, c := range codes {
		if c != http.StatusCreated {
			t.Errorf("held request %d: %d, want 201", i, c)
		}
	}
	if r := post(100); r == nil || r.StatusCode != http.StatusCreated {
		t.Errorf("request after the slots freed: %v, want 201", r)
	}
	// A request without the token is refused before it takes a slot.
	req, _ := http.NewRequest("POST", ts.URL+"/api/documents", strings.NewReader(`{"text":"x"}`))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("no token: %d, want 401", resp.StatusCode)
	}
}
