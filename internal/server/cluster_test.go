package server

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/store"
)

// TestClusterEndpoints stores the same claim from two outlets (one a
// syndicated copy of the other's text, one written apart) and reads the
// stories, corroboration, network and supporters endpoints.
func TestClusterEndpoints(t *testing.T) {
	srv, st := newTestServer(t, "")
	ctx := context.Background()
	for _, in := range []sitrep.Input{
		{ID: "a", Outlet: "Wire", Published: "2021-08-05", Title: "China backs Taliban", Text: "China is backing the Taliban, the wire reports."},
		{ID: "b", Outlet: "Herald", Published: "2021-08-05", Title: "China backs Taliban", Text: "China is backing the Taliban, the wire reports."},
		{ID: "c", Outlet: "Post", Published: "2021-08-06", Title: "Beijing funds the Taliban", Text: "Beijing has been funding the Taliban, the Post has learned."},
	} {
		d, _ := fakeAnalyze(ctx, in)
		if _, _, err := st.Put(ctx, store.Key(in), d); err != nil {
			t.Fatal(err)
		}
	}
	get := func(path string, want int, v any) {
		t.Helper()
		code, _, body := do(t, http.MethodGet, srv.URL+path, "", "")
		if code != want {
			t.Fatalf("GET %s = %d %s, want %d", path, code, body, want)
		}
		if v != nil {
			if err := json.Unmarshal([]byte(body), v); err != nil {
				t.Fatalf("GET %s: %v", path, err)
			}
		}
	}
	var dc struct {
		StoryID int64 `json:"story_id"`
		Claims  []struct {
			Key         string   `json:"key"`
			Level       string   `json:"level"`
			Independent int      `json:"independent_outlets"`
			EventIDs    []string `json:"event_ids"`
		} `json:"claims"`
	}
	get("/api/documents/1/corroboration", http.StatusOK, &dc)
	if len(dc.Claims) != 1 || dc.Claims[0].Key != "CHN|TAL|backing" || dc.Claims[0].Independent != 2 ||
		dc.Claims[0].Level != "several_unnamed" || len(dc.Claims[0].EventIDs) != 1 {
		t.Errorf("corroboration = %+v; want CHN|TAL|backing from 2 independent outlets", dc)
	}
	var stories struct {
		Items []store.StoryRow `json:"items"`
	}
	get("/api/stories?min=2", http.StatusOK, &stories)
	if len(stories.Items) != 1 || stories.Items[0].Articles != 3 || stories.Items[0].Originals != 2 {
		t.Errorf("stories = %+v; want one of 3 articles, 2 originals", stories.Items)
	}
	get("/api/stories/1", http.StatusOK, nil)
	get("/api/stories/999", http.StatusNotFound, nil)
	get("/api/stories/x", http.StatusBadRequest, nil)
	get("/api/documents/999/corroboration", http.StatusNotFound, nil)
	var n struct {
		Events      int `json:"events"`
		Cooperation int `json:"cooperation"`
	}
	get("/api/network?actor=chn&actor2=TAL", http.StatusOK, &n)
	if n.Events != 2 || n.Cooperation != 2 {
		t.Errorf("network = %+v; want 2 cooperative events (the syndicated copy once)", n)
	}
	get("/api/network", http.StatusBadRequest, nil)
	var sup struct {
		Supporters []struct {
			Actor string `json:"actor"`
			Level string `json:"level"`
		} `json:"supporters"`
	}
	get("/api/supporters?actor=TAL", http.StatusOK, &sup)
	if len(sup.Supporters) != 1 || sup.Supporters[0].Actor != "CHN" {
		t.Errorf("supporters = %+v; want CHN", sup)
	}
}
