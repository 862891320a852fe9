package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/sitrep/sitrep"
)

// Item is one document to store: its key (see Key) and its analysis.
type Item struct {
	Key string
	Doc *sitrep.Doc
}

// Result is what storing one Item came to.
type Result struct {
	ID      int64
	Created bool
	Err     error
}

// Batcher stores many documents in one transaction; the SQL store
// provides it. Use PutBatch, which falls back to Put for other stores.
type Batcher interface {
	// PutBatch stores items in one transaction. A document that fails
	// does not lose the others: the batch is then stored again one
	// document per transaction (Put), and each Result says what came of
	// its document. The error is set only when the context ended.
	PutBatch(ctx context.Context, items []Item) ([]Result, error)
}

var _ Batcher = (*sqlStore)(nil)

// PutBatch stores items with st's batched path when it has one, else one
// Put per item.
func PutBatch(ctx context.Context, st Store, items []Item) ([]Result, error) {
	if b, ok := st.(Batcher); ok {
		return b.PutBatch(ctx, items)
	}
	out := make([]Result, len(items))
	for i, it := range items {
		out[i].ID, out[i].Created, out[i].Err = st.Put(ctx, it.Key, it.Doc)
	}
	return out, nil
}

// chunkRows bounds the rows of one multi-row INSERT: one statement (one
// round trip on PostgreSQL) per table and document in the common case,
// well under SQLite's limit on parameters.
const chunkRows = 48

// txWriter writes documents in one transaction, preparing each statement
// once per transaction rather than once per document.
type txWriter struct {
	s     *sqlStore
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	// fts holds the full-text rows (id, title, text) to write last, see
	// flush.
	fts []any
}

func (s *sqlStore) newTxWriter(tx *sql.Tx) *txWriter {
	return &txWriter{s: s, tx: tx, stmts: map[string]*sql.Stmt{}}
}

// stmt returns the prepared form of q (in ? style).
func (w *txWriter) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if st := w.stmts[q]; st != nil {
		return st, nil
	}
	st, err := w.tx.PrepareContext(ctx, w.s.rebind(q))
	if err != nil {
		return nil, err
	}
	w.stmts[q] = st
	return st, nil
}

// QueryContext runs a query (q in ? style, or already rebound) through
// the transaction's prepared statements; w is the querier of nearDuplicates.
func (w *txWriter) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	st, err := w.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (w *txWriter) exec(ctx context.Context, q string, args ...any) error {
	st, err := w.stmt(ctx, q)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

// flush writes the full-text rows; call it before the commit. They come
// after every other write of the transaction because in SQLite any
// statement that opens a statement journal (a multi-row INSERT) makes an
// FTS5 table already written in the transaction flush its in-memory
// buffer to disk: written last, the buffer is flushed once per commit.
func (w *txWriter) flush(ctx context.Context) error {
	for i := 0; i < len(w.fts); i += 3 {
		if err := w.exec(ctx, w.s.d.ftsInsert, w.fts[i:i+3]...); err != nil {
			return fmt.Errorf("full-text index: %w", err)
		}
	}
	w.fts = w.fts[:0]
	return nil
}

func (w *txWriter) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

// insertRows inserts rows of k values each into table (cols listed), in
// multi-row statements of at most chunkRows rows.
func (w *txWriter) insertRows(ctx context.Context, table, cols string, k int, args []any) error {
	n := len(args) / k
	for start := 0; start < n; start += chunkRows {
		m := min(chunkRows, n-start)
		q := w.s.d.insert + table + ` (` + cols + `) VALUES ` + rowMarks(m, k)
		if err := w.exec(ctx, q, args[start*k:(start+m)*k]...); err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
	}
	return nil
}

// put writes one document; it reports created false, writing nothing,
// when key is already stored.
func (w *txWriter) put(ctx context.Context, key string, doc *sitrep.Doc, analysis []byte) (int64, bool, error) {
	ins, err := w.stmt(ctx, `INSERT INTO documents
		(key, text_hash, ext_id, title, outlet, url, published, text, analysis, analysis_z, n_events, ingested)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)
		ON CONFLICT (key) DO NOTHING RETURNING id`)
	if err != nil {
		return 0, false, err
	}
	textHash := TextHash(doc.Text)
	var id int64
	err = ins.QueryRowContext(ctx, key, textHash, string(doc.ID), string(doc.Title), string(doc.Outlet), string(doc.URL),
		string(doc.Published), doc.Text, analysis, len(doc.Events), time.Now().UTC().Format(time.RFC3339Nano),
	).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		// Already stored: idempotent success.
		sel, err := w.stmt(ctx, `SELECT id FROM documents WHERE key = ?`)
		if err != nil {
			return 0, false, err
		}
		if err := sel.QueryRowContext(ctx, key).Scan(&id); err != nil {
			return 0, false, err
		}
		return id, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	if err := w.putLayers(ctx, id, doc); err != nil {
		return 0, false, err
	}
	if err := w.putSignature(ctx, id, textHash, doc.Text); err != nil {
		return 0, false, fmt.Errorf("syndication: %w", err)
	}
	return id, true, nil
}

func (w *txWriter) putLayers(ctx context.Context, id int64, doc *sitrep.Doc) error {
	if w.s.d.ftsInsert != "" {
		w.fts = append(w.fts, id, string(doc.Title), doc.Text)
	}
	var args []any
	for _, a := range doc.Actors {
		args = append(args, id, a.ID, a.Name, a.Type, string(a.Country), string(a.Sector), len(a.Mentions))
	}
	if err := w.insertRows(ctx, "actors", "doc_id, actor_id, name, type, country, sector, mentions", 7, args); err != nil {
		return err
	}
	args = args[:0]
	places := make(map[string]*sitrep.Place, len(doc.Places))
	for i := range doc.Places {
		p := &doc.Places[i]
		places[p.ID] = p
		args = append(args, id, p.ID, p.Name, p.GeonameID, p.Feature, string(p.Country), string(p.Admin1), p.Lat, p.Lon)
	}
	if err := w.insertRows(ctx, "places", "doc_id, place_id, name, geonameid, feature, country, admin1, lat, lon", 9, args); err != nil {
		return err
	}
	args = args[:0]
	quotes := make(map[string]*sitrep.Quote, len(doc.Quotes))
	for i := range doc.Quotes {
		q := &doc.Quotes[i]
		quotes[q.ID] = q
		args = append(args, id, q.ID, q.Speaker.Text, q.Speaker.Kind, string(q.Speaker.Actor), q.Direct, q.Hedged, q.Text)
	}
	if err := w.insertRows(ctx, "quotes", "doc_id, quote_id, speaker, kind, actor, direct, hedged, text", 8, args); err != nil {
		return err
	}
	quants := make(map[string]*sitrep.Quantity, len(doc.Quantities))
	for i := range doc.Quantities {
		quants[doc.Quantities[i].ID] = &doc.Quantities[i]
	}
	args = args[:0]
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
		args = append(args, id, e.ID, seq, src, srcText, tgt, tgtText, e.Plover, string(e.Cameo),
			e.Negated, e.Modality, string(e.Date), placeName, gid, country, lat, lon, speaker, kind,
			doc.Slice(e.Evidence), killed)
	}
	return w.insertRows(ctx, "events", `doc_id, event_id, seq, source, source_text, target, target_text, plover, cameo, negated,
		modality, date, place, geonameid, country, lat, lon, speaker, speaker_kind, evidence, killed`, 21, args)
}

// Put writes the document and its layers in one transaction.
func (s *sqlStore) Put(ctx context.Context, key string, doc *sitrep.Doc) (int64, bool, error) {
	analysis, err := encodeAnalysis(doc)
	if err != nil {
		return 0, false, fmt.Errorf("store: put %s: %w", doc.ID, err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, false, fmt.Errorf("store: put %s: %w", doc.ID, err)
	}
	defer tx.Rollback()
	w := s.newTxWriter(tx)
	defer w.close()
	id, created, err := w.put(ctx, key, doc, analysis)
	if err == nil {
		err = w.flush(ctx)
	}
	if err != nil {
		return 0, false, fmt.Errorf("store: put %s: %w", doc.ID, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, false, fmt.Errorf("store: put %s: %w", doc.ID, err)
	}
	return id, created, nil
}

// PutBatch writes items in one transaction. The documents are marshalled
// before it starts, so the write lock (SQLite has one writer) is held only
// for the writes. Failures are rare (a constraint, a lost connection), so
// the batch is written optimistically, without a savepoint per document
// (in SQLite a savepoint flushes the FTS5 buffer and journals pages: a
// third of the cost); when anything fails, the transaction is rolled back
// and every item is stored again with Put, one transaction each, which
// keeps the good documents and reports the bad one alone.
func (s *sqlStore) PutBatch(ctx context.Context, items []Item) ([]Result, error) {
	out := make([]Result, len(items))
	if len(items) == 0 {
		return out, nil
	}
	analyses := make([][]byte, len(items))
	for i, it := range items {
		a, err := encodeAnalysis(it.Doc)
		if err != nil {
			out[i].Err = fmt.Errorf("store: put %s: %w", it.Doc.ID, err)
			continue
		}
		analyses[i] = a
	}
	if err := s.putBatchTx(ctx, items, analyses, out); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("store: put batch: %w", ctx.Err())
		}
		for i, it := range items {
			if analyses[i] == nil {
				continue
			}
			out[i] = Result{}
			out[i].ID, out[i].Created, out[i].Err = s.Put(ctx, it.Key, it.Doc)
		}
	}
	return out, nil
}

// putBatchTx fills out; an error means the transaction was rolled back
// and out is to be ignored.
func (s *sqlStore) putBatchTx(ctx context.Context, items []Item, analyses [][]byte, out []Result) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	w := s.newTxWriter(tx)
	defer w.close()
	for i, it := range items {
		if analyses[i] == nil {
			continue
		}
		id, created, err := w.put(ctx, it.Key, it.Doc, analyses[i])
		if err != nil {
			return err
		}
		out[i] = Result{ID: id, Created: created}
	}
	if err := w.flush(ctx); err != nil {
		return err
	}
	return tx.Commit()
}
