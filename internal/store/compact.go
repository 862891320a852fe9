package store

import (
	"encoding/json"
	"fmt"

	"github.com/klauspost/compress/s2"

	"github.com/sitrep/sitrep"
)

// compactTables is migration 5, which makes a stored document cheaper to
// write (see docs/performance.md, "Ingest"):
//
//  1. documents.analysis_z holds the analysis JSON compressed (S2 block
//     format, a third of the size): writing 20 KB of JSON was most of the
//     pages a document dirtied. New rows leave documents.analysis empty;
//     rows written before keep their JSON there and are read as before
//     (see decodeAnalysis), so no analysis is rewritten.
//  2. SQLite only (PostgreSQL has no rowids): the tables with a primary
//     key become WITHOUT ROWID, so each row is one b-tree insert instead
//     of two (the rowid table and the key's index); doc_bands is 24 rows
//     per document. The event indexes then hold (doc_id, event_id), which
//     makes them covering for the event listing's page step. Their
//     foreign keys are checked at the commit (DEFERRABLE INITIALLY
//     DEFERRED): an immediate one makes every multi-row INSERT keep a
//     statement journal (see dialect.insert).
//  3. Indexes no query uses go: events_date and documents_published (the
//     date filters compare COALESCE(event date, publication date), which
//     neither serves); actors_actor too in SQLite, where the actors key
//     now leads with actor_id. events_target and events_place become
//     partial, over events that have a target or a place (most events
//     have neither): the queries that use them also require the column
//     to be non-empty, in so many words, so that the engines see they may.
func compactTables(sqlite bool) []string {
	drop := []string{`DROP INDEX events_date`, `DROP INDEX documents_published`}
	if !sqlite {
		return append(drop,
			`DROP INDEX events_target`,
			`CREATE INDEX events_target ON events (target, plover, doc_id DESC, seq) WHERE target <> ''`,
			`DROP INDEX events_place`,
			`CREATE INDEX events_place ON events (place) WHERE place <> ''`,
			`ALTER TABLE documents ADD COLUMN analysis_z BYTEA`,
			// Already compressed: keep PostgreSQL from trying again.
			`ALTER TABLE documents ALTER COLUMN analysis_z SET STORAGE EXTERNAL`)
	}
	out := append(drop, `ALTER TABLE documents ADD COLUMN analysis_z BLOB`)
	// rebuild copies table into a WITHOUT ROWID table of the same name
	// and columns; its indexes are dropped with it and made again.
	rebuild := func(table, def, cols string, indexes ...string) {
		out = append(out,
			`CREATE TABLE `+table+`_new `+def+` WITHOUT ROWID`,
			`INSERT INTO `+table+`_new (`+cols+`) SELECT `+cols+` FROM `+table,
			`DROP TABLE `+table,
			`ALTER TABLE `+table+`_new RENAME TO `+table)
		out = append(out, indexes...)
	}
	rebuild("doc_sigs", `(
			doc_id BIGINT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
			sig TEXT NOT NULL)`, `doc_id, sig`)
	rebuild("doc_bands", `(
			bkey BIGINT NOT NULL,
			doc_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
			PRIMARY KEY (bkey, doc_id))`, `bkey, doc_id`)
	// The key leads with actor_id, which serves what actors_actor did.
	rebuild("actors", `(
			doc_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
			actor_id TEXT NOT NULL,
			name TEXT NOT NULL,
			type TEXT NOT NULL,
			country TEXT NOT NULL,
			sector TEXT NOT NULL,
			mentions INTEGER NOT NULL,
			PRIMARY KEY (actor_id, doc_id))`, `doc_id, actor_id, name, type, country, sector, mentions`,
		`CREATE INDEX actors_lname ON actors (lower(name))`)
	rebuild("places", `(
			doc_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
			place_id TEXT NOT NULL,
			name TEXT NOT NULL,
			geonameid INTEGER,
			feature TEXT NOT NULL,
			country TEXT NOT NULL,
			admin1 TEXT NOT NULL,
			lat DOUBLE PRECISION,
			lon DOUBLE PRECISION,
			PRIMARY KEY (doc_id, place_id))`, `doc_id, place_id, name, geonameid, feature, country, admin1, lat, lon`,
		`CREATE INDEX places_name ON places (name)`)
	rebuild("quotes", `(
			doc_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
			quote_id TEXT NOT NULL,
			speaker TEXT NOT NULL,
			kind TEXT NOT NULL,
			actor TEXT NOT NULL,
			direct BOOLEAN NOT NULL,
			hedged BOOLEAN NOT NULL,
			text TEXT NOT NULL,
			PRIMARY KEY (doc_id, quote_id))`, `doc_id, quote_id, speaker, kind, actor, direct, hedged, text`)
	rebuild("events", `(
			doc_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
			event_id TEXT NOT NULL,
			seq INTEGER NOT NULL,
			source TEXT NOT NULL,
			source_text TEXT NOT NULL,
			target TEXT NOT NULL,
			target_text TEXT NOT NULL,
			plover TEXT NOT NULL,
			cameo TEXT NOT NULL,
			negated BOOLEAN NOT NULL,
			modality TEXT NOT NULL,
			date TEXT NOT NULL,
			place TEXT NOT NULL,
			geonameid INTEGER,
			country TEXT NOT NULL,
			lat DOUBLE PRECISION,
			lon DOUBLE PRECISION,
			speaker TEXT NOT NULL,
			speaker_kind TEXT NOT NULL,
			evidence TEXT NOT NULL,
			killed DOUBLE PRECISION,
			PRIMARY KEY (doc_id, event_id))`, `doc_id, event_id, seq, source, source_text, target, target_text, plover, cameo,
			negated, modality, date, place, geonameid, country, lat, lon, speaker, speaker_kind, evidence, killed`,
		`CREATE INDEX events_source ON events (source, plover, doc_id DESC, seq)`,
		`CREATE INDEX events_target ON events (target, plover, doc_id DESC, seq) WHERE target <> ''`,
		`CREATE INDEX events_plover ON events (plover, doc_id DESC, seq)`,
		`CREATE INDEX events_place ON events (place) WHERE place <> ''`)
	return out
}

// leanRows is migration 6, which makes a document fewer and cheaper rows
// (see docs/performance.md, "Ingest: a pipelined writer"):
//
//  1. The quotes table, which nothing read but the count in Stats,
//     becomes documents.n_quotes (the quotes themselves are in the
//     analysis). It was 16 rows and 2 KB for the benchmark document, a
//     fifth of the rows a document added. The index serves the sum in
//     Stats, which must not read the documents' rows (in SQLite the
//     analysis comes before the new column: several pages per document).
//  2. SQLite only: actors.lname holds lower(name), written by the store
//     (asciiLower), and is indexed instead of the expression lower(name).
//     An index on an expression makes every INSERT into actors keep a
//     statement journal (the expression's function might fail at run
//     time), copying every page it touches: 4 % of the CPU of ingest.
//     PostgreSQL keeps its index on lower(name) (its lower is not
//     ASCII-only).
func leanRows(sqlite bool) []string {
	out := []string{
		`ALTER TABLE documents ADD COLUMN n_quotes INTEGER NOT NULL DEFAULT 0`,
		`UPDATE documents SET n_quotes = (SELECT COUNT(*) FROM quotes q WHERE q.doc_id = documents.id)
			WHERE id IN (SELECT doc_id FROM quotes)`,
		`DROP TABLE quotes`,
		`CREATE INDEX documents_n_quotes ON documents (n_quotes)`,
	}
	if sqlite {
		out = append(out,
			`ALTER TABLE actors ADD COLUMN lname TEXT NOT NULL DEFAULT ''`,
			`UPDATE actors SET lname = lower(name)`,
			`DROP INDEX actors_lname`,
			`CREATE INDEX actors_lname ON actors (lname)`)
	}
	return out
}

// asciiLower is SQLite's lower(): ASCII letters only (no ICU).
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// encodeAnalysis returns doc's analysis JSON compressed for
// documents.analysis_z. The text is left out (documents.text holds it:
// see Doc), which spares encoding, compressing and storing it twice.
func encodeAnalysis(doc *sitrep.Doc) ([]byte, error) {
	d := *doc
	d.Text = ""
	js, err := json.Marshal(&d)
	if err != nil {
		return nil, err
	}
	return s2.Encode(nil, js), nil
}

// decodeAnalysis returns the analysis JSON of a row: analysis_z
// decompressed when set, else the JSON of a row stored before migration 5.
func decodeAnalysis(analysis string, z []byte) ([]byte, error) {
	if len(z) == 0 {
		return []byte(analysis), nil
	}
	js, err := s2.Decode(nil, z)
	if err != nil {
		return nil, fmt.Errorf("decompress analysis: %w", err)
	}
	return js, nil
}
