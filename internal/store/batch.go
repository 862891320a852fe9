package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/dedup"
)

// Item is one document to store: its key (see Key) and its analysis.
type Item struct {
	Key string
	Doc *sitrep.Doc
	// enc is Doc encoded for writing (Prepare), nil until then.
	enc *encoded
}

// Prepare does the part of storing the item that needs no database:
// encoding and compressing the analysis, hashing the text, computing its
// syndication signature and laying out its rows. It may run on any
// goroutine (one per Item), so that the single writer SQLite allows only
// writes: a caller that analyses on several workers calls it there, after
// the analysis. It is optional (PutBatch prepares the items that are not,
// on all cores), and it is done once: Doc must not change afterwards.
func (it *Item) Prepare() {
	if it.enc == nil {
		it.enc = encode(it.Doc)
	}
}

// encoded is a document as the writer stores it. It is not changed once
// made, so one may be written by several writers.
type encoded struct {
	err      error
	analysis []byte // documents.analysis_z (encodeAnalysis)
	textHash string
	sig      dedup.Sig
	sigText  string  // sig as stored in doc_sigs, "" when it is not Valid
	bands    []int64 // sig.BandKeys()
	// The rows of each layer, without their leading doc_id (the writer
	// learns it when it inserts the document): rows of actorCols (the
	// last, lname, only where the dialect has it), placeCols-1 and
	// eventCols-1 values, each already a driver.Value (database/sql
	// converts others by reflection, on the writer).
	actors, places, events []any
}

// The layer tables' columns, doc_id first.
const (
	actorCols  = 7
	placeCols  = 9
	eventCols  = 21
	actorNames = "doc_id, actor_id, name, type, country, sector, mentions" // + ", lname" (dialect.lname)
	placeNames = "doc_id, place_id, name, geonameid, feature, country, admin1, lat, lon"
	eventNames = `doc_id, event_id, seq, source, source_text, target, target_text, plover, cameo, negated,
		modality, date, place, geonameid, country, lat, lon, speaker, speaker_kind, evidence, killed`
)

// encode prepares doc for the writer (see Item.Prepare).
func encode(doc *sitrep.Doc) *encoded {
	e := &encoded{textHash: TextHash(doc.Text)}
	e.analysis, e.err = encodeAnalysis(doc)
	if e.err != nil {
		return e
	}
	e.sig = dedup.Signature(doc.Text)
	if e.sig.Valid() {
		text, _ := e.sig.MarshalText()
		e.sigText = string(text)
		e.bands = e.sig.BandKeys()
	}
	e.layers(doc)
	return e
}

// layers lays out doc's rows of the layer tables.
func (e *encoded) layers(doc *sitrep.Doc) {
	e.actors = make([]any, 0, len(doc.Actors)*actorCols)
	for _, a := range doc.Actors {
		e.actors = append(e.actors, a.ID, a.Name, a.Type, string(a.Country), string(a.Sector), int64(len(a.Mentions)),
			asciiLower(a.Name))
	}
	e.places = make([]any, 0, len(doc.Places)*(placeCols-1))
	places := make(map[string]*sitrep.Place, len(doc.Places))
	for i := range doc.Places {
		p := &doc.Places[i]
		places[p.ID] = p
		e.places = append(e.places, p.ID, p.Name, intValue(p.GeonameID), p.Feature, string(p.Country), string(p.Admin1),
			floatValue(p.Lat), floatValue(p.Lon))
	}
	quotes := make(map[string]*sitrep.Quote, len(doc.Quotes))
	for i := range doc.Quotes {
		quotes[doc.Quotes[i].ID] = &doc.Quotes[i]
	}
	quants := make(map[string]*sitrep.Quantity, len(doc.Quantities))
	for i := range doc.Quantities {
		quants[doc.Quantities[i].ID] = &doc.Quantities[i]
	}
	e.events = make([]any, 0, len(doc.Events)*(eventCols-1))
	for seq, ev := range doc.Events {
		var src, srcText, tgt, tgtText string
		if ev.Source != nil {
			src, srcText = ev.Source.Actor, ev.Source.Text
		}
		if ev.Target != nil {
			tgt, tgtText = ev.Target.Actor, ev.Target.Text
		}
		var (
			placeName, country string
			gid                *int
			lat, lon           *float64
		)
		if len(ev.Places) > 0 {
			if p := places[ev.Places[0]]; p != nil {
				placeName, gid, country, lat, lon = p.Name, p.GeonameID, string(p.Country), p.Lat, p.Lon
			}
		}
		speaker, kind := "", sitrep.SpeakerUnattributed
		if q := quotes[string(ev.Attribution)]; q != nil {
			speaker, kind = q.Speaker.Text, q.Speaker.Kind
		}
		var killed *float64
		for _, qid := range ev.Quantities {
			if q := quants[qid]; q != nil && q.Kind == "killed" && q.Value != nil {
				killed = q.Value
			}
		}
		e.events = append(e.events, ev.ID, int64(seq), src, srcText, tgt, tgtText, ev.Plover, string(ev.Cameo),
			ev.Negated, ev.Modality, string(ev.Date), placeName, intValue(gid), country, floatValue(lat), floatValue(lon),
			speaker, kind, doc.Slice(ev.Evidence), floatValue(killed))
	}
}

// intValue and floatValue are the driver.Values of optional numbers.
func intValue(p *int) any {
	if p == nil {
		return nil
	}
	return int64(*p)
}

func floatValue(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
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
	// rows caches the multi-row INSERT of n rows into a table.
	rows map[rowsKey]*sql.Stmt
	// args is scratch space for one statement's arguments.
	args []any
	// fts holds the full-text rows (id, title, text) to write last, see
	// flush.
	fts []any
}

func (s *sqlStore) newTxWriter(tx *sql.Tx) *txWriter {
	return &txWriter{s: s, tx: tx, stmts: map[string]*sql.Stmt{}, rows: map[rowsKey]*sql.Stmt{}}
}

type rowsKey struct {
	table string
	n     int
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
	for _, st := range w.rows {
		st.Close()
	}
}

// insertRows inserts the rows of document id into table (k columns,
// named cols, doc_id first), in multi-row statements of at most chunkRows
// rows. rows holds width values per row, of which the first k-1 are the
// other columns.
func (w *txWriter) insertRows(ctx context.Context, table, cols string, k int, id int64, rows []any, width int) error {
	n := len(rows) / width
	for start := 0; start < n; start += chunkRows {
		m := min(chunkRows, n-start)
		key := rowsKey{table, m}
		st := w.rows[key]
		if st == nil {
			var err error
			st, err = w.tx.PrepareContext(ctx, w.s.rebind(w.s.d.insert+table+` (`+cols+`) VALUES `+rowMarks(m, k)))
			if err != nil {
				return fmt.Errorf("%s: %w", table, err)
			}
			w.rows[key] = st
		}
		args := w.args[:0]
		for r := start; r < start+m; r++ {
			args = append(append(args, id), rows[r*width:r*width+k-1]...)
		}
		w.args = args
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
	}
	return nil
}

// put writes one document; it reports created false, writing nothing,
// when key is already stored.
func (w *txWriter) put(ctx context.Context, key string, doc *sitrep.Doc, e *encoded) (int64, bool, error) {
	ins, err := w.stmt(ctx, `INSERT INTO documents
		(key, text_hash, ext_id, title, outlet, url, published, text, analysis, analysis_z, n_events, n_quotes, ingested)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?)
		ON CONFLICT (key) DO NOTHING RETURNING id`)
	if err != nil {
		return 0, false, err
	}
	var id int64
	err = ins.QueryRowContext(ctx, key, e.textHash, string(doc.ID), string(doc.Title), string(doc.Outlet), string(doc.URL),
		string(doc.Published), doc.Text, e.analysis, int64(len(doc.Events)), int64(len(doc.Quotes)),
		time.Now().UTC().Format(time.RFC3339Nano)).Scan(&id)
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
	if err := w.putLayers(ctx, id, doc, e); err != nil {
		return 0, false, err
	}
	if err := w.putSignature(ctx, id, e); err != nil {
		return 0, false, fmt.Errorf("syndication: %w", err)
	}
	return id, true, nil
}

func (w *txWriter) putLayers(ctx context.Context, id int64, doc *sitrep.Doc, e *encoded) error {
	if w.s.d.ftsInsert != "" {
		w.fts = append(w.fts, id, string(doc.Title), doc.Text)
	}
	names, k := actorNames, actorCols
	if w.s.d.lname {
		names, k = actorNames+", lname", actorCols+1
	}
	if err := w.insertRows(ctx, "actors", names, k, id, e.actors, actorCols); err != nil {
		return err
	}
	if err := w.insertRows(ctx, "places", placeNames, placeCols, id, e.places, placeCols-1); err != nil {
		return err
	}
	return w.insertRows(ctx, "events", eventNames, eventCols, id, e.events, eventCols-1)
}

// Put writes the document and its layers in one transaction.
func (s *sqlStore) Put(ctx context.Context, key string, doc *sitrep.Doc) (int64, bool, error) {
	return s.put(ctx, key, doc, encode(doc))
}

func (s *sqlStore) put(ctx context.Context, key string, doc *sitrep.Doc, e *encoded) (int64, bool, error) {
	if e.err != nil {
		return 0, false, fmt.Errorf("store: put %s: %w", doc.ID, e.err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, false, fmt.Errorf("store: put %s: %w", doc.ID, err)
	}
	defer tx.Rollback()
	w := s.newTxWriter(tx)
	defer w.close()
	id, created, err := w.put(ctx, key, doc, e)
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

// PutBatch writes items in one transaction. The items not yet prepared
// (Item.Prepare) are prepared first, on all cores, so the write lock
// (SQLite has one writer) is held only for the writes. Failures are rare
// (a constraint, a lost connection), so the batch is written
// optimistically, without a savepoint per document (in SQLite a savepoint
// flushes the FTS5 buffer and journals pages: a third of the cost); when
// anything fails, the transaction is rolled back and every item is stored
// again one transaction each, which keeps the good documents and reports
// the bad one alone.
func (s *sqlStore) PutBatch(ctx context.Context, items []Item) ([]Result, error) {
	out := make([]Result, len(items))
	if len(items) == 0 {
		return out, nil
	}
	encs := prepareAll(items)
	for i, e := range encs {
		if e.err != nil {
			out[i].Err = fmt.Errorf("store: put %s: %w", items[i].Doc.ID, e.err)
		}
	}
	if err := s.putBatchTx(ctx, items, encs, out); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("store: put batch: %w", ctx.Err())
		}
		for i, it := range items {
			if encs[i].err != nil {
				continue
			}
			out[i] = Result{}
			out[i].ID, out[i].Created, out[i].Err = s.put(ctx, it.Key, it.Doc, encs[i])
		}
	}
	return out, nil
}

// prepareAll returns each item's encoding, making those not prepared on
// up to GOMAXPROCS goroutines.
func prepareAll(items []Item) []*encoded {
	encs := make([]*encoded, len(items))
	var todo []int
	for i := range items {
		if encs[i] = items[i].enc; encs[i] == nil {
			todo = append(todo, i)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), len(todo))
	if workers <= 1 {
		for _, i := range todo {
			encs[i] = encode(items[i].Doc)
		}
		return encs
	}
	var (
		next atomic.Int64
		wg   sync.WaitGroup
	)
	for range workers {
		wg.Go(func() {
			for j := int(next.Add(1) - 1); j < len(todo); j = int(next.Add(1) - 1) {
				encs[todo[j]] = encode(items[todo[j]].Doc)
			}
		})
	}
	wg.Wait()
	return encs
}

// putBatchTx fills out; an error means the transaction was rolled back
// and out is to be ignored.
func (s *sqlStore) putBatchTx(ctx context.Context, items []Item, encs []*encoded, out []Result) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	w := s.newTxWriter(tx)
	defer w.close()
	for i, it := range items {
		if encs[i].err != nil {
			continue
		}
		id, created, err := w.put(ctx, it.Key, it.Doc, encs[i])
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
