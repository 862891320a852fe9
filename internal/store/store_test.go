package store

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/store/storetest"
)

// engines returns the stores every test runs against: SQLite always, and
// PostgreSQL when SITREP_TEST_POSTGRES names a server (CI starts one). Each
// store is new and empty.
func engines(t *testing.T) map[string]func(t *testing.T) Store {
	m := map[string]func(t *testing.T) Store{
		"sqlite": func(t *testing.T) Store {
			s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		},
	}
	if os.Getenv(storetest.Env) == "" {
		t.Log(storetest.Why)
		return m
	}
	m["postgres"] = func(t *testing.T) Store {
		s, err := Open(context.Background(), storetest.PostgresURL(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	return m
}

func ptr[T any](v T) *T { return &v }

// fixture builds a small analysed document by hand.
func fixture(id, outlet, published string) (sitrep.Input, *sitrep.Doc) {
	text := "China has been backing the Taliban in Lashkar Gah, western sources believe. The UN said it was concerned."
	in := sitrep.Input{ID: id, Outlet: outlet, Published: published, Title: "China backs Taliban " + id, Text: text}
	d := &sitrep.Doc{
		ID: sitrep.NullString(id), Title: sitrep.NullString(in.Title), Outlet: sitrep.NullString(outlet),
		Published: sitrep.NullString(published), Text: text,
		Sentences: []sitrep.Sentence{{Start: 0, End: 75, Kind: "body"}, {Start: 76, End: len(text), Kind: "body"}},
		Actors: []sitrep.Actor{
			{ID: "CHN", Name: "China", Type: "country", Country: "CHN", Mentions: []sitrep.Mention{{Start: 0, End: 5}}},
			{ID: "TAL", Name: "Taliban", Type: "armed_group", Country: "AFG", Sector: "INS", Mentions: []sitrep.Mention{{Start: 27, End: 34}}},
			{ID: "IGOUNO", Name: "United Nations", Type: "igo", Mentions: []sitrep.Mention{{Start: 80, End: 82}}},
		},
		Places: []sitrep.Place{{ID: "p1", Name: "Lashkar Gah", Lat: ptr(31.59), Lon: ptr(64.37), Feature: "city",
			Country: "AF", Admin1: "Helmand", GeonameID: ptr(1147290), Mentions: []sitrep.Mention{{Start: 38, End: 49}}}},
		Quotes: []sitrep.Quote{{ID: "q1", Start: 0, End: 49, Text: text[:49], Cue: "believe", Hedged: true,
			Speaker: sitrep.Speaker{Text: "western sources", Start: 51, End: 66, Kind: sitrep.SpeakerAnonymous}}},
		Quantities: []sitrep.Quantity{{ID: "n1", Start: 0, End: 1, Text: "C", Value: ptr(3.0), Bound: "exact", Kind: "killed"}},
		Events: []sitrep.Event{
			{ID: "e1", Sentence: 0, Source: &sitrep.ActorRef{Actor: "CHN", Text: "China", Start: 0, End: 5},
				Target: &sitrep.ActorRef{Actor: "TAL", Text: "Taliban", Start: 27, End: 34},
				Plover: "AID", Cameo: "070", Modality: "believed", Attribution: "q1", Places: []string{"p1"},
				Date: "2021-08", Quantities: []string{"n1"}, Evidence: sitrep.Span{Start: 0, End: 75}},
			{ID: "e2", Sentence: 1, Source: &sitrep.ActorRef{Actor: "IGOUNO", Text: "UN", Start: 80, End: 82},
				Plover: "PROTEST", Modality: "asserted", Evidence: sitrep.Span{Start: 76, End: len(text)}},
		},
	}
	d.Normalize()
	return in, d
}

func TestStore(t *testing.T) {
	for name, open := range engines(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := open(t)
			in1, d1 := fixture("a1", "The Mirror", "2021-08-05")
			in2, d2 := fixture("a2", "The Times", "2021-09-01")

			id1, created, err := s.Put(ctx, Key(in1), d1)
			if err != nil || !created {
				t.Fatalf("Put = %d, %v, %v; want created", id1, created, err)
			}
			again, created, err := s.Put(ctx, Key(in1), d1)
			if err != nil || created || again != id1 {
				t.Fatalf("second Put = %d, %v, %v; want %d, not created", again, created, err, id1)
			}
			id2, _, err := s.Put(ctx, Key(in2), d2)
			if err != nil {
				t.Fatal(err)
			}
			names := map[int64]string{id1: "1", id2: "2"}
			if ok, err := s.Has(ctx, Key(in1)); err != nil || !ok {
				t.Fatalf("Has = %v, %v", ok, err)
			}

			st, err := s.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if want := (Stats{Docs: 2, Events: 4, Actors: 3, Places: 1, Quotes: 2}); st != want {
				t.Errorf("Stats = %+v, want %+v", st, want)
			}

			got, err := s.Doc(ctx, id1)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(d1, got); diff != "" {
				t.Errorf("Doc round trip (-put +got):\n%s", diff)
			}
			if _, err := s.Doc(ctx, 9999); err == nil {
				t.Error("Doc(9999) found something")
			}

			events := func(f EventFilter) []string {
				t.Helper()
				rows, err := s.Events(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				var out []string
				for _, r := range rows {
					out = append(out, names[r.DocID]+"/"+r.EventID)
				}
				return out
			}
			tests := []struct {
				name string
				f    EventFilter
				want []string
			}{
				{"all", EventFilter{}, []string{"2/e1", "2/e2", "1/e1", "1/e2"}},
				{"actor id", EventFilter{Actor: "tal"}, []string{"2/e1", "1/e1"}},
				{"actor name", EventFilter{Actor: "united nations"}, []string{"2/e2", "1/e2"}},
				{"source and type", EventFilter{Source: "CHN", Type: "aid"}, []string{"2/e1", "1/e1"}},
				{"target", EventFilter{Target: "CHN"}, nil},
				{"place", EventFilter{Place: "lashkar gah"}, []string{"2/e1", "1/e1"}},
				{"geonameid", EventFilter{Place: "1147290"}, []string{"2/e1", "1/e1"}},
				{"date range uses event date, then publication", EventFilter{From: "2021-08-01", To: "2021-08"}, []string{"1/e2"}},
				{"month prefix", EventFilter{To: "2021-08"}, []string{"2/e1", "1/e1", "1/e2"}},
				{"sourcing", EventFilter{Sourcing: "anonymous"}, []string{"2/e1", "1/e1"}},
				{"unattributed", EventFilter{Sourcing: "unattributed"}, []string{"2/e2", "1/e2"}},
				{"one document", EventFilter{Doc: id1}, []string{"1/e1", "1/e2"}},
				{"text search", EventFilter{Text: "a2"}, []string{"2/e1", "2/e2"}},
				{"page", EventFilter{Page: Page{Limit: 1, Offset: 1}}, []string{"2/e2"}},
			}
			for _, tt := range tests {
				if diff := cmp.Diff(tt.want, events(tt.f)); diff != "" {
					t.Errorf("Events %s (-want +got):\n%s", tt.name, diff)
				}
			}
			rows, _ := s.Events(ctx, EventFilter{Source: "CHN", Doc: id1})
			if len(rows) != 1 || rows[0].SourceName != "China" || rows[0].Place != "Lashkar Gah" ||
				rows[0].SpeakerKind != "anonymous" || rows[0].Killed == nil || *rows[0].Killed != 3 || rows[0].Lat == nil {
				t.Errorf("joined event row = %+v", rows)
			}

			docs, err := s.Docs(ctx, DocFilter{Query: "taliban a1"})
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != 1 || docs[0].ExtID != "a1" || docs[0].Events != 2 {
				t.Errorf("Docs search = %+v", docs)
			}
			if docs, _ := s.Docs(ctx, DocFilter{Outlet: "the times"}); len(docs) != 1 || docs[0].ExtID != "a2" {
				t.Errorf("Docs by outlet = %+v", docs)
			}
			if docs, _ := s.Docs(ctx, DocFilter{Query: `"; DROP TABLE documents; --`}); len(docs) != 0 {
				t.Errorf("hostile search matched %d documents", len(docs))
			}

			actors, err := s.Actors(ctx, ActorFilter{Query: "tal"})
			if err != nil {
				t.Fatal(err)
			}
			if len(actors) != 1 || actors[0].ID != "TAL" || actors[0].Docs != 2 || actors[0].Events != 2 {
				t.Errorf("Actors = %+v", actors)
			}
			places, err := s.Places(ctx, PlaceFilter{Country: "af"})
			if err != nil {
				t.Fatal(err)
			}
			if len(places) != 1 || places[0].Name != "Lashkar Gah" || places[0].Docs != 2 {
				t.Errorf("Places = %+v", places)
			}
		})
	}
}

// TestPutAtomic checks that a document whose layers cannot be written is
// not stored at all, and that concurrent puts of one key store it once.
func TestPutAtomic(t *testing.T) {
	for name, open := range engines(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := open(t)
			in, d := fixture("dup", "X", "2021-01-01")
			d.Actors = append(d.Actors, d.Actors[0]) // duplicate primary key
			if _, _, err := s.Put(ctx, Key(in), d); err == nil {
				t.Fatal("Put with duplicate actors succeeded")
			}
			if ok, _ := s.Has(ctx, Key(in)); ok {
				t.Fatal("half-written document is stored")
			}

			in, d = fixture("race", "X", "2021-01-01")
			var wg sync.WaitGroup
			var mu sync.Mutex
			createdN := 0
			for range 8 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, created, err := s.Put(ctx, Key(in), d)
					if err != nil {
						t.Error(err)
					}
					if created {
						mu.Lock()
						createdN++
						mu.Unlock()
					}
				}()
			}
			wg.Wait()
			st, _ := s.Stats(ctx)
			if createdN != 1 || st.Docs != 1 || st.Events != 2 {
				t.Errorf("8 concurrent puts: created %d times, stats %+v", createdN, st)
			}
		})
	}
}
