package cluster

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/store"
)

var benchEvents = flag.Int("bench.events", 1_000_000, "stored events in the story-index benchmarks")

// synth draws synthetic articles with the skew of real event data: a few
// actors, types and words are very common, most are rare.
type synth struct {
	r                   *rand.Rand
	actor, word, outlet *rand.Zipf
	days                int
}

const (
	synthActors  = 400
	synthWords   = 40000
	synthOutlets = 300
	synthStart   = 18262 // 2020-01-01
	eventsPerDoc = 10
)

func newSynth(seed uint64, days int) *synth {
	r := rand.New(rand.NewPCG(seed, 7))
	return &synth{r: r, days: days,
		actor:  rand.NewZipf(r, 1.2, 2, synthActors-1),
		word:   rand.NewZipf(r, 1.1, 10, synthWords-1),
		outlet: rand.NewZipf(r, 1.1, 5, synthOutlets-1),
	}
}

func (s *synth) actorID() string { return fmt.Sprintf("A%03d", s.actor.Uint64()) }

func (s *synth) words(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = fmt.Sprintf("w%05dx", s.word.Uint64())
	}
	return strings.Join(w, " ")
}

// doc returns a synthetic analysed article of about 300 words with
// eventsPerDoc events.
func (s *synth) doc(n int) *sitrep.Doc {
	day := synthStart + s.r.IntN(s.days)
	d := &sitrep.Doc{ID: sitrep.NullString("s" + strconv.Itoa(n)), Title: sitrep.NullString(s.words(8)),
		Outlet:    sitrep.NullString(fmt.Sprintf("Outlet %d", s.outlet.Uint64())),
		Published: sitrep.NullString(time.Unix(int64(day)*86400, 0).UTC().Format("2006-01-02")),
		Text:      s.words(300) + " " + strconv.Itoa(n)}
	seen := map[string]bool{}
	kinds := []string{sitrep.SpeakerUnattributed, sitrep.SpeakerAnonymous, sitrep.SpeakerNamedPerson, sitrep.SpeakerNamedOrg}
	for i := range eventsPerDoc {
		src, tgt := s.actorID(), s.actorID()
		for _, a := range []string{src, tgt} {
			if !seen[a] {
				seen[a] = true
				d.Actors = append(d.Actors, sitrep.Actor{ID: a, Name: "Actor " + a, Type: sitrep.ActorCountry})
			}
		}
		q := sitrep.Quote{ID: "q" + strconv.Itoa(i), Text: "x", Speaker: sitrep.Speaker{Text: "someone", Kind: kinds[s.r.IntN(len(kinds))]}}
		d.Quotes = append(d.Quotes, q)
		ev := sitrep.Event{ID: "e" + strconv.Itoa(i), Source: &sitrep.ActorRef{Actor: src, Text: src},
			Target: &sitrep.ActorRef{Actor: tgt, Text: tgt}, Plover: sitrep.PloverTypes[s.r.IntN(len(sitrep.PloverTypes))],
			Modality: sitrep.ModAsserted, Negated: s.r.IntN(20) == 0, Attribution: sitrep.NullString(q.ID),
			Evidence: sitrep.Span{Start: 0, End: 20}}
		d.Events = append(d.Events, ev)
	}
	d.Normalize()
	return d
}

// benchStore returns a SQLite store holding n synthetic events (n/10
// articles) already in the story index. The database is built once per n
// in the temporary folder and reused: loading runs in one transaction
// with prepared statements, writing the rows Put and Add would write.
func benchStore(b *testing.B, n int) (store.Store, *synth) {
	b.Helper()
	docs := n / eventsPerDoc
	days := 5 * 365
	path := filepath.Join(os.TempDir(), fmt.Sprintf("sitrep-cluster-bench-%d-v1.db", n))
	if _, err := os.Stat(path + ".done"); err != nil {
		os.Remove(path)
		start := time.Now()
		if err := loadSynthetic(path, docs, days); err != nil {
			b.Fatal(err)
		}
		os.WriteFile(path+".done", nil, 0o644)
		b.Logf("built %s: %d articles, %d events in %v", path, docs, docs*eventsPerDoc, time.Since(start).Round(time.Second))
	}
	// Work on a copy: each run adds articles.
	work := filepath.Join(b.TempDir(), "bench.db")
	if err := copyFile(work, path); err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(context.Background(), work)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st, newSynth(99, days)
}

func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func loadSynthetic(path string, docs, days int) error {
	ctx := context.Background()
	st, err := store.Open(ctx, path) // creates the schema
	if err != nil {
		return err
	}
	st.Close()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(DELETE)&_pragma=synchronous(OFF)")
	if err != nil {
		return err
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var s *sql.Stmt
		s, err = tx.Prepare(q)
		return s
	}
	docStmt := prep(`INSERT INTO documents (id, key, text_hash, ext_id, title, outlet, url, published, text, analysis, n_events, ingested)
		VALUES (?, ?, ?, ?, ?, ?, '', ?, '', '{}', ?, '2026-01-01T00:00:00Z')`)
	actorStmt := prep(`INSERT INTO actors (doc_id, actor_id, name, type, country, sector, mentions) VALUES (?, ?, ?, 'country', '', '', 1)`)
	eventStmt := prep(`INSERT INTO events (doc_id, event_id, seq, source, source_text, target, target_text, plover, cameo, negated,
		modality, date, place, geonameid, country, lat, lon, speaker, speaker_kind, evidence, killed)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, 'asserted', '', '', NULL, '', NULL, NULL, 'someone', ?, 'evidence', NULL)`)
	cdocStmt := prep(`INSERT INTO cluster_docs (doc_id, story_id, origin, day, outlet, terms, n_claims, score) VALUES (?, ?, ?, ?, ?, ?, ?, 1)`)
	cevStmt := prep(`INSERT INTO cluster_events (doc_id, event_id, claim, source, target, plover, mode, day, month, denied, modality,
		sourcing, speaker, place) VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?, 'asserted', ?, 'someone', '')`)
	postStmt := prep(`INSERT OR IGNORE INTO cluster_postings (term, day, doc_id) VALUES (?, ?, ?)`)
	termStmt := prep(`INSERT INTO cluster_terms (term, df) VALUES (?, ?)`)
	if err != nil {
		return err
	}
	s := newSynth(1, days)
	df := map[string]int{}
	for id := int64(1); id <= int64(docs); id++ {
		d := s.doc(int(id))
		day := dayOf(string(d.Published))
		sum := sha256.Sum256([]byte(d.Text))
		if _, err := docStmt.Exec(id, "k"+strconv.FormatInt(id, 10), hex.EncodeToString(sum[:]), string(d.ID), string(d.Title),
			string(d.Outlet), string(d.Published), len(d.Events)); err != nil {
			return err
		}
		for _, a := range d.Actors {
			if _, err := actorStmt.Exec(id, a.ID, a.Name); err != nil {
				return err
			}
		}
		events := docEvents(id, d, day)
		claims := map[string]bool{}
		for i, e := range d.Events {
			ce := events[i]
			claims[ce.Claim] = true
			if _, err := eventStmt.Exec(id, e.ID, i, e.Source.Actor, e.Source.Actor, e.Target.Actor, e.Target.Actor, e.Plover,
				e.Negated, ce.Sourcing); err != nil {
				return err
			}
			if _, err := cevStmt.Exec(id, ce.EventID, ce.Claim, ce.Source, ce.Target, ce.Plover, ce.Day, ce.Month, ce.Denied,
				ce.Sourcing); err != nil {
				return err
			}
		}
		tf, keys := termCounts(d)
		// Weights from the frequencies so far: what Add would have seen.
		vec := weigh(tf, df, int(id-1))
		for t := range tf {
			df[t]++
		}
		// One story per about five articles, as a busy news day gives.
		story := id - int64(s.r.IntN(5))
		if story < 1 {
			story = 1
		}
		if _, err := cdocStmt.Exec(id, story, id, day, string(d.Outlet), vec.String(), len(claims)); err != nil {
			return err
		}
		for _, k := range keys {
			if _, err := postStmt.Exec(k, day, id); err != nil {
				return err
			}
		}
	}
	df[""] = docs
	terms := make([]string, 0, len(df))
	for t := range df {
		terms = append(terms, t)
	}
	sort.Strings(terms)
	for _, t := range terms {
		if _, err := termStmt.Exec(t, df[t]); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	_, err = db.Exec(`ANALYZE`)
	return err
}

// BenchmarkAdd measures the incremental update the issue bounds at 10 ms:
// filing one new article (10 events, 300 words) under its story in a store
// of -bench.events events (default 1,000,000). Storing the article (Put)
// is not timed; its time is reported as put-ms/op.
//
//	go test ./internal/cluster -run '^$' -bench Add -benchtime 200x
func BenchmarkAdd(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a store of a million events")
	}
	st, s := benchStore(b, *benchEvents)
	ix, err := Open(st, DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var put, cpu time.Duration
	cands := 0
	n := 0
	for b.Loop() {
		b.StopTimer()
		d := s.doc(10_000_000 + n)
		n++
		t0 := time.Now()
		id, _, err := st.Put(ctx, "bench"+strconv.Itoa(n), d)
		if err != nil {
			b.Fatal(err)
		}
		put += time.Since(t0)
		c0 := cpuTime()
		b.StartTimer()
		u, err := ix.Add(ctx, id, d)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cpu += cpuTime() - c0
		b.StartTimer()
		cands += u.Candidates
	}
	b.ReportMetric(float64(put.Microseconds())/1000/float64(n), "put-ms/op")
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(n), "cpu-ms/op")
	b.ReportMetric(float64(cands)/float64(n), "candidates/op")
}

// BenchmarkCorroborate measures grading every claim of a new article
// (Add, then Doc) in the same store.
func BenchmarkCorroborate(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a store of a million events")
	}
	st, s := benchStore(b, *benchEvents)
	ix, err := Open(st, DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var cpu time.Duration
	n := 0
	for b.Loop() {
		b.StopTimer()
		d := s.doc(20_000_000 + n)
		n++
		id, _, err := st.Put(ctx, "corr"+strconv.Itoa(n), d)
		if err != nil {
			b.Fatal(err)
		}
		c0 := cpuTime()
		b.StartTimer()
		if _, err := ix.Add(ctx, id, d); err != nil {
			b.Fatal(err)
		}
		if _, err := ix.Doc(ctx, id); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cpu += cpuTime() - c0
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(n), "cpu-ms/op")
}

// cpuTime is the process's user+system CPU time: on a shared machine it
// is steadier than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
