package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/dedup"
)

func TestSyndication(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("..", "dedup", "testdata", "pairs.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for _, f := range ar.Files {
		texts[strings.TrimSuffix(f.Name, ".txt")] = string(f.Data)
	}
	for name, open := range engines(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := open(t)
			ids := map[string]int64{}
			put := func(name, outlet, text string) {
				t.Helper()
				doc := &sitrep.Doc{ID: sitrep.NullString(name), Outlet: sitrep.NullString(outlet), URL: sitrep.NullString("https://x.example/" + name), Text: text}
				id, created, err := s.Put(ctx, Key(sitrep.Input{ID: name, Text: text}), doc)
				if err != nil || !created {
					t.Fatalf("put %s: %v %v", name, created, err)
				}
				ids[name] = id
			}
			put("wire", "Wire", texts["wire"])
			put("other", "Daily", texts["other"])
			put("wire-edited", "Gazette", texts["wire-edited"])
			put("same-topic", "Wire", texts["same-topic"])
			put("wire-trimmed", "Courier", texts["wire-trimmed"])
			put("wire-copy", "Herald", "  "+strings.ToUpper(texts["wire"]))
			put("brief", "A", "Short brief.")
			put("brief-copy", "B", "short   BRIEF.")

			rows, err := s.Docs(ctx, DocFilter{Page: Page{Limit: 100}})
			if err != nil {
				t.Fatal(err)
			}
			dupOf := map[string]int64{}
			for _, r := range rows {
				dupOf[r.ExtID] = r.DupOf
			}
			want := map[string]int64{"wire": 0, "other": 0, "same-topic": 0, "wire-edited": ids["wire"], "wire-trimmed": ids["wire"],
				"wire-copy": ids["wire"], "brief": 0, "brief-copy": ids["brief"]}
			for k, v := range want {
				if dupOf[k] != v {
					t.Errorf("%s: dup_of %d, want %d", k, dupOf[k], v)
				}
			}
			syn, err := s.(Dedup).Syndication(ctx, ids["wire-trimmed"])
			if err != nil {
				t.Fatal(err)
			}
			var outlets []string
			for _, r := range syn {
				outlets = append(outlets, r.Outlet)
			}
			if got := strings.Join(outlets, ","); got != "Wire,Gazette,Courier,Herald" {
				t.Errorf("syndication outlets %q", got)
			}
			near, err := s.(Dedup).NearDuplicates(ctx, dedup.Signature(texts["wire-edited"]), 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(near) != 4 || near[0].DocID != ids["wire-edited"] || near[0].Jaccard != 1 {
				t.Errorf("near duplicates of wire-edited: %+v", near)
			}
			for _, n := range near {
				if n.Group != ids["wire"] {
					t.Errorf("near duplicate %+v not in the wire group", n)
				}
			}
			if ok, err := s.(Dedup).HasURL(ctx, "https://x.example/other"); !ok || err != nil {
				t.Errorf("HasURL: %v %v", ok, err)
			}
			if ok, _ := s.(Dedup).HasURL(ctx, "https://x.example/none"); ok {
				t.Errorf("HasURL of an unknown URL")
			}
		})
	}
}

func TestFeedState(t *testing.T) {
	for name, open := range engines(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			fs := open(t).(FeedStore)
			f, err := fs.FeedState(ctx, "https://feeds.example/rss")
			if err != nil || f.URL != "https://feeds.example/rss" || f.ETag != "" {
				t.Fatalf("new feed: %+v %v", f, err)
			}
			now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
			f = FeedState{URL: f.URL, Title: "Feeds", ETag: `"e1"`, LastModified: "Mon, 02 Mar 2026 10:00:00 GMT", Checked: now, NextPoll: now.Add(time.Minute), Failures: 2, LastError: "x"}
			if err := fs.PutFeedState(ctx, f); err != nil {
				t.Fatal(err)
			}
			f.ETag = `"e2"`
			if err := fs.PutFeedState(ctx, f); err != nil {
				t.Fatal(err)
			}
			got, err := fs.FeedState(ctx, f.URL)
			if err != nil || got != f {
				t.Errorf("FeedState = %+v, %v; want %+v", got, err, f)
			}
		})
	}
}

// TestBandCap stores more copies of one text than a band key holds and
// checks the index stops growing while every copy still joins the group.
func TestBandCap(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("..", "dedup", "testdata", "pairs.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(ar.Files[0].Data)
	for name, open := range engines(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := open(t)
			for i := range maxPerBand + 6 {
				id := fmt.Sprintf("copy-%d", i)
				if _, _, err := s.Put(ctx, Key(sitrep.Input{ID: id, Text: text}), &sitrep.Doc{ID: sitrep.NullString(id), Text: text}); err != nil {
					t.Fatal(err)
				}
			}
			ss := s.(*sqlStore)
			var maxPer, ungrouped int
			if err := ss.db.QueryRow(`SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM doc_bands GROUP BY bkey) c`).Scan(&maxPer); err != nil {
				t.Fatal(err)
			}
			if maxPer > maxPerBand {
				t.Errorf("a band key holds %d documents, over %d", maxPer, maxPerBand)
			}
			if err := ss.db.QueryRow(`SELECT COUNT(*) FROM documents WHERE dup_of IS NULL`).Scan(&ungrouped); err != nil {
				t.Fatal(err)
			}
			if ungrouped != 1 {
				t.Errorf("%d documents head a group, want 1", ungrouped)
			}
		})
	}
}
