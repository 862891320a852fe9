package fetch

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestTimeouts checks that every way a server can stall a fetch ends in an
// error once Options.Timeout passes: no headers, a body that trickles
// forever, and a redirect to a server that stalls.
func TestTimeouts(t *testing.T) {
	stop := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/no-headers":
			select {
			case <-stop:
			case <-r.Context().Done():
			}
		case "/trickle":
			w.Header().Set("Content-Type", "text/html")
			for {
				if _, err := w.Write([]byte("<p>")); err != nil {
					return
				}
				w.(http.Flusher).Flush()
				select {
				case <-stop:
					return
				case <-r.Context().Done():
					return
				case <-time.After(20 * time.Millisecond):
				}
			}
		case "/redirect":
			http.Redirect(w, r, "/no-headers", http.StatusFound)
		}
	}))
	defer srv.Close()
	defer close(stop)
	c := New(Options{AllowPrivate: true, Timeout: 300 * time.Millisecond, HostDelay: -1})
	for _, path := range []string{"/no-headers", "/trickle", "/redirect"} {
		_, err := c.Get(context.Background(), srv.URL+path, Cond{})
		var ne net.Error
		if err == nil || !(errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded)) {
			t.Errorf("%s: %v, want a timeout", path, err)
		}
		if err != nil && !strings.Contains(err.Error(), srv.URL) {
			t.Errorf("%s: error %q does not name the URL", path, err)
		}
	}
}

// TestDefaultTimeout checks a zero Options still bounds every fetch.
func TestDefaultTimeout(t *testing.T) {
	c := New(Options{})
	if c.http.Timeout <= 0 || c.http.Timeout > time.Minute {
		t.Errorf("default client timeout %s", c.http.Timeout)
	}
	tr := c.http.Transport.(*http.Transport)
	if tr.TLSHandshakeTimeout <= 0 || tr.ResponseHeaderTimeout <= 0 || tr.Proxy != nil {
		t.Errorf("transport: TLS %s, headers %s, proxy set %v", tr.TLSHandshakeTimeout, tr.ResponseHeaderTimeout, tr.Proxy != nil)
	}
}
