package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
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
	// ftsDocs is the document search: a FROM/WHERE fragment that takes the
	// query as its one parameter and exposes rows as d.
	ftsDocs string
	// ftsOrder orders search results, best first.
	ftsOrder string
}

// sqlStore implements Store over database/sql.
type sqlStore struct {
	db *sql.DB
	d  dialect
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

func (s *sqlStore) Close() error { return s.db.Close() }

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

// Put writes the document and its layers in one transaction.
func (s *sqlStore) Put(ctx context.Context, key string, doc *sitrep.Doc) (int64, bool, error) {
	analysis, err := json.Marshal(doc)
	if err != nil {
		return 0, false, fmt.Errorf("store: put %s: %w", doc.ID, err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, false, fmt.Errorf("store: put %s: %w", doc.ID, err)
	}
	defer tx.Rollback()
	var id int64
	err = tx.QueryRowContext(ctx, s.rebind(`INSERT INTO documents
		(key, text_hash, ext_id, title, outlet, url, published, text, analysis, n_events, ingested)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (key) DO NOTHING RETURNING id`),
		key, TextHash(doc.Text), string(doc.ID), string(doc.Title), string(doc.Outlet), string(doc.URL),
		string(doc.Published), doc.Text, string(analysis), len(doc.Events), time.Now().UTC().Format(time.RFC3339Nano),
	).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		// Already stored: idempotent success.
		if err := tx.QueryRowContext(ctx, s.rebind(`SELECT id FROM documents WHERE key = ?`), key).Scan(&id); err != nil {
			return 0, false, fmt.Errorf("store: put %s: %w", doc.ID, err)
		}
		return id, false, tx.Commit()
	}
	if err != nil {
		return 0, false, fmt.Errorf("store: put %s: %w", doc.ID, err)
	}
	if err := s.putLayers(ctx, tx, id, doc); err != nil {
		return 0, false, fmt.Errorf("store: put %s: %w", doc.ID, err)
	}
	if err := s.putSignature(ctx, tx, id, TextHash(doc.Text), doc.Text); err != nil {
		return 0, false, fmt.Errorf("store: put %s: syndication: %w", doc.ID, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, false, fmt.Errorf("store: put %s: %w", doc.ID, err)
	}
	return id, true, nil
}

func (s *sqlStore) putLayers(ctx context.Context, tx *sql.Tx, id int64, doc *sitrep.Doc) error {
	if s.d.ftsInsert != "" {
		if _, err := tx.ExecContext(ctx, s.rebind(s.d.ftsInsert), id, string(doc.Title), doc.Text); err != nil {
			return err
		}
	}
	actorStmt, err := tx.PrepareContext(ctx, s.rebind(`INSERT INTO actors
		(doc_id, actor_id, name, type, country, sector, mentions) VALUES (?, ?, ?, ?, ?, ?, ?)`))
	if err != nil {
		return err
	}
	defer actorStmt.Close()
	for _, a := range doc.Actors {
		if _, err := actorStmt.ExecContext(ctx, id, a.ID, a.Name, a.Type, string(a.Country), string(a.Sector), len(a.Mentions)); err != nil {
			return err
		}
	}
	places := map[string]*sitrep.Place{}
	placeStmt, err := tx.PrepareContext(ctx, s.rebind(`INSERT INTO places
		(doc_id, place_id, name, geonameid, feature, country, admin1, lat, lon) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`))
	if err != nil {
		return err
	}
	defer placeStmt.Close()
	for i := range doc.Places {
		p := &doc.Places[i]
		places[p.ID] = p
		if _, err := placeStmt.ExecContext(ctx, id, p.ID, p.Name, p.GeonameID, p.Feature, string(p.Country), string(p.Admin1), p.Lat, p.Lon); err != nil {
			return err
		}
	}
	quotes := map[string]*sitrep.Quote{}
	quoteStmt, err := tx.PrepareContext(ctx, s.rebind(`INSERT INTO quotes
		(doc_id, quote_id, speaker, kind, actor, direct, hedged, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`))
	if err != nil {
		return err
	}
	defer quoteStmt.Close()
	for i := range doc.Quotes {
		q := &doc.Quotes[i]
		quotes[q.ID] = q
		if _, err := quoteStmt.ExecContext(ctx, id, q.ID, q.Speaker.Text, q.Speaker.Kind, string(q.Speaker.Actor), q.Direct, q.Hedged, q.Text); err != nil {
			return err
		}
	}
	quants := map[string]*sitrep.Quantity{}
	for i := range doc.Quantities {
		quants[doc.Quantities[i].ID] = &doc.Quantities[i]
	}
	eventStmt, err := tx.PrepareContext(ctx, s.rebind(`INSERT INTO events
		(doc_id, event_id, seq, source, source_text, target, target_text, plover, cameo, negated, modality, date,
		 place, geonameid, country, lat, lon, speaker, speaker_kind, evidence, killed)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`))
	if err != nil {
		return err
	}
	defer eventStmt.Close()
	for seq, e := range doc.Events {
		var src, srcText, tgt, tgtText string
		if e.Source != nil {
			src, srcText = e.Source.Actor, e.Source.Text
		}
		if e.Target != nil {
			tgt, tgtText = e.Target.Actor, e.Target.Text
		}
		var (
			placeName, country string
			gid                *int
			lat, lon           *float64
		)
		if len(e.Places) > 0 {
			if p := places[e.Places[0]]; p != nil {
				placeName, gid, country, lat, lon = p.Name, p.GeonameID, string(p.Country), p.Lat, p.Lon
			}
		}
		speaker, kind := "", sitrep.SpeakerUnattributed
		if q := quotes[string(e.Attribution)]; q != nil {
			speaker, kind = q.Speaker.Text, q.Speaker.Kind
		}
		var killed *float64
		for _, qid := range e.Quantities {
			if q := quants[qid]; q != nil && q.Kind == "killed" && q.Value != nil {
				killed = q.Value
			}
		}
		if _, err := eventStmt.ExecContext(ctx, id, e.ID, seq, src, srcText, tgt, tgtText, e.Plover, string(e.Cameo),
			e.Negated, e.Modality, string(e.Date), placeName, gid, country, lat, lon, speaker, kind,
			doc.Slice(e.Evidence), killed); err != nil {
			return err
		}
	}
	return nil
}

func (s *sqlStore) Doc(ctx context.Context, id int64) (*sitrep.Doc, error) {
	var analysis string
	err := s.db.QueryRowContext(ctx, s.rebind(`SELECT analysis FROM documents WHERE id = ?`), id).Scan(&analysis)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: document %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: document %d: %w", id, err)
	}
	var d sitrep.Doc
	if err := json.Unmarshal([]byte(analysis), &d); err != nil {
		return nil, fmt.Errorf("store: document %d: %w", id, err)
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
	if f.Query != "" {
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

func (s *sqlStore) Events(ctx context.Context, f EventFilter) ([]EventRow, error) {
	var (
		where []string
		args  []any
	)
	add := func(cond string, a ...any) {
		where = append(where, cond)
		args = append(args, a...)
	}
	if f.Actor != "" {
		add(`(e.source = ? OR e.target = ? OR lower(sa.name) = lower(?) OR lower(ta.name) = lower(?))`,
			strings.ToUpper(f.Actor), strings.ToUpper(f.Actor), f.Actor, f.Actor)
	}
	if f.Source != "" {
		add(`(e.source = ? OR lower(sa.name) = lower(?))`, strings.ToUpper(f.Source), f.Source)
	}
	if f.Target != "" {
		add(`(e.target = ? OR lower(ta.name) = lower(?))`, strings.ToUpper(f.Target), f.Target)
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
		add(`COALESCE(NULLIF(e.date, ''), d.published) >= ?`, f.From)
	}
	if f.To != "" {
		// A prefix bound: "2021-08" includes every day of August.
		add(`substr(COALESCE(NULLIF(e.date, ''), d.published), 1, ?) <= ?`, len(f.To), f.To)
	}
	if f.Sourcing != "" {
		add(`e.speaker_kind = ?`, f.Sourcing)
	}
	if f.Doc != 0 {
		add(`e.doc_id = ?`, f.Doc)
	}
	if f.Text != "" {
		add(`e.doc_id IN (SELECT d.id FROM `+s.d.ftsDocs+`)`, ftsQuery(f.Text, s.d.dollar))
	}
	q := `SELECT e.doc_id, e.event_id, e.source, COALESCE(sa.name, ''), e.source_text, e.target, COALESCE(ta.name, ''),
		e.target_text, e.plover, e.cameo, e.negated, e.modality, e.date, d.published, d.outlet, d.title, d.url,
		e.place, e.country, e.lat, e.lon, e.speaker, e.speaker_kind, e.evidence, e.killed
		FROM events e
		JOIN documents d ON d.id = e.doc_id
		LEFT JOIN actors sa ON sa.doc_id = e.doc_id AND sa.actor_id = e.source
		LEFT JOIN actors ta ON ta.doc_id = e.doc_id AND ta.actor_id = e.target`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += ` ORDER BY e.doc_id DESC, e.seq LIMIT ? OFFSET ?`
	args = append(args, f.limit(), f.Offset)
	rows, err := s.db.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("store: events: %w", err)
	}
	defer rows.Close()
	out := []EventRow{}
	for rows.Next() {
		var r EventRow
		if err := rows.Scan(&r.DocID, &r.EventID, &r.Source, &r.SourceName, &r.SourceText, &r.Target, &r.TargetName,
			&r.TargetText, &r.Plover, &r.Cameo, &r.Negated, &r.Modality, &r.Date, &r.Published, &r.Outlet, &r.Title, &r.URL,
			&r.Place, &r.Country, &r.Lat, &r.Lon, &r.Speaker, &r.SpeakerKind, &r.Evidence, &r.Killed); err != nil {
			return nil, fmt.Errorf("store: events: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
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
	q := `SELECT a.actor_id, MIN(a.name), MIN(a.type), MIN(a.country), MIN(a.sector), COUNT(*),
		(SELECT COUNT(*) FROM events e WHERE e.source = a.actor_id OR e.target = a.actor_id)
		FROM actors a`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += ` GROUP BY a.actor_id ORDER BY COUNT(*) DESC, a.actor_id LIMIT ? OFFSET ?`
	args = append(args, f.limit(), f.Offset)
	rows, err := s.db.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("store: actors: %w", err)
	}
	defer rows.Close()
	out := []ActorRow{}
	for rows.Next() {
		var r ActorRow
		if err := rows.Scan(&r.ID, &r.Name, &r.Type, &r.Country, &r.Sector, &r.Docs, &r.Events); err != nil {
			return nil, fmt.Errorf("store: actors: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
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
	q := `SELECT p.name, p.geonameid, MIN(p.feature), MIN(p.country), MIN(p.admin1), MIN(p.lat), MIN(p.lon),
		COUNT(DISTINCT p.doc_id),
		(SELECT COUNT(*) FROM events e WHERE e.place = p.name)
		FROM places p`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += ` GROUP BY p.name, p.geonameid ORDER BY COUNT(DISTINCT p.doc_id) DESC, p.name LIMIT ? OFFSET ?`
	args = append(args, f.limit(), f.Offset)
	rows, err := s.db.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("store: places: %w", err)
	}
	defer rows.Close()
	out := []PlaceRow{}
	for rows.Next() {
		var r PlaceRow
		if err := rows.Scan(&r.Name, &r.GeonameID, &r.Feature, &r.Country, &r.Admin1, &r.Lat, &r.Lon, &r.Docs, &r.Events); err != nil {
			return nil, fmt.Errorf("store: places: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (s *sqlStore) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM documents),
		(SELECT COUNT(*) FROM events),
		(SELECT COUNT(DISTINCT actor_id) FROM actors),
		(SELECT COUNT(DISTINCT name) FROM places),
		(SELECT COUNT(*) FROM quotes)`).Scan(&st.Docs, &st.Events, &st.Actors, &st.Places, &st.Quotes)
	if err != nil {
		return st, fmt.Errorf("store: stats: %w", err)
	}
	return st, nil
}
