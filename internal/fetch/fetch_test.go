package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func TestPublic(t *testing.T) {
	tests := []struct {
		ip   string
		want bool
	}{
		{"8.8.8.8", true},
		{"2001:4860:4860::8888", true},
		{"127.0.0.1", false},
		{"::1", false},
		{"10.1.2.3", false},
		{"172.16.0.1", false},
		{"192.168.1.1", false},
		{"169.254.169.254", false}, // cloud metadata
		{"fe80::1", false},
		{"fc00::1", false},
		{"0.0.0.0", false},
		{"0.1.2.3", false},
		{"::", false},
		{"100.64.0.1", false},
		{"::ffff:127.0.0.1", false}, // v4-mapped loopback
		{"224.0.0.1", false},
		{"255.255.255.255", false},
	}
	for _, tt := range tests {
		if got := Public(netip.MustParseAddr(tt.ip)); got != tt.want {
			t.Errorf("Public(%s) = %v, want %v", tt.ip, got, tt.want)
		}
	}
}

func TestRefusesPrivateAndSchemes(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("secret")) }))
	defer srv.Close()
	c := New(Options{HostDelay: -1})
	ctx := context.Background()
	for _, u := range []string{srv.URL, strings.Replace(srv.URL, "127.0.0.1", "localhost", 1), "http://[::1]:1/", "http://0.0.0.0:1/"} {
		if _, err := c.Get(ctx, u, Cond{}); !errors.Is(err, ErrForbiddenAddress) {
			t.Errorf("Get(%s) err = %v, want ErrForbiddenAddress", u, err)
		}
	}
	for _, u := range []string{"file:///etc/passwd", "ftp://example.com/x", "gopher://x", "javascript:alert(1)"} {
		if _, err := c.Get(ctx, u, Cond{}); !errors.Is(err, ErrScheme) {
			t.Errorf("Get(%s) err = %v, want ErrScheme", u, err)
		}
	}
}

func TestRedirectsChecked(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/page", http.StatusFound) })
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("page")) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := New(Options{AllowPrivate: true, HostDelay: -1})
	ctx := context.Background()
	if _, err := c.Get(ctx, srv.URL+"/file", Cond{}); !errors.Is(err, ErrScheme) {
		t.Errorf("redirect to file: err = %v", err)
	}
	if _, err := c.Get(ctx, srv.URL+"/loop", Cond{}); err == nil || !strings.Contains(err.Error(), "redirects") {
		t.Errorf("redirect loop: err = %v", err)
	}
	r, err := c.Get(ctx, srv.URL+"/ok", Cond{})
	if err != nil || string(r.Body) != "page" || !strings.HasSuffix(r.URL, "/page") {
		t.Errorf("redirect: %+v, %v", r, err)
	}
}

func TestConditionalAndLimits(t *testing.T) {
	var gotUA string
	mux := http.NewServeMux()
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		gotUA = r.UserAgent()
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 02 Mar 2026 10:00:00 GMT")
		w.Write([]byte("<rss/>"))
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.(http.Flusher).Flush() // no Content-Length: the cap must catch it while reading
		w.Write([]byte(strings.Repeat("x", 5000)))
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := New(Options{AllowPrivate: true, HostDelay: -1, MaxBytes: 1000, UserAgent: "sitrep-test", Timeout: 200 * time.Millisecond})
	ctx := context.Background()
	r, err := c.Get(ctx, srv.URL+"/feed", Cond{})
	if err != nil || r.ETag != `"v1"` || r.LastModified == "" || r.NotModified {
		t.Fatalf("first GET: %+v, %v", r, err)
	}
	if gotUA != "sitrep-test" {
		t.Errorf("User-Agent %q", gotUA)
	}
	r, err = c.Get(ctx, srv.URL+"/feed", Cond{ETag: r.ETag, LastModified: r.LastModified})
	if err != nil || !r.NotModified || r.ETag != `"v1"` {
		t.Errorf("conditional GET: %+v, %v", r, err)
	}
	if _, err := c.Get(ctx, srv.URL+"/big", Cond{}); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "/big") {
		t.Errorf("big body: err = %v", err)
	}
	var se *StatusError
	if _, err := c.Get(ctx, srv.URL+"/gone", Cond{}); !errors.As(err, &se) || se.Status != 410 {
		t.Errorf("410: err = %v", err)
	}
	if _, err := c.Get(ctx, srv.URL+"/slow", Cond{}); err == nil || !strings.Contains(err.Error(), "/slow") {
		t.Errorf("timeout: err = %v", err)
	}
}

func TestHostDelayBooksSlots(t *testing.T) {
	c := New(Options{HostDelay: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	if err := c.wait(ctx, "Example.com"); err != nil {
		t.Fatal(err)
	}
	cancel()
	// The second request to the same host must wait an hour: cancelled.
	if err := c.wait(ctx, "example.com"); !errors.Is(err, context.Canceled) {
		t.Errorf("second wait: %v, want it to wait for its slot", err)
	}
	// Another host is not held up.
	if err := c.wait(context.Background(), "other.example"); err != nil {
		t.Errorf("other host: %v", err)
	}
}
