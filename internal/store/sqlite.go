package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"runtime"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// tables is the schema shared by both engines, in portable SQL; each
// dialect adds its own key column types and text search.
func tables(idCol string) []string {
	return []string{
		`CREATE TABLE documents (
			id ` + idCol + `,
			key TEXT NOT NULL UNIQUE,
			text_hash TEXT NOT NULL,
			ext_id TEXT NOT NULL,
			title TEXT NOT NULL,
			outlet TEXT NOT NULL,
			url TEXT NOT NULL,
			published TEXT NOT NULL,
			text TEXT NOT NULL,
			analysis TEXT NOT NULL,
			n_events INTEGER NOT NULL,
			ingested TEXT NOT NULL)`,
		`CREATE INDEX documents_text_hash ON documents (text_hash)`,
		`CREATE INDEX documents_published ON documents (published)`,
		`CREATE TABLE actors (
			doc_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
			actor_id TEXT NOT NULL,
			name TEXT NOT NULL,
			type TEXT NOT NULL,
			country TEXT NOT NULL,
			sector TEXT NOT NULL,
			mentions INTEGER NOT NULL,
			PRIMARY KEY (doc_id, actor_id))`,
		`CREATE INDEX actors_actor ON actors (actor_id)`,
		`CREATE TABLE places (
			doc_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
			place_id TEXT NOT NULL,
			name TEXT NOT NULL,
			geonameid INTEGER,
			feature TEXT NOT NULL,
			country TEXT NOT NULL,
			admin1 TEXT NOT NULL,
			lat DOUBLE PRECISION,
			lon DOUBLE PRECISION,
			PRIMARY KEY (doc_id, place_id))`,
		`CREATE INDEX places_name ON places (name)`,
		`CREATE TABLE quotes (
			doc_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
			quote_id TEXT NOT NULL,
			speaker TEXT NOT NULL,
			kind TEXT NOT NULL,
			actor TEXT NOT NULL,
			direct BOOLEAN NOT NULL,
			hedged BOOLEAN NOT NULL,
			text TEXT NOT NULL,
			PRIMARY KEY (doc_id, quote_id))`,
		`CREATE TABLE events (
			doc_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
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
			PRIMARY KEY (doc_id, event_id))`,
		`CREATE INDEX events_source ON events (source, plover)`,
		`CREATE INDEX events_target ON events (target, plover)`,
		`CREATE INDEX events_plover ON events (plover)`,
		`CREATE INDEX events_date ON events (date)`,
		`CREATE INDEX events_place ON events (place)`,
	}
}

var sqliteDialect = dialect{
	name: "sqlite",
	migrations: [][]string{
		append(tables("INTEGER PRIMARY KEY AUTOINCREMENT"),
			`CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`),
		// 2: the story index of internal/cluster.
		clusterTables(),
		// 3: syndication groups, signatures and watched feeds (internal/dedup, sitrep watch).
		ingestTables(),
		// 4: indexes for the event listing at scale (see queryIndexes).
		queryIndexes(),
		// 5: compressed analysis, WITHOUT ROWID tables (see compactTables).
		compactTables(true),
		// 6: no quotes table; SQLite: an actors.lname column (see leanRows).
		leanRows(true),
	},
	ftsInsert: `INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)`,
	lname:     true,
	insert:    `INSERT OR ROLLBACK INTO `,
	ftsDocs:   `documents_fts f JOIN documents d ON d.id = f.rowid WHERE documents_fts MATCH ?`,
	ftsOrder:  `f.rank`,
}

// openSQLite opens (creating if needed) a SQLite store at path. WAL lets
// readers work while one writer ingests; busy_timeout makes concurrent
// writers wait for each other instead of failing.
func openSQLite(ctx context.Context, path string) (*sqlStore, error) {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(1)",
		// A batch of documents (PutBatch) dirties a few MB: a larger page
		// cache keeps it from spilling to the WAL before the commit, and
		// temporary b-trees stay in memory.
		"cache_size(-32000)", "temp_store(MEMORY)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	dsn := "file:" + path + "?" + q.Encode()
	if path == ":memory:" {
		dsn = "file::memory:?" + q.Encode()
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if path == ":memory:" {
		// Each connection to :memory: is its own database: keep one.
		db.SetMaxOpenConns(1)
	} else {
		// Keep the connections a busy server uses open: database/sql
		// keeps two idle by default, and a new SQLite connection reads
		// the schema and prepares its statements again.
		n := max(8, 2*runtime.GOMAXPROCS(0))
		db.SetMaxOpenConns(n)
		db.SetMaxIdleConns(n)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return newSQLStore(ctx, db, sqliteDialect)
}
