package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/dedup"
)

// ingestTables is the schema of ingestion at scale: syndication groups
// (documents.dup_of, the first stored document of a group of copies, NULL
// for that first one; dup_score, the estimated Jaccard similarity to it),
// each document's MinHash signature and LSH band keys (see internal/dedup),
// and the polling state of watched feeds.
func ingestTables() []string {
	return []string{
		`ALTER TABLE documents ADD COLUMN dup_of BIGINT`,
		`ALTER TABLE documents ADD COLUMN dup_score DOUBLE PRECISION`,
		`CREATE INDEX documents_dup_of ON documents (dup_of)`,
		`CREATE INDEX documents_url ON documents (url)`,
		`CREATE TABLE doc_sigs (
			doc_id BIGINT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
			sig TEXT NOT NULL)`,
		`CREATE TABLE doc_bands (
			bkey BIGINT NOT NULL,
			doc_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
			PRIMARY KEY (bkey, doc_id))`,
		`CREATE TABLE feeds (
			url TEXT PRIMARY KEY,
			title TEXT NOT NULL,
			etag TEXT NOT NULL,
			last_modified TEXT NOT NULL,
			checked TEXT NOT NULL,
			next_poll TEXT NOT NULL,
			failures INTEGER NOT NULL,
			last_error TEXT NOT NULL)`,
	}
}

// IngestTables lists the tables of ingestTables, for tests that reset a
// database.
var IngestTables = []string{"doc_bands", "doc_sigs", "feeds"}

// Dedup is what readers of syndication groups need of a store; the SQL
// store provides it (type-assert a Store).
type Dedup interface {
	// NearDuplicates returns the stored documents that are copies of a
	// text with signature sig (dedup.Similar), most similar first, at
	// most limit. It reads only the LSH band index, so its cost does not
	// grow with the store.
	NearDuplicates(ctx context.Context, sig dedup.Sig, limit int) ([]NearDup, error)
	// Syndication returns the documents of the group doc id belongs to
	// (itself included), oldest first: one story, several outlets.
	Syndication(ctx context.Context, id int64) ([]DocRow, error)
	// HasURL reports whether a document with this URL is stored.
	HasURL(ctx context.Context, url string) (bool, error)
}

// NearDup is a stored document similar to a signature.
type NearDup struct {
	DocID int64 `json:"doc_id"`
	// Group is the syndication group: the first stored copy's id.
	Group       int64   `json:"group"`
	Jaccard     float64 `json:"jaccard"`
	Containment float64 `json:"containment"`
}

var _ Dedup = (*sqlStore)(nil)

// maxCandidates bounds the documents verified per lookup: boilerplate
// shared by thousands of pages must not make ingest slow.
const maxCandidates = 16

// putSignature indexes a new document's signature and links it to the
// group of its closest stored copy, in Put's transaction. Texts too short
// for a signature are grouped by exact normalised text only.
func (w *txWriter) putSignature(ctx context.Context, id int64, e *encoded) error {
	var (
		group int64
		score float64
	)
	if !e.sig.Valid() {
		var first, dupOf sql.NullInt64
		rows, err := w.QueryContext(ctx, `SELECT id, dup_of FROM documents WHERE text_hash = ? AND id <> ? ORDER BY id LIMIT 1`,
			e.textHash, id)
		if err != nil {
			return err
		}
		if rows.Next() {
			err = rows.Scan(&first, &dupOf)
		}
		rows.Close()
		if err == nil {
			err = rows.Err()
		}
		if err != nil {
			return err
		}
		if first.Valid {
			group, score = first.Int64, 1
			if dupOf.Valid {
				group = dupOf.Int64
			}
		}
	} else {
		near, full, err := w.s.nearDuplicates(ctx, w, e.sig, e.bands, 1)
		if err != nil {
			return err
		}
		if len(near) > 0 {
			group, score = near[0].Group, near[0].Jaccard
		}
		if err := w.exec(ctx, `INSERT INTO doc_sigs (doc_id, sig) VALUES (?, ?)`, id, e.sigText); err != nil {
			return err
		}
		args := w.args[:0]
		for _, k := range e.bands {
			if !full[k] {
				args = append(args, k, id)
			}
		}
		w.args = args
		if len(args) > 0 {
			q := w.s.d.insert + `doc_bands (bkey, doc_id) VALUES ` + rowMarks(len(args)/2, 2) + ` ON CONFLICT DO NOTHING`
			if err := w.exec(ctx, q, args...); err != nil {
				return err
			}
		}
	}
	if group != 0 {
		if err := w.exec(ctx, `UPDATE documents SET dup_of = ?, dup_score = ? WHERE id = ?`, group, score, id); err != nil {
			return err
		}
	}
	return nil
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func (s *sqlStore) NearDuplicates(ctx context.Context, sig dedup.Sig, limit int) ([]NearDup, error) {
	out, _, err := s.nearDuplicates(ctx, s.db, sig, sig.BandKeys(), limit)
	if err != nil {
		return nil, fmt.Errorf("store: near duplicates: %w", err)
	}
	return out, nil
}

// nearDuplicates also returns the full ones of sig's band keys (see
// maxPerBand).
func (s *sqlStore) nearDuplicates(ctx context.Context, q querier, sig dedup.Sig, keys []int64, limit int) ([]NearDup, map[int64]bool, error) {
	ranked, full, err := s.bandLookup(ctx, q, keys)
	if err != nil || len(ranked) == 0 {
		return nil, full, err
	}
	args := make([]any, len(ranked))
	for i, id := range ranked {
		args[i] = id
	}
	rows, err := q.QueryContext(ctx, s.rebind(`SELECT s.doc_id, s.sig, d.dup_of FROM doc_sigs s JOIN documents d ON d.id = s.doc_id
		WHERE s.doc_id IN (`+placeholders(len(args))+`)`), args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var out []NearDup
	for rows.Next() {
		var (
			id    int64
			text  string
			dupOf sql.NullInt64
			other dedup.Sig
		)
		if err := rows.Scan(&id, &text, &dupOf); err != nil {
			return nil, nil, err
		}
		if other.UnmarshalText([]byte(text)) != nil || !dedup.Similar(sig, other) {
			continue
		}
		n := NearDup{DocID: id, Group: id, Jaccard: dedup.Jaccard(sig, other), Containment: dedup.Containment(sig, other)}
		if dupOf.Valid {
			n.Group = dupOf.Int64
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Jaccard != out[j].Jaccard {
			return out[i].Jaccard > out[j].Jaccard
		}
		return out[i].DocID < out[j].DocID
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, full, nil
}

// maxPerBand bounds the documents filed under one band key. A key shared
// by more documents is boilerplate (a template, a disclaimer) rather than
// a story: it stops growing, which keeps every lookup bounded (at most
// Bands × maxPerBand rows) however large the store.
const maxPerBand = 64

// bandLookup reads the documents filed under keys and returns the ones
// sharing the most keys (copies share several, chance matches one), at
// most maxCandidates, and the keys that are full.
func (s *sqlStore) bandLookup(ctx context.Context, q querier, keys []int64) (ranked []int64, full map[int64]bool, err error) {
	if len(keys) == 0 {
		return nil, nil, nil
	}
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	rows, err := q.QueryContext(ctx, s.rebind(`SELECT bkey, doc_id FROM doc_bands WHERE bkey IN (`+placeholders(len(args))+`)`), args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	perKey := map[int64]int{}
	perDoc := map[int64]int{}
	for rows.Next() {
		var k, id int64
		if err := rows.Scan(&k, &id); err != nil {
			return nil, nil, err
		}
		perKey[k]++
		if perDoc[id] == 0 {
			ranked = append(ranked, id)
		}
		perDoc[id]++
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	full = map[int64]bool{}
	for k, n := range perKey {
		if n >= maxPerBand {
			full[k] = true
		}
	}
	sort.Slice(ranked, func(i, j int) bool {
		if perDoc[ranked[i]] != perDoc[ranked[j]] {
			return perDoc[ranked[i]] > perDoc[ranked[j]]
		}
		return ranked[i] < ranked[j]
	})
	if len(ranked) > maxCandidates {
		ranked = ranked[:maxCandidates]
	}
	return ranked, full, nil
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

func (s *sqlStore) Syndication(ctx context.Context, id int64) ([]DocRow, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT d.id, d.ext_id, d.title, d.outlet, d.url, d.published, d.n_events, d.ingested,
		substr(d.text, 1, 240), d.dup_of
		FROM documents d WHERE d.id = (SELECT COALESCE(dup_of, id) FROM documents WHERE id = ?)
		OR d.dup_of = (SELECT COALESCE(dup_of, id) FROM documents WHERE id = ?) ORDER BY d.id`), id, id)
	if err != nil {
		return nil, fmt.Errorf("store: syndication of %d: %w", id, err)
	}
	defer rows.Close()
	var out []DocRow
	for rows.Next() {
		var (
			r        DocRow
			ingested string
			dupOf    sql.NullInt64
		)
		if err := rows.Scan(&r.ID, &r.ExtID, &r.Title, &r.Outlet, &r.URL, &r.Published, &r.Events, &ingested, &r.Snippet, &dupOf); err != nil {
			return nil, fmt.Errorf("store: syndication of %d: %w", id, err)
		}
		r.Ingested, _ = time.Parse(time.RFC3339Nano, ingested)
		r.DupOf = dupOf.Int64
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: syndication of %d: %w", id, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("store: syndication of %d: %w", id, ErrNotFound)
	}
	return out, nil
}

func (s *sqlStore) HasURL(ctx context.Context, url string) (bool, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, s.rebind(`SELECT id FROM documents WHERE url = ? LIMIT 1`), url).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: has url: %w", err)
	}
	return true, nil
}

// FeedStore keeps the polling state of watched feeds, so that a restarted
// watcher resumes; the SQL store provides it.
type FeedStore interface {
	// FeedState returns the state of feed url (zero, with URL set, when
	// it was never polled).
	FeedState(ctx context.Context, url string) (FeedState, error)
	PutFeedState(ctx context.Context, f FeedState) error
}

var _ FeedStore = (*sqlStore)(nil)

// FeedState is what a watcher remembers of a feed.
type FeedState struct {
	URL   string
	Title string
	// Validators of the last good response, sent as If-None-Match and
	// If-Modified-Since.
	ETag, LastModified string
	Checked, NextPoll  time.Time
	// Failures counts consecutive failed polls (for back-off).
	Failures  int
	LastError string
}

func (s *sqlStore) FeedState(ctx context.Context, url string) (FeedState, error) {
	f := FeedState{URL: url}
	var checked, next string
	err := s.db.QueryRowContext(ctx, s.rebind(`SELECT title, etag, last_modified, checked, next_poll, failures, last_error
		FROM feeds WHERE url = ?`), url).Scan(&f.Title, &f.ETag, &f.LastModified, &checked, &next, &f.Failures, &f.LastError)
	if errors.Is(err, sql.ErrNoRows) {
		return f, nil
	}
	if err != nil {
		return f, fmt.Errorf("store: feed %s: %w", url, err)
	}
	f.Checked, _ = time.Parse(time.RFC3339Nano, checked)
	f.NextPoll, _ = time.Parse(time.RFC3339Nano, next)
	return f, nil
}

func (s *sqlStore) PutFeedState(ctx context.Context, f FeedState) error {
	ts := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339Nano)
	}
	_, err := s.db.ExecContext(ctx, s.rebind(`INSERT INTO feeds (url, title, etag, last_modified, checked, next_poll, failures, last_error)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET title = excluded.title, etag = excluded.etag, last_modified = excluded.last_modified,
		checked = excluded.checked, next_poll = excluded.next_poll, failures = excluded.failures, last_error = excluded.last_error`),
		f.URL, f.Title, f.ETag, f.LastModified, ts(f.Checked), ts(f.NextPoll), f.Failures, f.LastError)
	if err != nil {
		return fmt.Errorf("store: feed %s: %w", f.URL, err)
	}
	return nil
}
