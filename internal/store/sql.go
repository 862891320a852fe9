package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sitrep/sitrep"
)

// dialect holds what differs between the SQL engines.
type dialect struct {
	name string
	// migrations are applied in order; each entry is one version.
	migrations [][]string
	// dollar reports whether placeholders are $1, $2 (PostgreSQL) rather than ?.
	dollar bool
	// ftsInsert indexes a new document for search (empty when the engine
	// indexes by itself).
	ftsInsert string
	// insert begins the INSERTs of a document's rows. SQLite's is
	// INSERT OR ROLLBACK: a failing row fails the whole transaction
	// anyway (see PutBatch), and a multi-row INSERT that may abort
	// instead would keep a statement journal of every page it changes
	// (so would an immediate foreign key: see compactTables).
	insert string
	// ftsDocs is the document search: a FROM/WHERE fragment that takes the
	// query as its one parameter and exposes rows as d.
	ftsDocs string
	// ftsOrder orders search results, best first.
	ftsOrder string
	// lname reports whether actors has the column lname, lower(name)
	// (see leanRows); else the name lookup is on lower(name).
	lname bool
}

// sqlStore implements Store over database/sql.
type sqlStore struct {
	db *sql.DB
	d  dialect
	// stmts caches prepared read statements by query text: parsing and
	// planning the event listing is a tenth of a request's CPU in SQLite.
	stmts sync.Map // string -> *sql.Stmt
	nstmt atomic.Int32
	// ranks caches the actor and place rankings (see rankCache).
	ranks rankCache
}

// maxStmts bounds the statement cache; the listings have a few hundred
// filter combinations at most.
const maxStmts = 512

// query runs a read (q already rebound) through a cached prepared
// statement.
func (s *sqlStore) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if v, ok := s.stmts.Load(q); ok {
		return v.(*sql.Stmt).QueryContext(ctx, args...)
	}
	if s.nstmt.Load() >= maxStmts {
		return s.db.QueryContext(ctx, q, args...)
	}
	st, err := s.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if v, loaded := s.stmts.LoadOrStore(q, st); loaded {
		st.Close()
		st = v.(*sql.Stmt)
	} else {
		s.nstmt.Add(1)
	}
	return st.QueryContext(ctx, args...)
}

var _ Store = (*sqlStore)(nil)

// Open opens the store named by dsn: a postgres:// or postgresql:// URL
// for PostgreSQL, anything else a SQLite file path (":memory:" for a
// throwaway store). It creates or migrates the schema.
func Open(ctx context.Context, dsn string) (Store, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return openPostgres(ctx, dsn)
	}
	return openSQLite(ctx, dsn)
}

func newSQLStore(ctx context.Context, db *sql.DB, d dialect) (*sqlStore, error) {
	s := &sqlStore{db: db, d: d}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// rebind turns ? placeholders into $n for PostgreSQL.
func (s *sqlStore) rebind(q string) string {
	if !s.d.dollar {
		return q
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

func (s *sqlStore) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	var v int
	err := s.db.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&v)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if _, err := s.db.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (0)`); err != nil {
			return fmt.Errorf("store: migrate: %w", err)
		}
	case err != nil:
		return fmt.Errorf("store: migrate: %w", err)
	}
	for ; v < len(s.d.migrations); v++ {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("store: migrate: %w", err)
		}
		for _, stmt := range s.d.migrations[v] {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				tx.Rollback()
				return fmt.Errorf("store: migrate to version %d: %q: %w", v+1, firstLine(stmt), err)
			}
		}
		if _, err := tx.ExecContext(ctx, s.rebind(`UPDATE schema_version SET version = ?`), v+1); err != nil {
			tx.Rollback()
			return fmt.Errorf("store: migrate: %w", err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("store: migrate: %w", err)
		}
	}
	return nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func (s *sqlStore) Close() error {
	s.stmts.Range(func(_, v any) bool {
		v.(*sql.Stmt).Close()
		return true
	})
	return s.db.Close()
}

func (s *sqlStore) Has(ctx context.Context, key string) (bool, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, s.rebind(`SELECT id FROM documents WHERE key = ?`), key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: has: %w", err)
	}
	return true, nil
}

func (s *sqlStore) Doc(ctx context.Context, id int64) (*sitrep.Doc, error) {
	var (
		analysis, text string
		z              []byte
	)
	err := s.db.QueryRowContext(ctx, s.rebind(`SELECT analysis, analysis_z, text FROM documents WHERE id = ?`), id).Scan(&analysis, &z, &text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: document %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: document %d: %w", id, err)
	}
	js, err := decodeAnalysis(analysis, z)
	if err != nil {
		return nil, fmt.Errorf("store: document %d: %w", id, err)
	}
	var d sitrep.Doc
	if err := json.Unmarshal(js, &d); err != nil {
		return nil, fmt.Errorf("store: document %d: %w", id, err)
	}
	if d.Text == "" {
		// Stored since migration 6: the text is only in its column.
		d.Text = text
	}
	return &d, nil
}

func (s *sqlStore) Docs(ctx context.Context, f DocFilter) ([]DocRow, error) {
	var (
		where []string
		args  []any
		from  = "documents d"
		order = "d.id DESC"
	)
	if hasWords(f.Query) {
		from = s.d.ftsDocs
		args = append(args, ftsQuery(f.Query, s.d.dollar))
		order = s.d.ftsOrder
	}
	if f.Outlet != "" {
		where = append(where, "lower(d.outlet) = lower(?)")
		args = append(args, f.Outlet)
	}
	q := `SELECT d.id, d.ext_id, d.title, d.outlet, d.url, d.published, d.n_events, d.ingested, substr(d.text, 1, 240), d.dup_of FROM ` + from
	if len(where) > 0 {
		if strings.Contains(from, " WHERE ") {
			q += " AND " + strings.Join(where, " AND ")
		} else {
			q += " WHERE " + strings.Join(where, " AND ")
		}
	}
	q += " ORDER BY " + order + " LIMIT ? OFFSET ?"
	args = append(args, f.limit(), f.Offset)
	rows, err := s.db.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("store: documents: %w", err)
	}
	defer rows.Close()
	out := []DocRow{}
	for rows.Next() {
		var r DocRow
		var ingested string
		var dupOf sql.NullInt64
		if err := rows.Scan(&r.ID, &r.ExtID, &r.Title, &r.Outlet, &r.URL, &r.Published, &r.Events, &ingested, &r.Snippet, &dupOf); err != nil {
			return nil, fmt.Errorf("store: documents: %w", err)
		}
		r.DupOf = dupOf.Int64
		r.Ingested, _ = time.Parse(time.RFC3339Nano, ingested)
		out = append(out, r)
	}
	return out, rows.Err()
}

// hasWords reports whether a search holds a word ftsQuery keeps; one of
// punctuation or blanks only is no search (an empty FTS query is a syntax
// error in SQLite).
func hasWords(q string) bool { return ftsQuery(q, true) != "" }

// ftsQuery turns a user's words into a query every engine accepts: words
// only (no operators), all required.
func ftsQuery(q string, postgres bool) string {
	words := strings.FieldsFunc(q, func(r rune) bool {
		return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127)
	})
	if postgres {
		return strings.Join(words, " ")
	}
	for i, w := range words {
		words[i] = `"` + w + `"`
	}
	return strings.Join(words, " AND ")
}

// Events reads the page in two steps: first the keys of the matching
// events, in order, through the indexes alone (see queryIndexes); then
// the rows of that page joined to their documents and actor names. An
// actor filter is a UNION ALL of the events it is the source of and those
// it is only the target of, each half in index order, so the engine
// merges them and stops after the page instead of sorting every match.
func (s *sqlStore) Events(ctx context.Context, f EventFilter) ([]EventRow, error) {
	var (
		where   []string
		args    []any
		needDoc bool
	)
	add := func(cond string, a ...any) {
		where = append(where, cond)
		args = append(args, a...)
	}
	if f.Source != "" {
		ids, err := s.actorIDs(ctx, f.Source)
		if err != nil {
			return nil, fmt.Errorf("store: events: %w", err)
		}
		add(`e.source IN (`+placeholders(len(ids))+`)`, strs(ids)...)
	}
	if f.Target != "" {
		ids, err := s.actorIDs(ctx, f.Target)
		if err != nil {
			return nil, fmt.Errorf("store: events: %w", err)
		}
		add(`e.target IN (`+placeholders(len(ids))+`)`+nonEmpty("e.target", ids), strs(ids)...)
	}
	if f.Type != "" {
		add(`e.plover = ?`, strings.ToUpper(f.Type))
	}
	if f.Place != "" {
		if n, err := strconv.Atoi(f.Place); err == nil {
			add(`e.geonameid = ?`, n)
		} else {
			add(`lower(e.place) = lower(?)`, f.Place)
		}
	}
	if f.From != "" {
		needDoc = true
		add(`COALESCE(NULLIF(e.date, ''), d.published) >= ?`, f.From)
	}
	if f.To != "" {
		// A prefix bound: "2021-08" includes every day of August.
		needDoc = true
		add(`substr(COALESCE(NULLIF(e.date, ''), d.published), 1, ?) <= ?`, len(f.To), f.To)
	}
	if f.Sourcing != "" {
		add(`e.speaker_kind = ?`, f.Sourcing)
	}
	if f.Doc != 0 {
		add(`e.doc_id = ?`, f.Doc)
	}
	if hasWords(f.Text) {
		add(`e.doc_id IN (SELECT d.id FROM `+s.d.ftsDocs+`)`, ftsQuery(f.Text, s.d.dollar))
	}
	from := `events e`
	if needDoc {
		from += ` JOIN documents d ON d.id = e.doc_id`
	}
	arm := func(cond []string) string {
		q := `SELECT e.doc_id, e.seq, e.event_id FROM ` + from
		if len(cond) > 0 {
			q += ` WHERE ` + strings.Join(cond, ` AND `)
		}
		return q
	}
	var page string
	var pageArgs []any
	if f.Actor != "" {
		ids, err := s.actorIDs(ctx, f.Actor)
		if err != nil {
			return nil, fmt.Errorf("store: events: %w", err)
		}
		in := `(` + placeholders(len(ids)) + `)`
		// The two halves are disjoint: the second excludes what the
		// first returns, so UNION ALL needs no duplicate elimination.
		// Each half is ordered and limited by itself too: PostgreSQL
		// then reads both indexes in order and merges (0.3 ms) instead of
		// fetching every match to sort it (50 ms at 100,000 events).
		n := f.limit() + f.Offset
		page = `SELECT * FROM (` + arm(append([]string{`e.source IN ` + in}, where...)) +
			` ORDER BY e.doc_id DESC, e.seq LIMIT ?) a UNION ALL SELECT * FROM (` +
			arm(append([]string{`e.target IN ` + in + nonEmpty("e.target", ids), `e.source NOT IN ` + in}, where...)) +
			` ORDER BY e.doc_id DESC, e.seq LIMIT ?) b`
		pageArgs = append(append(append(pageArgs, strs(ids)...), args...), n)
		pageArgs = append(append(append(append(pageArgs, strs(ids)...), strs(ids)...), args...), n)
		page += ` ORDER BY 1 DESC, 2 LIMIT ? OFFSET ?`
	} else {
		page = arm(where) + ` ORDER BY e.doc_id DESC, e.seq LIMIT ? OFFSET ?`
		pageArgs = args
	}
	args = append(pageArgs, f.limit(), f.Offset)
	q := `WITH page (doc_id, seq, event_id) AS (` + page + `)
		SELECT e.doc_id, e.event_id, e.source, COALESCE(sa.name, ''), e.source_text, e.target, COALESCE(ta.name, ''),
		e.target_text, e.plover, e.cameo, e.negated, e.modality, e.date, d.published, d.outlet, d.title, d.url,
		e.place, e.country, e.lat, e.lon, e.speaker, e.speaker_kind, e.evidence, e.killed
		FROM page p
		JOIN events e ON e.doc_id = p.doc_id AND e.event_id = p.event_id
		JOIN documents d ON d.id = e.doc_id
		LEFT JOIN actors sa ON sa.doc_id = e.doc_id AND sa.actor_id = e.source
		LEFT JOIN actors ta ON ta.doc_id = e.doc_id AND ta.actor_id = e.target
		ORDER BY p.doc_id DESC, p.seq`
	rows, err := s.query(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("store: events: %w", err)
	}
	defer rows.Close()
	// Rows are scanned in place into a page-sized slice: an EventRow is
	// 350 bytes, and growing the slice row by row, with a copy of each,
	// was most of what a request allocated.
	out := make([]EventRow, 0, f.limit())
	for rows.Next() {
		out = append(out, EventRow{})
		r := &out[len(out)-1]
		if err := rows.Scan(&r.DocID, &r.EventID, &r.Source, &r.SourceName, &r.SourceText, &r.Target, &r.TargetName,
			&r.TargetText, &r.Plover, &r.Cameo, &r.Negated, &r.Modality, &r.Date, &r.Published, &r.Outlet, &r.Title, &r.URL,
			&r.Place, &r.Country, &r.Lat, &r.Lon, &r.Speaker, &r.SpeakerKind, &r.Evidence, &r.Killed); err != nil {
			return nil, fmt.Errorf("store: events: %w", err)
		}
	}
	return out, rows.Err()
}

// actorIDs resolves an actor filter, an id or a name (case-insensitive),
// to the stored actor ids it stands for (the upper-cased value when none
// is stored, which matches nothing). Only ids that exist are returned:
// one id keeps the listing in index order (see Events).
func (s *sqlStore) actorIDs(ctx context.Context, v string) ([]string, error) {
	lname := "lower(name)"
	if s.d.lname {
		lname = "lname"
	}
	rows, err := s.query(ctx, s.rebind(`SELECT actor_id FROM (SELECT actor_id FROM actors WHERE actor_id = ? LIMIT 1) x
		UNION SELECT actor_id FROM actors WHERE `+lname+` = lower(?)`), strings.ToUpper(v), v)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		ids = []string{strings.ToUpper(v)}
	}
	return ids, rows.Err()
}

// nonEmpty returns the condition that col is not empty, which lets the
// engine use a partial index over non-empty values (events_target), when
// none of ids is empty (so the condition changes nothing).
func nonEmpty(col string, ids []string) string {
	if slices.Contains(ids, "") {
		return ""
	}
	return ` AND ` + col + ` <> ''`
}

func strs(v []string) []any {
	out := make([]any, len(v))
	for i, s := range v {
		out[i] = s
	}
	return out
}

func (s *sqlStore) Actors(ctx context.Context, f ActorFilter) ([]ActorRow, error) {
	var (
		where []string
		args  []any
	)
	if f.Query != "" {
		where = append(where, `(lower(a.actor_id) LIKE lower(?) OR lower(a.name) LIKE lower(?))`)
		args = append(args, likePrefix(f.Query), likePrefix(f.Query))
	}
	if f.Type != "" {
		where = append(where, `a.type = ?`)
		args = append(args, f.Type)
	}
	// Events are counted for the page only, each count from the index of
	// one side (an event with the actor on both sides counted once).
	q := `SELECT a.actor_id, MIN(a.name), MIN(a.type), MIN(a.country), MIN(a.sector), COUNT(*) AS docs
		FROM actors a`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += ` GROUP BY a.actor_id ORDER BY COUNT(*) DESC, a.actor_id LIMIT ? OFFSET ?`
	q = `SELECT g.*, (SELECT COUNT(*) FROM events e WHERE e.source = g.actor_id) +
		(SELECT COUNT(*) FROM events e WHERE e.target = g.actor_id AND e.source <> g.actor_id)
		FROM (` + q + `) g ORDER BY g.docs DESC, g.actor_id`
	args = append(args, f.limit(), f.Offset)
	q = s.rebind(q)
	out, err := rankedRows(ctx, s, q, args, func(rows *sql.Rows, r *ActorRow) error {
		return rows.Scan(&r.ID, &r.Name, &r.Type, &r.Country, &r.Sector, &r.Docs, &r.Events)
	})
	if err != nil {
		return nil, fmt.Errorf("store: actors: %w", err)
	}
	return out, nil
}

// rankedRows runs a ranking query through the rankings cache, scanning
// each row with scan, and returns a copy the caller may keep.
func rankedRows[T any](ctx context.Context, s *sqlStore, q string, args []any, scan func(*sql.Rows, *T) error) ([]T, error) {
	v, err := s.ranked(ctx, q, args, func() (any, error) {
		rows, err := s.query(ctx, q, args...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		out := []T{}
		for rows.Next() {
			var r T
			if err := scan(rows, &r); err != nil {
				return nil, err
			}
			out = append(out, r)
		}
		return out, rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return slices.Clone(v.([]T)), nil
}

func likePrefix(s string) string {
	s = strings.NewReplacer(`\`, ``, `%`, ``, `_`, ``).Replace(s)
	return s + "%"
}

func (s *sqlStore) Places(ctx context.Context, f PlaceFilter) ([]PlaceRow, error) {
	var (
		where []string
		args  []any
	)
	if f.Query != "" {
		where = append(where, `lower(p.name) LIKE lower(?)`)
		args = append(args, likePrefix(f.Query))
	}
	if f.Country != "" {
		where = append(where, `p.country = ?`)
		args = append(args, strings.ToUpper(f.Country))
	}
	// Events are counted for the page only.
	q := `SELECT p.name, p.geonameid, MIN(p.feature), MIN(p.country), MIN(p.admin1), MIN(p.lat), MIN(p.lon),
		COUNT(DISTINCT p.doc_id) AS docs
		FROM places p`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += ` GROUP BY p.name, p.geonameid ORDER BY COUNT(DISTINCT p.doc_id) DESC, p.name LIMIT ? OFFSET ?`
	// events_place holds only events with a place (see compactTables),
	// which the count says in so many words so that it is used.
	q = `SELECT g.*, (SELECT COUNT(*) FROM events e WHERE e.place = g.name AND e.place <> '')
		FROM (` + q + `) g ORDER BY g.docs DESC, g.name`
	args = append(args, f.limit(), f.Offset)
	q = s.rebind(q)
	out, err := rankedRows(ctx, s, q, args, func(rows *sql.Rows, r *PlaceRow) error {
		return rows.Scan(&r.Name, &r.GeonameID, &r.Feature, &r.Country, &r.Admin1, &r.Lat, &r.Lon, &r.Docs, &r.Events)
	})
	if err != nil {
		return nil, fmt.Errorf("store: places: %w", err)
	}
	return out, nil
}

func (s *sqlStore) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM documents),
		(SELECT COUNT(*) FROM events),
		(SELECT COUNT(DISTINCT actor_id) FROM actors),
		(SELECT COUNT(DISTINCT name) FROM places),
		(SELECT COALESCE(SUM(n_quotes), 0) FROM documents)`).Scan(&st.Docs, &st.Events, &st.Actors, &st.Places, &st.Quotes)
	if err != nil {
		return st, fmt.Errorf("store: stats: %w", err)
	}
	return st, nil
}
