package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/storetest"
)

// queryPaths are the GET endpoints that read query parameters or a path
// value from the client.
var queryPaths = []string{"/api/events", "/api/actors", "/api/places", "/api/documents", "/api/search",
	"/api/documents/", "/api/stats", "/api/stories", "/api/network", "/readyz", "/api/stories/", "/api/supporters",
	"/api/documents/{id}/corroboration"}

// FuzzQuery sends fuzzed query strings (and document ids) to every read
// endpoint of a server over a small SQLite store: no panic, no 500, a JSON
// error body on 4xx, and the security headers on every response.
func FuzzQuery(f *testing.F) {
	fuzzQuery(f, filepath.Join(f.TempDir(), "fuzz.db"))
}

// FuzzQueryPostgres is FuzzQuery over PostgreSQL, which refuses more text
// than SQLite (NUL bytes, bad UTF-8).
func FuzzQueryPostgres(f *testing.F) {
	db := storetest.PostgresURL(f)
	if db == "" {
		f.Skip(storetest.Why)
	}
	fuzzQuery(f, db)
}

func fuzzQuery(f *testing.F, db string) {
	for _, q := range []string{"actor=CHN&type=AID&from=2021&to=2021-08-05", "q=%22unbalanced", "q=a*+OR+NEAR(",
		"limit=0", "limit=1000&offset=999999", "doc=9223372036854775807", "q=%00%ff", "q=%E2%80%AE", "country=%C3%A9",
		"sourcing=ANONYMOUS", "from=2021-13-99", "q=\"a\"+AND+(b", "q=-x", "q=^x:y", "q='); DROP TABLE docs;--"} {
		f.Add(uint8(0), q, "1")
	}
	f.Add(uint8(5), "", "-1")
	f.Add(uint8(5), "", "99999999999999999999")
	st, err := store.Open(context.Background(), db)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	for i, text := range []string{"China backs the Taliban in Kabul.", "Police said \"no\" in Paris on 2021-08-05."} {
		in := sitrep.Input{ID: string(rune('a' + i)), Title: "T", Text: text, Published: "2021-08-05", Outlet: "X"}
		d, err := fakeAnalyze(context.Background(), in)
		if err != nil {
			f.Fatal(err)
		}
		if _, _, err := st.Put(context.Background(), store.Key(in), d); err != nil {
			f.Fatal(err)
		}
	}
	h := New(Options{Store: st, Analyze: fakeAnalyze, WriteToken: "t"})
	f.Fuzz(func(t *testing.T, p uint8, rawQuery, id string) {
		path := queryPaths[int(p)%len(queryPaths)]
		switch {
		case strings.HasSuffix(path, "/"):
			path += url.PathEscape(id)
		case strings.Contains(path, "{id}"):
			path = strings.Replace(path, "{id}", url.PathEscape(id), 1)
		}
		u := &url.URL{Path: path, RawQuery: rawQuery}
		req := httptest.NewRequest(http.MethodGet, "http://x/", nil)
		req.URL = u
		req.RequestURI = u.RequestURI()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code >= 500 {
			t.Fatalf("GET %s = %d %s", u, w.Code, w.Body)
		}
		if w.Header().Get("Content-Security-Policy") == "" {
			t.Fatalf("GET %s: no CSP", u)
		}
		if !utf8.Valid(w.Body.Bytes()) {
			t.Fatalf("GET %s: body is not UTF-8", u)
		}
	})
}
