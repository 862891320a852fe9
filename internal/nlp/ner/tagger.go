package ner

import (
	"fmt"
	"sync"

	"github.com/sitrep/sitrep/internal/nlp/vectors"
	"github.com/sitrep/sitrep/models"
)

// resources are the read-only tables features look words up in.
type resources struct {
	clusters map[uint64][3]uint16 // by hashLower
	gaz      *gazetteer
	names    *gazetteer // names seen in the training corpora
}

var (
	resOnce sync.Once
	resVal  *resources
	resErr  error
)

// loadResources parses the embedded clusters and names once per process.
func loadResources() (*resources, error) {
	resOnce.Do(func() {
		var (
			names   *gazetteer
			nameErr error
		)
		done := make(chan struct{})
		go func() {
			defer close(done)
			names, nameErr = parseNames(models.NERNames)
		}()
		cl, err := vectors.Load()
		<-done
		if err == nil {
			err = nameErr
		}
		if err != nil {
			resErr = err
			return
		}
		g, err := curated()
		if err != nil {
			resErr = err
			return
		}
		r := &resources{clusters: make(map[uint64][3]uint16, cl.Len()), gaz: g, names: names}
		cl.Each(func(w string, ids [vectors.Levels]uint16) {
			r.clusters[hashLower(w)] = ids
		})
		resVal = r
	})
	return resVal, resErr
}

// scratch holds per-sentence buffers, reused across calls through a pool.
type scratch struct {
	ti    []tokInfo
	wh    []uint64
	wl    []uint64
	gm    []gazMatch
	feats []uint64
	em    [][numTags]float32
	post  [][numTags]float32
	fb    [][numTags]float64 // forward-backward scratch
	back  []int8
	tags  []int
}

// fill computes the token infos of words; extra are lexicon matches from
// the engine (token indices relative to words).
func (r *resources) fill(sc *scratch, words []string, extra []gazMatch, names *gazetteer) {
	n := len(words)
	sc.ti = resize(sc.ti, n)
	sc.wh = resize(sc.wh, n)
	sc.wl = resize(sc.wl, n)
	for i, w := range words {
		t := &sc.ti[i]
		*t = tokInfo{}
		t.word = hashString(w)
		t.lower = hashLower(w)
		sc.wh[i], sc.wl[i] = t.word, t.lower
		t.shape, t.sshape = shapes(w)
		t.cap = capClass(w)
		t.letters = hasLetter(w)
		if ids, ok := r.clusters[t.lower]; ok {
			t.cl, t.known = ids, true
		}
		if h, ok := hashAffix(w, 2, false); ok {
			t.p2, t.hasP[0] = h, true
		}
		if h, ok := hashAffix(w, 3, false); ok {
			t.p3, t.hasP[1] = h, true
		}
		if h, ok := hashAffix(w, 2, true); ok {
			t.s2, t.hasS[0] = h, true
		}
		if h, ok := hashAffix(w, 3, true); ok {
			t.s3, t.hasS[1] = h, true
			t.s4, _ = hashAffix(w, 4, true)
			if t.s4 == 0 {
				t.s4 = t.s3 ^ 1
			}
		}
	}
	for _, src := range [...]struct {
		g     *gazetteer
		lower bool
		bits  int
	}{{r.gaz, false, srcCurated}, {r.gaz, true, srcCuratedLower}, {names, false, srcNames}, {names, true, srcNamesLower}} {
		words := sc.wh
		if src.lower {
			words = sc.wl
		}
		sc.gm = src.g.match(words, src.lower, sc.gm[:0])
		for _, m := range sc.gm {
			gazBits(sc.ti, m.first, m.limit, src.bits, m.label)
		}
	}
	for _, m := range extra {
		gazBits(sc.ti, m.first, m.limit, srcCurated, m.label)
	}
}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/2)
	}
	return s[:n]
}

// decode tags words with m, leaving tags in sc.tags and emissions in sc.em.
func (r *resources) decode(m *Model, sc *scratch, words []string, extra []gazMatch) {
	names := r.names
	if m.names != nil {
		names = m.names
	}
	r.fill(sc, words, extra, names)
	n := len(words)
	sc.em = resize(sc.em, n)
	sc.tags = resize(sc.tags, n)
	sc.back = resize(sc.back, n*numTags)
	title := caseRegime(sc.ti)
	for i := range n {
		sc.feats = extract(sc.feats[:0], sc.ti, i, title)
		m.emissions(sc.feats, &sc.em[i])
	}
	viterbi(sc.em, &m.trans, sc.tags, sc.back)
}

// spansOf converts BIOES tag ids to spans.
func spansOf(tags []int) []Span {
	var out []Span
	for i := 0; i < len(tags); i++ {
		k := tags[i]
		switch tagPos(k) {
		case 'S':
			out = append(out, Span{i, i + 1, modelTypes[tagType(k)]})
		case 'B':
			j := i + 1
			for j < len(tags) && tagType(tags[j]) == tagType(k) && tagPos(tags[j]) != 'B' && tagPos(tags[j]) != 'S' {
				j++
				if tagPos(tags[j-1]) == 'E' {
					break
				}
			}
			out = append(out, Span{i, j, modelTypes[tagType(k)]})
			i = j - 1
		}
	}
	return out
}

// tagsOf converts spans to BIOES tag ids.
func tagsOf(n int, spans []Span) ([]int, error) {
	tags := make([]int, n)
	for _, s := range spans {
		t := -1
		for k, l := range modelTypes {
			if l == s.Label {
				t = k
			}
		}
		if t < 0 || s.First < 0 || s.Limit > n || s.First >= s.Limit {
			return nil, fmt.Errorf("ner: bad span %+v in a sentence of %d tokens", s, n)
		}
		if s.Limit-s.First == 1 {
			tags[s.First] = tagS(t)
			continue
		}
		tags[s.First] = tagB(t)
		for i := s.First + 1; i < s.Limit-1; i++ {
			tags[i] = tagI(t)
		}
		tags[s.Limit-1] = tagE(t)
	}
	return tags, nil
}
