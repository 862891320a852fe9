package cluster

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/store"
)

// Backend is what the story index needs of the store; the SQL store
// (SQLite and PostgreSQL) provides it.
type Backend interface {
	Doc(ctx context.Context, id int64) (*sitrep.Doc, error)
	ClusterOrigin(ctx context.Context, id int64) (int64, error)
	ClusterDF(ctx context.Context, terms []string) (map[string]int, int, error)
	ClusterCandidates(ctx context.Context, q store.ClusterQuery) ([]store.ClusterCandidate, error)
	ClusterPut(ctx context.Context, d store.ClusterDoc) (bool, error)
	ClusterPending(ctx context.Context, limit int) ([]int64, error)
	ClaimReports(ctx context.Context, claim string, day, window, limit int) ([]store.ClaimReport, error)
	DocReports(ctx context.Context, docs []int64) ([]store.ClaimReport, error)
	TargetReports(ctx context.Context, target string, types []string, limit int) ([]store.ClaimReport, error)
	NetworkCounts(ctx context.Context, actor, actor2 string) ([]store.NetworkCount, error)
	Stories(ctx context.Context, f store.StoryFilter) ([]store.StoryRow, error)
	StoryDocs(ctx context.Context, story int64) ([]store.StoryDoc, error)
	DocStory(ctx context.Context, doc int64) (int64, error)
}

// ErrNoIndex is returned by Open for a store that cannot keep stories.
var ErrNoIndex = errors.New("cluster: this store keeps no story index")

// Options tune clustering and claim matching.
type Options struct {
	// Window is how many days apart two articles of one story may be
	// published.
	Window int
	// ClaimWindow is how many days apart two reports of one claim may be.
	ClaimWindow int
	// PerKey bounds the stored matches read per claim or term, Max the
	// candidates scored, Postings the key terms looked up per article.
	PerKey, Max, Postings int
	// JoinAt is the similarity from which an article joins a story, given
	// at least MinText text similarity; TextAt is the text similarity that
	// joins on its own.
	JoinAt, MinText, TextAt float64
	// Reports bounds the reports read per claim.
	Reports int
}

// DefaultOptions returns the settings the tests and commands use.
func DefaultOptions() Options {
	return Options{Window: 7, ClaimWindow: 30, PerKey: 25, Max: 64, Postings: 10,
		JoinAt: 0.18, MinText: 0.1, TextAt: 0.45, Reports: 500}
}

// Index files stored articles under stories. It is safe for concurrent
// use; Adds are serialised.
type Index struct {
	b   Backend
	opt Options
	mu  sync.Mutex
}

// Open returns the story index of st.
func Open(st store.Store, opt Options) (*Index, error) {
	b, ok := st.(Backend)
	if !ok {
		return nil, ErrNoIndex
	}
	return New(b, opt), nil
}

// New returns an index over b; options left at zero take their defaults.
func New(b Backend, opt Options) *Index {
	def := DefaultOptions()
	orDefault(&opt.Window, def.Window)
	orDefault(&opt.ClaimWindow, def.ClaimWindow)
	orDefault(&opt.PerKey, def.PerKey)
	orDefault(&opt.Max, def.Max)
	orDefault(&opt.Postings, def.Postings)
	orDefault(&opt.JoinAt, def.JoinAt)
	orDefault(&opt.MinText, def.MinText)
	orDefault(&opt.TextAt, def.TextAt)
	orDefault(&opt.Reports, def.Reports)
	return &Index{b: b, opt: opt}
}

func orDefault[T int | float64](v *T, def T) {
	if *v <= 0 {
		*v = def
	}
}

// Update reports where Add filed an article.
type Update struct {
	DocID   int64 `json:"doc_id"`
	StoryID int64 `json:"story_id"`
	// Origin is the first stored copy of the same text.
	Origin int64 `json:"origin"`
	// NewStory reports that the article started a story.
	NewStory bool `json:"new_story"`
	// Score is the similarity with the article it joined.
	Score float64 `json:"score"`
	// Candidates counts the stored articles compared.
	Candidates int `json:"candidates"`
	// Indexed is false when the article was already in the index.
	Indexed bool `json:"indexed"`
}

// Add files the stored document id (with its analysis d) under a story:
// its original's when it is a syndicated copy, else the most similar
// recent article's, else a new one.
func (ix *Index) Add(ctx context.Context, id int64, d *sitrep.Doc) (Update, error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	day := dayOf(string(d.Published))
	events := docEvents(id, d, day)
	claimPlaces := map[string][]string{}
	var claims []string
	for _, e := range events {
		if _, ok := claimPlaces[e.Claim]; !ok {
			claims = append(claims, e.Claim)
		}
		claimPlaces[e.Claim] = append(claimPlaces[e.Claim], e.Place)
	}
	tf, keys := termCounts(d)
	terms := make([]string, 0, len(tf))
	for t := range tf {
		terms = append(terms, t)
	}
	sort.Strings(terms)
	df, n, err := ix.b.ClusterDF(ctx, terms)
	if err != nil {
		return Update{}, err
	}
	vec := weigh(tf, df, n)

	u := Update{DocID: id, StoryID: id, Origin: id, NewStory: true, Score: 1}
	if u.Origin, err = ix.b.ClusterOrigin(ctx, id); err != nil {
		return Update{}, err
	}
	joined := false
	if u.Origin != id {
		// A syndicated copy tells what its original told.
		story, err := ix.b.DocStory(ctx, u.Origin)
		switch {
		case err == nil:
			u.StoryID, u.NewStory, joined = story, false, true
		case !errors.Is(err, store.ErrNotFound):
			return Update{}, err
		}
	}
	if !joined {
		cands, err := ix.b.ClusterCandidates(ctx, store.ClusterQuery{Claims: claims, Terms: lookupTerms(keys, df, ix.opt.Postings), Day: day,
			Window: ix.opt.Window, PerKey: ix.opt.PerKey, Max: ix.opt.Max, Exclude: id})
		if err != nil {
			return Update{}, err
		}
		u.Candidates = len(cands)
		if best, score, ok := ix.best(vec, claimPlaces, cands); ok {
			u.StoryID, u.NewStory, u.Score = best.StoryID, false, score
		}
	}
	ok, err := ix.b.ClusterPut(ctx, store.ClusterDoc{DocID: id, StoryID: u.StoryID, Origin: u.Origin, Day: day,
		Outlet: string(d.Outlet), Terms: vec.String(), NClaims: len(claims), Score: u.Score,
		Events: events, Postings: keys, DF: terms})
	if err != nil {
		return Update{}, err
	}
	if !ok {
		story, err := ix.b.DocStory(ctx, id)
		if err != nil {
			return Update{}, err
		}
		return Update{DocID: id, StoryID: story, Origin: u.Origin}, nil
	}
	u.Indexed = true
	return u, nil
}

// Similarity is how alike two articles are; each part is in [0,1].
type Similarity struct {
	// Claims is the overlap coefficient of the claim sets, Entities that
	// of the actors and resolved places named, Text the TF-IDF cosine of
	// titles and ledes.
	Claims, Entities, Text float64
	// Score weighs them: 0.4·Claims + 0.3·Entities + 0.3·Text.
	Score float64
}

// similarity scores a candidate against the new article's vector (as a
// term → weight map, with its entity count) and claims (with the places
// each claim's events name).
func (ix *Index) similarity(q query, claims map[string][]string, c *store.ClusterCandidate) Similarity {
	var s Similarity
	// Walk the stored "term:weight" pairs without building a vector:
	// only shared terms need their weight parsed.
	nb, shared := 0, 0
	for rest := c.Terms; rest != ""; {
		var pair string
		if i := strings.IndexByte(rest, ' '); i >= 0 {
			pair, rest = rest[:i], rest[i+1:]
		} else {
			pair, rest = rest, ""
		}
		i := strings.LastIndexByte(pair, ':')
		if i <= 0 {
			continue
		}
		term := pair[:i]
		if isEntity(term) {
			nb++
		}
		w, ok := q.weights[term]
		if !ok {
			continue
		}
		if isEntity(term) {
			shared++
		}
		if f, err := strconv.ParseFloat(pair[i+1:], 64); err == nil {
			s.Text += w * f
		}
	}
	if m := min(q.entities, nb); m > 0 {
		s.Entities = float64(shared) / float64(m)
	}
	sharedClaims := 0
	for k, places := range c.Claims {
		if placesMeet(claims[k], places) {
			sharedClaims++
		}
	}
	if m := min(len(claims), c.NClaims); m > 0 {
		s.Claims = float64(sharedClaims) / float64(m)
	}
	s.Score = 0.4*s.Claims + 0.3*s.Entities + 0.3*s.Text
	return s
}

// query is a new article's vector prepared for scoring candidates.
type query struct {
	weights  map[string]float64
	entities int
}

func newQuery(v vector) query {
	q := query{weights: make(map[string]float64, len(v))}
	for _, t := range v {
		q.weights[t.term] = t.w
		if isEntity(t.term) {
			q.entities++
		}
	}
	return q
}

// entityOverlap is the overlap coefficient of the entity terms (actors
// "@", places "#") of two vectors.
func entityOverlap(a, b vector) float64 {
	na, nb, shared := 0, 0, 0
	for i, j := 0, 0; i < len(a) || j < len(b); {
		switch {
		case j == len(b) || i < len(a) && a[i].term < b[j].term:
			if isEntity(a[i].term) {
				na++
			}
			i++
		case i == len(a) || a[i].term > b[j].term:
			if isEntity(b[j].term) {
				nb++
			}
			j++
		default:
			if isEntity(a[i].term) {
				na++
				nb++
				shared++
			}
			i++
			j++
		}
	}
	if m := min(na, nb); m > 0 {
		return float64(shared) / float64(m)
	}
	return 0
}

func isEntity(term string) bool { return term != "" && (term[0] == '@' || term[0] == '#') }

// placesMeet reports whether two claims' places allow one happening: one
// side names none, or they share one.
func placesMeet(a, b []string) bool {
	for _, x := range a {
		if x == "" {
			return true
		}
	}
	for _, y := range b {
		if y == "" {
			return true
		}
	}
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

func (ix *Index) best(vec vector, claims map[string][]string, cands []store.ClusterCandidate) (*store.ClusterCandidate, float64, bool) {
	var best *store.ClusterCandidate
	var bestScore float64
	q := newQuery(vec)
	for i := range cands {
		c := &cands[i]
		s := ix.similarity(q, claims, c)
		if !(s.Score >= ix.opt.JoinAt && s.Text >= ix.opt.MinText || s.Text >= ix.opt.TextAt) {
			continue
		}
		if best == nil || s.Score > bestScore || s.Score == bestScore && c.StoryID < best.StoryID {
			best, bestScore = c, s.Score
		}
	}
	return best, bestScore, best != nil
}

// Sync indexes every stored article not yet in the index, oldest first,
// and returns how many it filed. Commands call it before answering, so
// that articles ingested by any means are counted.
func (ix *Index) Sync(ctx context.Context) (int, error) {
	n := 0
	for {
		ids, err := ix.b.ClusterPending(ctx, 100)
		if err != nil {
			return n, err
		}
		if len(ids) == 0 {
			return n, nil
		}
		for _, id := range ids {
			d, err := ix.b.Doc(ctx, id)
			if err != nil {
				return n, fmt.Errorf("cluster: sync: %w", err)
			}
			u, err := ix.Add(ctx, id, d)
			if err != nil {
				return n, fmt.Errorf("cluster: sync document %d: %w", id, err)
			}
			if u.Indexed {
				n++
			}
		}
	}
}
