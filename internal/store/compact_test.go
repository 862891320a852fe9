package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/sitrep/sitrep/internal/dedup"
	"github.com/sitrep/sitrep/internal/store/storetest"
)

func TestTextHash(t *testing.T) {
	for _, text := range []string{
		"", " ", "a", "A", "Hello  World", "  lead\tand\ntrail \r\n", "x\vy\fz", "MiXeD Case 123 !?",
		"Ünïcode ÇASE", "İstanbul", "a\u00a0b", "a\u0085b", "tab\t\tsep", "end ", "\xff", "A\xffB \xe2\x80",
		"thin\u2009space", "\u01c5 title case", "“Quoted,” she said — again.",
	} {
		if got, want := TextHash(text), textHashGeneral(text); got != want {
			t.Errorf("TextHash(%q) = %s, want %s", text, got, want)
		}
	}
	if TextHash("The  Cat\n") != TextHash("the cat") {
		t.Error("copies differing in case and spacing hash differently")
	}
}

func FuzzTextHash(f *testing.F) {
	for _, s := range []string{"", "Hello  World", " a\tB\n", "İ x", "a\u00a0b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := TextHash(text), textHashGeneral(text); got != want {
			t.Errorf("TextHash(%q) = %s, want %s", text, got, want)
		}
	})
}

// TestMigrateCompact stores a document with the schema of version 4 (the
// analysis as JSON text, rowid tables) and checks that after migration 5
// it reads back the same, that every listing still finds it, and that new
// documents (compressed analysis) are stored beside it.
func TestMigrateCompact(t *testing.T) {
	dsns := map[string]string{"sqlite": filepath.Join(t.TempDir(), "v4.db")}
	if u := storetest.PostgresURL(t); u != "" {
		dsns["postgres"] = u
	} else {
		t.Log(storetest.Why)
	}
	for name, dsn := range dsns {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			d4, driver, raw := sqliteDialect, "sqlite", "file:"+dsn+"?_pragma=foreign_keys(1)"
			if name == "postgres" {
				d4, driver, raw = postgresDialect, "pgx", dsn
			}
			d4.migrations = d4.migrations[:4]
			d4.lname = false // a column of migration 6
			db, err := sql.Open(driver, raw)
			if err != nil {
				t.Fatal(err)
			}
			old := &sqlStore{db: db, d: d4}
			if err := old.migrate(ctx); err != nil {
				t.Fatal(err)
			}
			in, doc := fixture("old", "The Mirror", "2021-08-05")
			// Long enough for a signature, so the band index is used.
			ar, err := txtar.ParseFile(filepath.Join("..", "dedup", "testdata", "pairs.txtar"))
			if err != nil {
				t.Fatal(err)
			}
			doc.Text += " " + string(ar.Files[0].Data)
			js, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			var id int64
			err = tx.QueryRowContext(ctx, old.rebind(`INSERT INTO documents
				(key, text_hash, ext_id, title, outlet, url, published, text, analysis, n_events, ingested)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
				Key(in), TextHash(doc.Text), "old", string(doc.Title), "The Mirror", "", "2021-08-05", doc.Text,
				string(js), len(doc.Events), time.Now().UTC().Format(time.RFC3339Nano)).Scan(&id)
			if err != nil {
				t.Fatal(err)
			}
			w := old.newTxWriter(tx)
			e := encode(doc)
			if err := w.putLayers(ctx, id, doc, e); err != nil {
				t.Fatal(err)
			}
			if err := w.putSignature(ctx, id, e); err != nil {
				t.Fatal(err)
			}
			// Version 4 kept the quotes in a table (migration 6 counts them).
			for _, q := range doc.Quotes {
				if _, err := tx.ExecContext(ctx, old.rebind(`INSERT INTO quotes (doc_id, quote_id, speaker, kind, actor, direct, hedged, text)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?)`), id, q.ID, q.Speaker.Text, q.Speaker.Kind, string(q.Speaker.Actor), q.Direct, q.Hedged, q.Text); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.flush(ctx); err != nil {
				t.Fatal(err)
			}
			w.close()
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			db.Close()

			s, err := Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			got, err := s.Doc(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(doc, got); diff != "" {
				t.Errorf("pre-migration document (-stored +read):\n%s", diff)
			}
			in2, doc2 := fixture("new", "The Times", "2021-09-01")
			doc2.Text = doc.Text
			id2, created, err := s.Put(ctx, Key(in2), doc2)
			if err != nil || !created {
				t.Fatalf("Put after migration = %v, %v", created, err)
			}
			if _, created, _ := s.Put(ctx, Key(in), doc); created {
				t.Error("pre-migration document stored again")
			}
			got2, err := s.Doc(ctx, id2)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(doc2, got2); diff != "" {
				t.Errorf("compressed document (-stored +read):\n%s", diff)
			}
			rows, err := s.Events(ctx, EventFilter{Actor: "taliban", Type: "AID"})
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 2 || rows[0].DocID != id2 || rows[1].DocID != id || rows[1].SourceName != "China" {
				t.Errorf("Events after migration = %+v", rows)
			}
			actors, err := s.Actors(ctx, ActorFilter{Query: "tal"})
			if err != nil || len(actors) != 1 || actors[0].Docs != 2 || actors[0].Events != 2 {
				t.Errorf("Actors after migration = %+v, %v", actors, err)
			}
			places, err := s.Places(ctx, PlaceFilter{})
			if err != nil || len(places) != 1 || places[0].Docs != 2 || places[0].Events != 2 {
				t.Errorf("Places after migration = %+v, %v", places, err)
			}
			if st, err := s.Stats(ctx); err != nil || st != (Stats{Docs: 2, Events: 4, Actors: 3, Places: 1, Quotes: 2}) {
				t.Errorf("Stats after migration = %+v, %v", st, err)
			}
			near, err := s.(Dedup).NearDuplicates(ctx, dedup.Signature(doc.Text), 0)
			if err != nil || len(near) != 2 || near[0].DocID != id {
				t.Errorf("NearDuplicates after migration = %+v, %v", near, err)
			}
		})
	}
}

// TestASCIILower checks that the actors.lname the store writes is what
// SQLite's lower() makes of the name a lookup compares it with.
func TestASCIILower(t *testing.T) {
	st, err := Open(context.Background(), ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	db := st.(*sqlStore).db
	for _, s := range []string{"", "Taliban", "UN", "already lower", "ÜLKÜ Çelik", "İstanbul", "ΑΘΗΝΑ", "A\xffB", "Mixed-Case 42"} {
		var want string
		if err := db.QueryRow(`SELECT lower(?)`, s).Scan(&want); err != nil {
			t.Fatal(err)
		}
		if got := asciiLower(s); got != want {
			t.Errorf("asciiLower(%q) = %q, SQLite lower = %q", s, got, want)
		}
	}
}
