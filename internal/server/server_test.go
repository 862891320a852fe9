package server

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/store"
)

// fakeAnalyze stands in for the engine: one event per document, so the API
// tests do not depend on the language models.
func fakeAnalyze(_ context.Context, in sitrep.Input) (*sitrep.Doc, error) {
	if strings.TrimSpace(in.Text) == "" {
		return nil, errors.New(in.Label() + ": empty document")
	}
	d := &sitrep.Doc{ID: sitrep.NullString(in.ID), Title: sitrep.NullString(in.Title), Outlet: sitrep.NullString(in.Outlet),
		Published: sitrep.NullString(in.Published), Text: in.Text}
	d.Sentences = []sitrep.Sentence{{Start: 0, End: len(in.Text), Kind: "body"}}
	d.Actors = []sitrep.Actor{
		{ID: "CHN", Name: "China", Type: "country", Country: "CHN"},
		{ID: "TAL", Name: "Taliban", Type: "armed_group", Country: "AFG"},
	}
	d.Events = []sitrep.Event{{ID: "e1", Source: &sitrep.ActorRef{Actor: "CHN", Text: "China"},
		Target: &sitrep.ActorRef{Actor: "TAL", Text: "Taliban"}, Plover: "AID", Modality: "asserted",
		Evidence: sitrep.Span{Start: 0, End: len(in.Text)}}}
	d.Sourcing.Add(sitrep.SpeakerUnattributed)
	d.Normalize()
	return d, nil
}

func newTestServer(t *testing.T, token string) (*httptest.Server, store.Store) {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "api.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	srv := httptest.NewServer(New(Options{Store: st, Analyze: fakeAnalyze, WriteToken: token}))
	t.Cleanup(srv.Close)
	return srv, st
}

func do(t *testing.T, method, url, token, body string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func TestAPI(t *testing.T) {
	srv, _ := newTestServer(t, "s3cret")
	post := func(token, body string) (int, string) {
		code, _, b := do(t, "POST", srv.URL+"/api/documents", token, body)
		return code, b
	}
	hostile := `{"id":"x1","title":"<script>alert(1)</script>","outlet":"Evil","published":"2021-08-05","text":"China backs the Taliban <img src=x onerror=alert(1)> says javascript:alert(1)"}`
	if code, b := post("s3cret", hostile); code != http.StatusCreated {
		t.Fatalf("POST = %d %s, want 201", code, b)
	}
	if code, b := post("s3cret", hostile); code != http.StatusOK || !strings.Contains(b, `"created":false`) {
		t.Fatalf("second POST = %d %s, want 200 not created", code, b)
	}

	tests := []struct {
		name, method, path, token, body string
		code                            int
		contains                        string
	}{
		{"health", "GET", "/healthz", "", "", 200, "ok"},
		{"ready", "GET", "/readyz", "", "", 200, "ready"},
		{"openapi", "GET", "/api/openapi.json", "", "", 200, `"openapi"`},
		{"stats", "GET", "/api/stats", "", "", 200, `"docs":1`},
		{"events by actor and type", "GET", "/api/events?actor=CHN&type=AID", "", "", 200, `"source_name":"China"`},
		{"events none", "GET", "/api/events?actor=RUS", "", "", 200, `"items":[]`},
		{"events bad type", "GET", "/api/events?type=FIGHT", "", "", 400, "type"},
		{"events bad date", "GET", "/api/events?from=yesterday", "", "", 400, "from"},
		{"events bad limit", "GET", "/api/events?limit=0", "", "", 400, "limit"},
		{"events bad sourcing", "GET", "/api/events?sourcing=rumour", "", "", 400, "sourcing"},
		{"actors", "GET", "/api/actors?q=tal", "", "", 200, `"id":"TAL"`},
		{"documents search", "GET", "/api/search?q=taliban", "", "", 200, `"ext_id":"x1"`},
		{"document", "GET", "/api/documents/1", "", "", 200, `"schema":"sitrep/analysis/v1"`},
		{"document missing", "GET", "/api/documents/99", "", "", 404, "no document"},
		{"document bad id", "GET", "/api/documents/abc", "", "", 400, "positive number"},
		{"query too long", "GET", "/api/events?q=" + strings.Repeat("a", MaxQueryBytes), "", "", 414, "query string"},
		{"write without token", "POST", "/api/documents", "", `{"text":"x"}`, 401, "token"},
		{"write with wrong token", "POST", "/api/documents", "s3cret!", `{"text":"x"}`, 401, "token"},
		{"write unknown field", "POST", "/api/documents", "s3cret", `{"txt":"x"}`, 400, "unknown field"},
		{"write bad document", "POST", "/api/documents", "s3cret", `{"id":"e","text":"  "}`, 422, "empty"},
		{"write too large", "POST", "/api/documents", "s3cret", `{"text":"` + strings.Repeat("a", MaxBodyBytes) + `"}`, 413, "over"},
		{"method not allowed", "DELETE", "/api/documents/1", "s3cret", "", 405, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, h, body := do(t, tt.method, srv.URL+tt.path, tt.token, tt.body)
			if code != tt.code {
				t.Errorf("status %d, want %d (body %.200s)", code, tt.code, body)
			}
			if !strings.Contains(body, tt.contains) {
				t.Errorf("body %.300s does not contain %q", body, tt.contains)
			}
			if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
				t.Errorf("Content-Security-Policy = %q", csp)
			}
			if strings.Contains(body, "<script>") || strings.Contains(body, "<img") {
				t.Errorf("article markup returned unescaped: %.300s", body)
			}
		})
	}

	// Pages chain through next.
	_, _, b := do(t, "GET", srv.URL+"/api/events?limit=1", "", "")
	var l struct {
		Items []store.EventRow
		Next  *int
	}
	if err := json.Unmarshal([]byte(b), &l); err != nil {
		t.Fatal(err)
	}
	if len(l.Items) != 1 || l.Next == nil || *l.Next != 1 {
		t.Errorf("first page = %s", b)
	}
}

func TestReadOnly(t *testing.T) {
	srv, _ := newTestServer(t, "")
	code, _, body := do(t, "POST", srv.URL+"/api/documents", "anything", `{"text":"China backs the Taliban."}`)
	if code != http.StatusForbidden || !strings.Contains(body, "read-only") {
		t.Errorf("POST on a read-only server = %d %s, want 403", code, body)
	}
}
