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

// encodeAnalysis returns doc's analysis JSON compressed for
// documents.analysis_z.
func encodeAnalysis(doc *sitrep.Doc) ([]byte, error) {
	js, err := json.Marshal(doc)
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
