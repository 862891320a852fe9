package store

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestPutBatch(t *testing.T) {
	for name, open := range engines(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st := open(t)
			var items []Item
			for i := range 5 {
				in, d := fixture(fmt.Sprintf("b%d", i), "Wire", "2021-08-05")
				items = append(items, Item{Key: Key(in), Doc: d})
			}
			// A document that cannot be stored (two actors with one id
			// break the actors key) must not take the others with it.
			bad := *items[2].Doc
			bad.Actors = append(bad.Actors, bad.Actors[0])
			items[2].Doc = &bad
			// The same key twice in one batch is stored once.
			items = append(items, items[0])
			res, err := PutBatch(ctx, st, items)
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range res {
				switch {
				case i == 2:
					if r.Err == nil {
						t.Errorf("item 2: stored a document with a duplicate actor")
					}
				case i == 5:
					if r.Err != nil || r.Created || r.ID != res[0].ID {
						t.Errorf("repeated key: %+v, want id %d not created", r, res[0].ID)
					}
				case r.Err != nil || !r.Created:
					t.Errorf("item %d: %+v", i, r)
				}
			}
			stats, err := st.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if stats.Docs != 4 {
				t.Errorf("%d documents stored, want 4", stats.Docs)
			}
			// Again: nothing new, same ids.
			res2, err := PutBatch(ctx, st, append(items[:2:2], items[3:5]...))
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range res2 {
				if r.Err != nil || r.Created {
					t.Errorf("second batch item %d: %+v", i, r)
				}
			}
			if res2[0].ID != res[0].ID || res2[3].ID != res[4].ID {
				t.Errorf("ids changed: %+v vs %+v", res2, res)
			}
		})
	}
}

// TestEventsActorType checks the indexed actor listing (a UNION ALL of the
// source and target halves, see Events) against a filter over every event.
func TestEventsActorType(t *testing.T) {
	for name, open := range engines(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st := open(t)
			if _, err := Populate(ctx, st, SynthOptions{Events: 600, PerDoc: 6, Actors: 12, Places: 20, Seed: 3}); err != nil {
				t.Fatal(err)
			}
			all, err := st.Events(ctx, EventFilter{Page: Page{Limit: 1000}})
			if err != nil {
				t.Fatal(err)
			}
			if len(all) != 600 {
				t.Fatalf("%d events, want 600", len(all))
			}
			for _, tc := range []struct {
				actor, typ string
			}{
				{SynthActor(0), "ACCUSE"}, {SynthActor(1), ""}, {SynthActorName(2), "consult"}, {"synthland 3", ""}, {"NOBODY", ""},
			} {
				var want []EventRow
				match := func(id, name string) bool {
					return id == strings.ToUpper(tc.actor) || strings.EqualFold(name, tc.actor)
				}
				for _, e := range all {
					if (match(e.Source, e.SourceName) || match(e.Target, e.TargetName)) &&
						(tc.typ == "" || e.Plover == strings.ToUpper(tc.typ)) {
						want = append(want, e)
					}
				}
				if tc.actor != "NOBODY" && len(want) == 0 {
					t.Fatalf("actor %q type %q: no events to compare", tc.actor, tc.typ)
				}
				for _, page := range []Page{{Limit: 1000}, {Limit: 7, Offset: 5}} {
					got, err := st.Events(ctx, EventFilter{Page: page, Actor: tc.actor, Type: tc.typ})
					if err != nil {
						t.Fatal(err)
					}
					w := want
					if page.Offset < len(w) {
						w = w[page.Offset:min(len(w), page.Offset+page.Limit)]
					} else {
						w = nil
					}
					if diff := cmp.Diff(w, got, cmpopts.EquateEmpty()); diff != "" {
						t.Errorf("actor %q type %q page %+v (-want +got):\n%s", tc.actor, tc.typ, page, diff)
					}
				}
			}
		})
	}
}

// TestPrepare stores items prepared on several goroutines (as ingest
// does) and the same prepared items again in a second store: a prepared
// item is not changed by writing it, and every document reads back as
// stored, its text included (the analysis is stored without it).
func TestPrepare(t *testing.T) {
	for name, open := range engines(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			items := make([]Item, 8)
			var wg sync.WaitGroup
			for i := range items {
				in, d := fixture(fmt.Sprintf("p%d", i), "Wire", "2021-08-05")
				items[i] = Item{Key: Key(in), Doc: d}
				wg.Go(items[i].Prepare)
			}
			wg.Wait()
			for range 2 {
				st := open(t)
				res, err := PutBatch(ctx, st, items)
				if err != nil {
					t.Fatal(err)
				}
				for i, r := range res {
					if r.Err != nil || !r.Created {
						t.Fatalf("item %d: %+v", i, r)
					}
					got, err := st.Doc(ctx, r.ID)
					if err != nil {
						t.Fatal(err)
					}
					if diff := cmp.Diff(items[i].Doc, got); diff != "" {
						t.Errorf("item %d (-put +got):\n%s", i, diff)
					}
				}
				stats, err := st.Stats(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if want := (Stats{Docs: 8, Events: 16, Actors: 3, Places: 1, Quotes: 8}); stats != want {
					t.Errorf("Stats = %+v, want %+v", stats, want)
				}
			}
		})
	}
}
