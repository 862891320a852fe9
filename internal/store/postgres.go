package store

import (
	"context"
	"database/sql"
	"fmt"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

var postgresDialect = dialect{
	name:   "postgres",
	dollar: true,
	migrations: [][]string{
		append(tables("BIGSERIAL PRIMARY KEY"),
			`ALTER TABLE documents ADD COLUMN tsv tsvector
				GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || text)) STORED`,
			`CREATE INDEX documents_tsv ON documents USING GIN (tsv)`),
		// 2: the story index of internal/cluster.
		clusterTables(),
		// 3: syndication groups, signatures and watched feeds (internal/dedup, sitrep watch).
		ingestTables(),
		// 4: indexes for the event listing at scale (see queryIndexes).
		queryIndexes(),
		// 5: compressed analysis (see compactTables).
		compactTables(false),
		// 6: no quotes table; SQLite: an actors.lname column (see leanRows).
		leanRows(false),
	},
	insert:   `INSERT INTO `,
	ftsDocs:  `documents d WHERE d.tsv @@ plainto_tsquery('english', ?)`,
	ftsOrder: `d.id DESC`,
}

// openPostgres opens a PostgreSQL store at the URL dsn. Migrations take an
// advisory lock so that several workers starting at once do not race.
func openPostgres(ctx context.Context, dsn string) (*sqlStore, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	// A bounded pool, kept open: under load, requests wait for a
	// connection instead of failing on the server's max_connections, and
	// do not pay a new connection (a backend process) each.
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	defer conn.Close()
	const lockID = 0x5173 // "sitrep" migrations
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, lockID); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, lockID)
	return newSQLStore(ctx, db, postgresDialect)
}
