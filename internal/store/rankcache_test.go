package store

import (
	"context"
	"testing"
)

// TestRankCache checks that the cached actor and place rankings follow
// the documents stored after they were computed.
func TestRankCache(t *testing.T) {
	for name, open := range engines(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := open(t)
			counts := func() (actorDocs, placeDocs, placeEvents int) {
				t.Helper()
				actors, err := s.Actors(ctx, ActorFilter{Query: "tal"})
				if err != nil {
					t.Fatal(err)
				}
				places, err := s.Places(ctx, PlaceFilter{})
				if err != nil {
					t.Fatal(err)
				}
				if len(actors) == 1 {
					actorDocs = actors[0].Docs
				}
				if len(places) == 1 {
					placeDocs, placeEvents = places[0].Docs, places[0].Events
				}
				return
			}
			if a, p, e := counts(); a != 0 || p != 0 || e != 0 {
				t.Fatalf("empty store ranks %d, %d, %d", a, p, e)
			}
			for i, id := range []string{"r1", "r2", "r3"} {
				in, d := fixture(id, "X", "2021-01-01")
				if _, _, err := s.Put(ctx, Key(in), d); err != nil {
					t.Fatal(err)
				}
				for range 2 { // the second read is served from the cache
					if a, p, e := counts(); a != i+1 || p != i+1 || e != i+1 {
						t.Errorf("after %d documents: actor docs %d, place docs %d, place events %d", i+1, a, p, e)
					}
				}
			}
			actors, _ := s.Actors(ctx, ActorFilter{})
			actors[0].Name = "changed"
			if again, _ := s.Actors(ctx, ActorFilter{}); again[0].Name == "changed" {
				t.Error("a caller's change to a ranking reached the cache")
			}
		})
	}
}
