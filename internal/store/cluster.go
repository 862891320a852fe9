package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// clusterTables is the schema of the story index kept by internal/cluster:
// one row per indexed document (its story and syndication origin), one per
// event keyed by claim (source|target|type family) for candidate lookup by
// claim and day, term document frequencies for TF-IDF, and postings of each
// document's rarest title/lede terms for lookup by text. Days are days since
// 1970-01-01 of the publication date, -1 when unknown.
func clusterTables() []string {
	return []string{
		`CREATE TABLE cluster_docs (
			doc_id BIGINT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
			story_id BIGINT NOT NULL,
			origin BIGINT NOT NULL,
			day INTEGER NOT NULL,
			outlet TEXT NOT NULL,
			terms TEXT NOT NULL,
			n_claims INTEGER NOT NULL,
			score DOUBLE PRECISION NOT NULL)`,
		`CREATE INDEX cluster_docs_story ON cluster_docs (story_id)`,
		`CREATE TABLE cluster_events (
			doc_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
			event_id TEXT NOT NULL,
			claim TEXT NOT NULL,
			source TEXT NOT NULL,
			target TEXT NOT NULL,
			plover TEXT NOT NULL,
			mode TEXT NOT NULL,
			day INTEGER NOT NULL,
			month TEXT NOT NULL,
			denied BOOLEAN NOT NULL,
			modality TEXT NOT NULL,
			sourcing TEXT NOT NULL,
			speaker TEXT NOT NULL,
			place TEXT NOT NULL,
			PRIMARY KEY (doc_id, event_id))`,
		`CREATE INDEX cluster_events_claim ON cluster_events (claim, day)`,
		`CREATE INDEX cluster_events_source ON cluster_events (source, month)`,
		`CREATE INDEX cluster_events_target ON cluster_events (target, plover)`,
		`CREATE TABLE cluster_terms (
			term TEXT PRIMARY KEY,
			df INTEGER NOT NULL)`,
		`CREATE TABLE cluster_postings (
			term TEXT NOT NULL,
			day INTEGER NOT NULL,
			doc_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
			PRIMARY KEY (term, day, doc_id))`,
	}
}

// ClusterTables lists the story index tables, for tests that reset a
// database.
var ClusterTables = []string{"cluster_postings", "cluster_terms", "cluster_events", "cluster_docs"}

// ClusterEvent is one event as the story index keeps it.
type ClusterEvent struct {
	DocID   int64
	EventID string
	// Claim is the matching key: source|target|type family.
	Claim, Source, Target, Plover, Mode string
	Day                                 int    // days since 1970-01-01, -1 unknown
	Month                               string // YYYY-MM or ""
	Denied                              bool
	Modality                            string
	// Sourcing is the speaker kind the event rests on.
	Sourcing, Speaker, Place string
}

// ClusterDoc is one document's entry in the story index.
type ClusterDoc struct {
	DocID, StoryID int64
	// Origin is the first stored copy of the same text (itself if none).
	Origin  int64
	Day     int
	Outlet  string
	Terms   string // "term:weight ..." unit-length TF-IDF vector of title and lede
	NClaims int
	// Score is the similarity with which it joined its story (1 for a
	// story's first article).
	Score float64
	// Events, Postings and DF are written by ClusterPut only.
	Events   []ClusterEvent
	Postings []string // terms under which the document is found by text
	DF       []string // distinct terms whose document frequency it raises
}

// ClusterCandidate is a stored document that shares a claim or a rare term
// with a new one.
type ClusterCandidate struct {
	ClusterDoc
	// Claims maps each shared claim to the places its events name.
	Claims      map[string][]string
	SharedTerms int // shared posting terms
}

// ClusterOrigin returns the first stored copy of doc id (id itself when
// none): its syndication group (dup_of, set by Put from internal/dedup's
// near-duplicate detection), else the first document with the same
// normalised text.
func (s *sqlStore) ClusterOrigin(ctx context.Context, id int64) (int64, error) {
	var origin int64
	err := s.db.QueryRowContext(ctx, s.rebind(`SELECT COALESCE(d.dup_of,
		(SELECT MIN(o.id) FROM documents o WHERE o.text_hash = d.text_hash AND o.id <= d.id)) FROM documents d WHERE d.id = ?`), id).Scan(&origin)
	if err != nil {
		return 0, fmt.Errorf("store: origin of %d: %w", id, err)
	}
	return origin, nil
}

// ClusterDF returns the document frequency of each term and the number of
// indexed documents.
func (s *sqlStore) ClusterDF(ctx context.Context, terms []string) (map[string]int, int, error) {
	df := make(map[string]int, len(terms))
	if len(terms) == 0 {
		return df, 0, nil
	}
	args := make([]any, 0, len(terms)+1)
	args = append(args, "")
	for _, t := range terms {
		args = append(args, t)
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT term, df FROM cluster_terms WHERE term IN (`+marks(len(args))+`)`), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: term frequencies: %w", err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var t string
		var c int
		if err := rows.Scan(&t, &c); err != nil {
			return nil, 0, fmt.Errorf("store: term frequencies: %w", err)
		}
		if t == "" {
			n = c
			continue
		}
		df[t] = c
	}
	return df, n, rows.Err()
}

// DayDate formats a day number of the story index as YYYY-MM-DD, "" for
// unknown (-1).
func DayDate(day int) string {
	if day < 0 {
		return ""
	}
	return time.Unix(int64(day)*86400, 0).UTC().Format("2006-01-02")
}

// rowMarks returns n rows of k placeholders: "(?, ?), (?, ?)".
func rowMarks(n, k int) string {
	return rowMarksConst(n, marks(k))
}

func rowMarksConst(n int, row string) string {
	return strings.TrimSuffix(strings.Repeat("("+row+"), ", n), ", ")
}

func marks(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// ClusterQuery asks for the stored documents near a new one.
type ClusterQuery struct {
	Claims []string
	Terms  []string
	// Day and Window bound the publication day (±Window); Day -1 means
	// unknown: then only the most recent matches count.
	Day, Window int
	// PerKey bounds the matches read per claim or term; Max bounds the
	// candidates returned.
	PerKey, Max int
	// Exclude is the new document itself.
	Exclude int64
}

// ClusterCandidates returns the documents sharing a claim or a posting
// term with q, each read through an index and bounded, so the cost does
// not grow with the store.
func (s *sqlStore) ClusterCandidates(ctx context.Context, q ClusterQuery) ([]ClusterCandidate, error) {
	// A single range keeps each lookup an index range scan: a dated
	// article looks at dated ones only; an undated one at the latest.
	window := func(col string) (string, []any) {
		if q.Day < 0 {
			return "", nil
		}
		return ` AND ` + col + ` BETWEEN ? AND ?`, []any{q.Day - q.Window, q.Day + q.Window}
	}
	cands := map[int64]*ClusterCandidate{}
	var order []int64
	get := func(id int64) *ClusterCandidate {
		c := cands[id]
		if c == nil {
			c = &ClusterCandidate{Claims: map[string][]string{}}
			c.DocID = id
			cands[id] = c
			order = append(order, id)
		}
		return c
	}
	// One round trip: a bounded, index-ordered subquery per claim and per
	// term, glued with UNION ALL.
	var parts []string
	var args []any
	for i, claim := range q.Claims {
		cond, wargs := window("day")
		parts = append(parts, `SELECT 0, claim, doc_id, place FROM (SELECT claim, doc_id, place FROM cluster_events
			WHERE claim = ?`+cond+` AND doc_id <> ? ORDER BY day DESC LIMIT ?) AS c`+strconv.Itoa(i))
		args = append(append(append(args, claim), wargs...), q.Exclude, q.PerKey)
	}
	for i, term := range q.Terms {
		cond, wargs := window("day")
		parts = append(parts, `SELECT 1, term, doc_id, '' FROM (SELECT term, doc_id FROM cluster_postings
			WHERE term = ?`+cond+` AND doc_id <> ? ORDER BY day DESC LIMIT ?) AS t`+strconv.Itoa(i))
		args = append(append(append(args, term), wargs...), q.Exclude, q.PerKey)
	}
	if len(parts) > 0 {
		rows, err := s.db.QueryContext(ctx, s.rebind(strings.Join(parts, " UNION ALL ")), args...)
		if err != nil {
			return nil, fmt.Errorf("store: cluster candidates: %w", err)
		}
		for rows.Next() {
			var kind int
			var key, place string
			var id int64
			if err := rows.Scan(&kind, &key, &id, &place); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: cluster candidates: %w", err)
			}
			c := get(id)
			if kind == 0 {
				c.Claims[key] = append(c.Claims[key], place)
			} else {
				c.SharedTerms++
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: cluster candidates: %w", err)
		}
	}
	if len(order) == 0 {
		return nil, nil
	}
	// Keep the candidates with the most evidence when there are too many.
	if q.Max > 0 && len(order) > q.Max {
		sortCandidates(order, cands)
		order = order[:q.Max]
	}
	args = make([]any, len(order))
	for i, id := range order {
		args[i] = id
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT doc_id, story_id, origin, day, outlet, terms, n_claims, score
		FROM cluster_docs WHERE doc_id IN (`+marks(len(args))+`)`), args...)
	if err != nil {
		return nil, fmt.Errorf("store: cluster candidates: %w", err)
	}
	defer rows.Close()
	var out []ClusterCandidate
	for rows.Next() {
		var d ClusterDoc
		if err := rows.Scan(&d.DocID, &d.StoryID, &d.Origin, &d.Day, &d.Outlet, &d.Terms, &d.NClaims, &d.Score); err != nil {
			return nil, fmt.Errorf("store: cluster candidates: %w", err)
		}
		c := cands[d.DocID]
		c.ClusterDoc = d
		out = append(out, *c)
	}
	return out, rows.Err()
}

func sortCandidates(order []int64, cands map[int64]*ClusterCandidate) {
	weight := func(id int64) int { c := cands[id]; return 4*len(c.Claims) + c.SharedTerms }
	// Insertion sort is enough: the lists are a few hundred long at most.
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && weight(order[j]) > weight(order[j-1]); j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
}

// ClusterPut stores a document's story index entry in one transaction. It
// reports false, changing nothing, when the document is already indexed.
func (s *sqlStore) ClusterPut(ctx context.Context, d ClusterDoc) (bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("store: index document %d: %w", d.DocID, err)
	}
	defer tx.Rollback()
	var id int64
	err = tx.QueryRowContext(ctx, s.rebind(`INSERT INTO cluster_docs (doc_id, story_id, origin, day, outlet, terms, n_claims, score)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (doc_id) DO NOTHING RETURNING doc_id`),
		d.DocID, d.StoryID, d.Origin, d.Day, d.Outlet, d.Terms, d.NClaims, d.Score).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: index document %d: %w", d.DocID, err)
	}
	// Multi-row statements: one round trip per table.
	if len(d.Events) > 0 {
		args := make([]any, 0, 14*len(d.Events))
		for _, e := range d.Events {
			args = append(args, d.DocID, e.EventID, e.Claim, e.Source, e.Target, e.Plover, e.Mode,
				e.Day, e.Month, e.Denied, e.Modality, e.Sourcing, e.Speaker, e.Place)
		}
		if _, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO cluster_events (doc_id, event_id, claim, source, target, plover, mode,
			day, month, denied, modality, sourcing, speaker, place) VALUES `+rowMarks(len(d.Events), 14)+`
			ON CONFLICT (doc_id, event_id) DO NOTHING`), args...); err != nil {
			return false, fmt.Errorf("store: index document %d: %w", d.DocID, err)
		}
	}
	if len(d.Postings) > 0 {
		args := make([]any, 0, 3*len(d.Postings))
		for _, t := range d.Postings {
			args = append(args, t, d.Day, d.DocID)
		}
		if _, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO cluster_postings (term, day, doc_id) VALUES `+rowMarks(len(d.Postings), 3)+`
			ON CONFLICT (term, day, doc_id) DO NOTHING`), args...); err != nil {
			return false, fmt.Errorf("store: index document %d: %w", d.DocID, err)
		}
	}
	// The empty term counts the indexed documents.
	terms := append([]string{""}, d.DF...)
	args := make([]any, len(terms))
	for i, t := range terms {
		args[i] = t
	}
	if _, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO cluster_terms (term, df) VALUES `+rowMarksConst(len(terms), "?, 1")+`
		ON CONFLICT (term) DO UPDATE SET df = cluster_terms.df + 1`), args...); err != nil {
		return false, fmt.Errorf("store: index document %d: %w", d.DocID, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("store: index document %d: %w", d.DocID, err)
	}
	return true, nil
}

// ClusterPending returns up to limit stored documents not yet in the story
// index, oldest first.
func (s *sqlStore) ClusterPending(ctx context.Context, limit int) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT d.id FROM documents d LEFT JOIN cluster_docs c ON c.doc_id = d.id
		WHERE c.doc_id IS NULL ORDER BY d.id LIMIT ?`), limit)
	if err != nil {
		return nil, fmt.Errorf("store: unindexed documents: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: unindexed documents: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// ClaimReport is one stored event of a claim, with its document.
type ClaimReport struct {
	ClusterEvent
	Origin, StoryID                    int64
	Outlet, Title, Published, Evidence string
	SourceName, TargetName             string
}

const claimReportCols = `ce.doc_id, ce.event_id, ce.claim, ce.source, ce.target, ce.plover, ce.mode, ce.day, ce.month, ce.denied,
	ce.modality, ce.sourcing, ce.speaker, ce.place, cd.origin, cd.story_id, d.outlet, d.title, d.published,
	COALESCE(e.evidence, ''), COALESCE(sa.name, ''), COALESCE(ta.name, '')
	FROM cluster_events ce
	JOIN cluster_docs cd ON cd.doc_id = ce.doc_id
	JOIN documents d ON d.id = ce.doc_id
	LEFT JOIN events e ON e.doc_id = ce.doc_id AND e.event_id = ce.event_id
	LEFT JOIN actors sa ON sa.doc_id = ce.doc_id AND sa.actor_id = ce.source
	LEFT JOIN actors ta ON ta.doc_id = ce.doc_id AND ta.actor_id = ce.target`

func scanReports(rows *sql.Rows) ([]ClaimReport, error) {
	defer rows.Close()
	var out []ClaimReport
	for rows.Next() {
		var r ClaimReport
		if err := rows.Scan(&r.DocID, &r.EventID, &r.Claim, &r.Source, &r.Target, &r.Plover, &r.Mode, &r.Day, &r.Month,
			&r.Denied, &r.Modality, &r.Sourcing, &r.Speaker, &r.Place, &r.Origin, &r.StoryID, &r.Outlet, &r.Title,
			&r.Published, &r.Evidence, &r.SourceName, &r.TargetName); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ClaimReports returns the events of claim within ±window days of day,
// earliest first, then the undated ones, at most limit of each (any day
// when day is -1).
func (s *sqlStore) ClaimReports(ctx context.Context, claim string, day, window, limit int) ([]ClaimReport, error) {
	// Dated reports in the window, then undated ones: two index range
	// scans rather than one over every report of the claim.
	q := `SELECT ` + claimReportCols + ` WHERE ce.claim = ?`
	args := []any{claim}
	if day >= 0 {
		q = `SELECT * FROM (` + q + ` AND ce.day BETWEEN ? AND ? ORDER BY ce.day, ce.doc_id, ce.event_id LIMIT ?) AS dated
			UNION ALL SELECT * FROM (` + q + ` AND ce.day = -1 ORDER BY ce.doc_id, ce.event_id LIMIT ?) AS undated`
		args = []any{claim, day - window, day + window, limit, claim, limit}
	} else {
		q += ` ORDER BY ce.day, ce.doc_id, ce.event_id LIMIT ?`
		args = append(args, limit)
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("store: reports of %q: %w", claim, err)
	}
	out, err := scanReports(rows)
	if err != nil {
		return nil, fmt.Errorf("store: reports of %q: %w", claim, err)
	}
	return out, nil
}

// DocReports returns the indexed events of the given documents.
func (s *sqlStore) DocReports(ctx context.Context, docs []int64) ([]ClaimReport, error) {
	if len(docs) == 0 {
		return nil, nil
	}
	args := make([]any, len(docs))
	for i, id := range docs {
		args[i] = id
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT `+claimReportCols+` WHERE ce.doc_id IN (`+marks(len(args))+`)
		ORDER BY ce.doc_id, ce.event_id`), args...)
	if err != nil {
		return nil, fmt.Errorf("store: document reports: %w", err)
	}
	out, err := scanReports(rows)
	if err != nil {
		return nil, fmt.Errorf("store: document reports: %w", err)
	}
	return out, nil
}

// TargetReports returns the events toward target of the given PLOVER
// types, earliest first, at most limit.
func (s *sqlStore) TargetReports(ctx context.Context, target string, types []string, limit int) ([]ClaimReport, error) {
	args := []any{target}
	for _, t := range types {
		args = append(args, t)
	}
	args = append(args, limit)
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT `+claimReportCols+` WHERE ce.target = ? AND ce.plover IN (`+marks(len(types))+`)
		ORDER BY ce.day, ce.doc_id, ce.event_id LIMIT ?`), args...)
	if err != nil {
		return nil, fmt.Errorf("store: reports toward %q: %w", target, err)
	}
	out, err := scanReports(rows)
	if err != nil {
		return nil, fmt.Errorf("store: reports toward %q: %w", target, err)
	}
	return out, nil
}

// NetworkCount counts an actor's events of one kind in one month.
type NetworkCount struct {
	Source, Target, Plover, Mode, Month string
	Denied                              bool
	N                                   int
}

// NetworkCounts counts the events in which actor is source or target (and,
// when actor2 is set, the other side is actor2), by month, type and mode,
// each text once: syndicated copies are left out.
func (s *sqlStore) NetworkCounts(ctx context.Context, actor, actor2 string) ([]NetworkCount, error) {
	// Syndicated copies (origin elsewhere) are not counted again.
	q := `SELECT ce.source, ce.target, ce.plover, ce.mode, ce.month, ce.denied, COUNT(*) FROM cluster_events ce
		JOIN cluster_docs cd ON cd.doc_id = ce.doc_id AND cd.origin = cd.doc_id WHERE `
	var args []any
	if actor2 == "" {
		q += `(ce.source = ? OR ce.target = ?)`
		args = []any{actor, actor}
	} else {
		q += `((ce.source = ? AND ce.target = ?) OR (ce.source = ? AND ce.target = ?))`
		args = []any{actor, actor2, actor2, actor}
	}
	q += ` GROUP BY ce.source, ce.target, ce.plover, ce.mode, ce.month, ce.denied
		ORDER BY ce.month, ce.source, ce.target, ce.plover, ce.mode, ce.denied`
	rows, err := s.db.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("store: network of %q: %w", actor, err)
	}
	defer rows.Close()
	var out []NetworkCount
	for rows.Next() {
		var c NetworkCount
		if err := rows.Scan(&c.Source, &c.Target, &c.Plover, &c.Mode, &c.Month, &c.Denied, &c.N); err != nil {
			return nil, fmt.Errorf("store: network of %q: %w", actor, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// StoryFilter selects stories.
type StoryFilter struct {
	Page
	// MinArticles drops stories with fewer articles (default 1).
	MinArticles int
}

// StoryRow summarises a story: articles clustered as one happening.
type StoryRow struct {
	ID int64 `json:"id"`
	// Title is the title of the story's first article.
	Title    string `json:"title"`
	Articles int    `json:"articles"`
	// Originals counts distinct texts (syndicated copies collapsed).
	Originals int    `json:"originals"`
	Outlets   int    `json:"outlets"`
	FirstDay  int    `json:"-"`
	LastDay   int    `json:"-"`
	First     string `json:"first"`
	Last      string `json:"last"`
}

// Stories lists stories, latest first.
func (s *sqlStore) Stories(ctx context.Context, f StoryFilter) ([]StoryRow, error) {
	min := f.MinArticles
	if min < 1 {
		min = 1
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT c.story_id, COALESCE(MIN(d.title), ''), COUNT(*), COUNT(DISTINCT c.origin),
		COUNT(DISTINCT c.outlet), MIN(c.day), MAX(c.day)
		FROM cluster_docs c LEFT JOIN documents d ON d.id = c.story_id AND c.doc_id = c.story_id
		GROUP BY c.story_id HAVING COUNT(*) >= ? ORDER BY MAX(c.day) DESC, c.story_id DESC LIMIT ? OFFSET ?`),
		min, f.limit(), f.Offset)
	if err != nil {
		return nil, fmt.Errorf("store: stories: %w", err)
	}
	defer rows.Close()
	out := []StoryRow{}
	for rows.Next() {
		var r StoryRow
		if err := rows.Scan(&r.ID, &r.Title, &r.Articles, &r.Originals, &r.Outlets, &r.FirstDay, &r.LastDay); err != nil {
			return nil, fmt.Errorf("store: stories: %w", err)
		}
		r.First, r.Last = DayDate(r.FirstDay), DayDate(r.LastDay)
		out = append(out, r)
	}
	return out, rows.Err()
}

// StoryDoc is one article of a story.
type StoryDoc struct {
	DocID     int64   `json:"doc_id"`
	Origin    int64   `json:"origin"`
	Title     string  `json:"title"`
	Outlet    string  `json:"outlet"`
	Published string  `json:"published"`
	Score     float64 `json:"score"`
}

// StoryDocs returns the articles of a story, oldest first, and
// ErrNotFound when there is no such story.
func (s *sqlStore) StoryDocs(ctx context.Context, story int64) ([]StoryDoc, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT c.doc_id, c.origin, d.title, d.outlet, d.published, c.score
		FROM cluster_docs c JOIN documents d ON d.id = c.doc_id WHERE c.story_id = ? ORDER BY c.day, c.doc_id`), story)
	if err != nil {
		return nil, fmt.Errorf("store: story %d: %w", story, err)
	}
	defer rows.Close()
	var out []StoryDoc
	for rows.Next() {
		var r StoryDoc
		if err := rows.Scan(&r.DocID, &r.Origin, &r.Title, &r.Outlet, &r.Published, &r.Score); err != nil {
			return nil, fmt.Errorf("store: story %d: %w", story, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: story %d: %w", story, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("store: story %d: %w", story, ErrNotFound)
	}
	return out, nil
}

// DocStory returns the story of an indexed document, and ErrNotFound when
// it is not indexed.
func (s *sqlStore) DocStory(ctx context.Context, doc int64) (int64, error) {
	var story int64
	err := s.db.QueryRowContext(ctx, s.rebind(`SELECT story_id FROM cluster_docs WHERE doc_id = ?`), doc).Scan(&story)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("store: story of document %d: %w", doc, ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("store: story of document %d: %w", doc, err)
	}
	return story, nil
}
