package chunk

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"unicode/utf8"
	"unsafe"

	"github.com/sitrep/sitrep/internal/nlp/pos"
	"github.com/sitrep/sitrep/internal/nlp/vectors"
)

// Parser is a greedy arc-eager dependency parser scored by an averaged
// perceptron (trained with a dynamic oracle), producing UD relations. It
// is read-only and safe for concurrent use.
type Parser struct {
	model    *pos.Model
	labels   []string
	clusters *vectors.Clusters
}

// Input is one word to parse: its form and tags.
type Input struct {
	Form, UPOS, XPOS string
}

// Actions: 0 shift, 1 reduce, 2+2l left-arc with label l, 3+2l right-arc.
const (
	actShift  = 0
	actReduce = 1
)

// ptok holds the hashed parts of one word.
type ptok struct{ w, p, u, cl uint64 }

// state is an arc-eager configuration over n words; index n is ROOT.
type state struct {
	n                   int
	stack               []int
	b                   int
	head, label         []int
	lc1, lc2, rc1, rc2  []int
	nl, nr              []int
	toks                []ptok
	feats               []uint64
	scores              []float32
	bufSum, topSum      []float32 // see parse
	topDone             []bool
	treeSum, bufTreeSum []float32
	treeSig             []s0Sig
	lower               []byte
}

func (s *state) reset(n int) {
	s.n, s.b = n, 0
	s.stack = append(s.stack[:0], n)
	grow := func(x []int) []int {
		x = slices.Grow(x[:0], n+1)[:n+1]
		for i := range x {
			x[i] = -1
		}
		return x
	}
	s.head, s.label = grow(s.head), grow(s.label)
	s.lc1, s.lc2, s.rc1, s.rc2 = grow(s.lc1), grow(s.lc2), grow(s.rc1), grow(s.rc2)
	s.nl, s.nr = grow(s.nl), grow(s.nr)
	for i := range n + 1 {
		s.nl[i], s.nr[i] = 0, 0
	}
}

func (s *state) addArc(h, d, l int) {
	s.head[d], s.label[d] = h, l
	if d < h {
		s.nl[h]++
		if s.lc1[h] == -1 || d < s.lc1[h] {
			s.lc2[h], s.lc1[h] = s.lc1[h], d
		} else if s.lc2[h] == -1 || d < s.lc2[h] {
			s.lc2[h] = d
		}
	} else {
		s.nr[h]++
		if d > s.rc1[h] {
			s.rc2[h], s.rc1[h] = s.rc1[h], d
		} else if d > s.rc2[h] {
			s.rc2[h] = d
		}
	}
}

func (s *state) s0() int { return s.stack[len(s.stack)-1] }

func (s *state) valid(a int) bool {
	if s.b >= s.n {
		return false
	}
	s0 := s.s0()
	switch {
	case a == actShift:
		return true
	case a == actReduce:
		return s0 != s.n && s.head[s0] != -1
	case a%2 == 0: // left
		return s0 != s.n && s.head[s0] == -1
	default: // right
		return true
	}
}

func (s *state) apply(a int) {
	s0 := s.s0()
	switch {
	case a == actShift:
		s.stack = append(s.stack, s.b)
		s.b++
	case a == actReduce:
		s.stack = s.stack[:len(s.stack)-1]
	case a%2 == 0:
		s.addArc(s.b, s0, (a-2)/2)
		s.stack = s.stack[:len(s.stack)-1]
	default:
		s.addArc(s0, s.b, (a-3)/2)
		s.stack = append(s.stack, s.b)
		s.b++
	}
}

// Feature templates.
const (
	pBias = iota + 100
	pS0w
	pS0p
	pS0wp
	pN0w
	pN0p
	pN0wp
	pN1w
	pN1p
	pN1wp
	pN2p
	pN2w
	pS0wpN0wp
	pS0wpN0w
	pS0wN0wp
	pS0wpN0p
	pS0pN0wp
	pS0wN0w
	pS0pN0p
	pN0pN1p
	pN0pN1pN2p
	pS0pN0pN1p
	pS0hpS0pN0p
	pS0pS0lpN0p
	pS0pS0rpN0p
	pS0pN0pN0lp
	pS0wd
	pS0pd
	pN0wd
	pN0pd
	pS0wN0wd
	pS0pN0pd
	pS0wvr
	pS0pvr
	pS0wvl
	pS0pvl
	pN0wvl
	pN0pvl
	pS0hw
	pS0hp
	pS0l
	pS0lw
	pS0lp
	pS0ll
	pS0rw
	pS0rp
	pS0rl
	pN0lw
	pN0lp
	pN0ll
	pS0h2p
	pS0l2p
	pS0r2p
	pN0l2p
	pS0pS0lpS0l2p
	pS0pS0rpS0r2p
	pN0pN0lpN0l2p
	pS1p
	pS1pS0pN0p
	pS1wS0p
	pS0c
	pN0c
	pN1c
	pS0cN0c
	pS0pN0c
	pS0cN0p
	pS0u
	pN0u
	pS0uN0u
	pS1uS0uN0u
	pS0hl
)

const (
	hNone = 0x4e4f4e45
	hRoot = 0x524f4f54
)

func tri(a, b, c uint64) uint64 { return pos.Mix(1, b, c) ^ a*0x2545F4914F6CDD1D }

func (s *state) tw(i int) uint64 {
	switch {
	case i < 0:
		return hNone
	case i == s.n:
		return hRoot
	}
	return s.toks[i].w
}

func (s *state) tp(i int) uint64 {
	switch {
	case i < 0:
		return hNone
	case i == s.n:
		return hRoot
	}
	return s.toks[i].p
}

func (s *state) tu(i int) uint64 {
	switch {
	case i < 0:
		return hNone
	case i == s.n:
		return hRoot
	}
	return s.toks[i].u
}

func (s *state) tc(i int) uint64 {
	switch {
	case i < 0:
		return hNone
	case i == s.n:
		return hRoot
	}
	return s.toks[i].cl
}

func (s *state) lab(i int) uint64 {
	if i < 0 || i == s.n {
		return hNone
	}
	return uint64(s.label[i] + 2)
}

// buf returns the first three buffer positions (-1 past the end).
func (s *state) buf() (n0, n1, n2 int) {
	n0, n1, n2 = -1, -1, -1
	if s.b < s.n {
		n0 = s.b
	}
	if s.b+1 < s.n {
		n1 = s.b + 1
	}
	if s.b+2 < s.n {
		n2 = s.b + 2
	}
	return n0, n1, n2
}

// features appends all the configuration's feature keys to s.feats: the
// bias, bufferFeatures, topFeatures and the rest. Parsing scores the first
// three groups once per buffer front and stack-top word and reuses the
// sums; training scores them all each time.
func (s *state) features() {
	s.feats = append(s.feats[:0], pos.Mix(pBias, 0, 0))
	s.feats = s.bufferFeatures(s.feats)
	s.feats = s.topFeatures(s.feats, s.s0())
	s.feats = s.topTreeFeatures(s.feats, s.s0())
	s.feats = s.bufTreeFeatures(s.feats)
	s.feats = s.otherFeatures(s.feats)
}

// bufferFeatures appends the features of the words at b, b+1 and b+2
// alone, which do not change until b moves.
func (s *state) bufferFeatures(dst []uint64) []uint64 {
	n0, n1, n2 := s.buf()
	N0w, N0p, N1w, N1p := s.tw(n0), s.tp(n0), s.tw(n1), s.tp(n1)
	m := pos.Mix
	return append(dst,
		m(pN0w, N0w, 0), m(pN0p, N0p, 0), m(pN0wp, tri(0, N0w, N0p), 0),
		m(pN1w, N1w, 0), m(pN1p, N1p, 0), m(pN1wp, tri(0, N1w, N1p), 0),
		m(pN2p, s.tp(n2), 0), m(pN2w, s.tw(n2), 0),
		m(pN0pN1p, N0p, N1p),
		m(pN0pN1pN2p, tri(N0p, N1p, s.tp(n2)), 0),
		m(pN0c, s.tc(n0), 0), m(pN1c, s.tc(n1), 0),
		m(pN0u, s.tu(n0), 0),
	)
}

// topFeatures appends the features of stack-top word s0 alone, which
// depend on nothing else.
func (s *state) topFeatures(dst []uint64, s0 int) []uint64 {
	S0w, S0p := s.tw(s0), s.tp(s0)
	m := pos.Mix
	return append(dst,
		m(pS0w, S0w, 0), m(pS0p, S0p, 0), m(pS0wp, tri(0, S0w, S0p), 0),
		m(pS0c, s.tc(s0), 0), m(pS0u, s.tu(s0), 0),
	)
}

// s0Sig is what topTreeFeatures reads of the tree around s0: its head,
// head's head, label, two outermost children each side (whose labels are
// fixed once attached) and child counts.
type s0Sig [9]int

func (s *state) s0sig(s0 int) s0Sig {
	h, h2 := -1, -1
	if s0 != s.n {
		h = s.head[s0]
		if h >= 0 && h < s.n {
			h2 = s.head[h]
		}
	}
	return s0Sig{h, h2, s.label[s0], s.lc1[s0], s.lc2[s0], s.rc1[s0], s.rc2[s0], s.nl[s0], s.nr[s0]}
}

// topTreeFeatures appends the features of s0 and its place in the tree
// (head, children, valency), which change only when an arc touches s0 or
// its head.
func (s *state) topTreeFeatures(dst []uint64, s0 int) []uint64 {
	w, p, lab := s.tw, s.tp, s.lab
	s0h, s0h2 := -1, -1
	if s0 != s.n {
		s0h = s.head[s0]
		if s0h >= 0 && s0h < s.n {
			s0h2 = s.head[s0h]
		}
	}
	s0l, s0r, s0l2, s0r2 := s.lc1[s0], s.rc1[s0], s.lc2[s0], s.rc2[s0]
	vl0, vr0 := uint64(min(s.nl[s0], 4)), uint64(min(s.nr[s0], 4))
	S0w, S0p := w(s0), p(s0)
	m := pos.Mix
	return append(dst,
		m(pS0wvr, S0w, vr0), m(pS0pvr, S0p, vr0), m(pS0wvl, S0w, vl0), m(pS0pvl, S0p, vl0),
		m(pS0hw, w(s0h), 0), m(pS0hp, p(s0h), 0), m(pS0l, lab(s0), 0),
		m(pS0lw, w(s0l), 0), m(pS0lp, p(s0l), 0), m(pS0ll, lab(s0l), 0),
		m(pS0rw, w(s0r), 0), m(pS0rp, p(s0r), 0), m(pS0rl, lab(s0r), 0),
		m(pS0h2p, p(s0h2), 0), m(pS0l2p, p(s0l2), 0), m(pS0r2p, p(s0r2), 0),
		m(pS0pS0lpS0l2p, tri(S0p, p(s0l), p(s0l2)), 0),
		m(pS0pS0rpS0r2p, tri(S0p, p(s0r), p(s0r2)), 0),
	)
}

// bufTreeFeatures appends the features of the buffer front and its left
// children, which change only when b moves or gets a left child.
func (s *state) bufTreeFeatures(dst []uint64) []uint64 {
	w, p, lab := s.tw, s.tp, s.lab
	n0, _, _ := s.buf()
	n0l, n0l2, vln := -1, -1, uint64(hNone)
	if n0 >= 0 {
		n0l, n0l2, vln = s.lc1[n0], s.lc2[n0], uint64(min(s.nl[n0], 4))
	}
	N0w, N0p := w(n0), p(n0)
	m := pos.Mix
	return append(dst,
		m(pN0wvl, N0w, vln), m(pN0pvl, N0p, vln),
		m(pN0lw, w(n0l), 0), m(pN0lp, p(n0l), 0), m(pN0ll, lab(n0l), 0),
		m(pN0l2p, p(n0l2), 0),
		m(pN0pN0lpN0l2p, tri(N0p, p(n0l), p(n0l2)), 0),
	)
}

// otherFeatures appends the features that combine s0 with the buffer or
// s1.
func (s *state) otherFeatures(dst []uint64) []uint64 {
	w, p, u, c, lab := s.tw, s.tp, s.tu, s.tc, s.lab
	at := func(x []int, i int) int {
		if i < 0 {
			return -1
		}
		return x[i]
	}
	s0 := s.s0()
	s1 := -1
	if len(s.stack) > 1 {
		s1 = s.stack[len(s.stack)-2]
	}
	n0, n1, _ := s.buf()
	s0h := at(s.head, s0)
	if s0 == s.n {
		s0h = -1
	}
	s0l, s0r, n0l := at(s.lc1, s0), at(s.rc1, s0), at(s.lc1, n0)
	var d uint64 = hNone
	if n0 >= 0 && s0 != s.n {
		d = uint64(min(n0-s0, 8))
	}
	S0w, S0p, N0w, N0p, N1p := w(s0), p(s0), w(n0), p(n0), p(n1)
	S0wp, N0wp := tri(0, S0w, S0p), tri(0, N0w, N0p)
	m := pos.Mix
	return append(dst,
		m(pS0wpN0wp, S0wp, N0wp), m(pS0wpN0w, S0wp, N0w), m(pS0wN0wp, S0w, N0wp),
		m(pS0wpN0p, S0wp, N0p), m(pS0pN0wp, S0p, N0wp), m(pS0wN0w, S0w, N0w), m(pS0pN0p, S0p, N0p),
		m(pS0pN0pN1p, tri(S0p, N0p, N1p), 0),
		m(pS0hpS0pN0p, tri(p(s0h), S0p, N0p), 0),
		m(pS0pS0lpN0p, tri(S0p, p(s0l), N0p), 0),
		m(pS0pS0rpN0p, tri(S0p, p(s0r), N0p), 0),
		m(pS0pN0pN0lp, tri(S0p, N0p, p(n0l)), 0),
		m(pS0wd, S0w, d), m(pS0pd, S0p, d), m(pN0wd, N0w, d), m(pN0pd, N0p, d),
		m(pS0wN0wd, tri(S0w, N0w, d), 0), m(pS0pN0pd, tri(S0p, N0p, d), 0),
		m(pS1p, p(s1), 0), m(pS1pS0pN0p, tri(p(s1), S0p, N0p), 0), m(pS1wS0p, w(s1), S0p),
		m(pS0cN0c, c(s0), c(n0)), m(pS0pN0c, S0p, c(n0)), m(pS0cN0p, c(s0), N0p),
		m(pS0uN0u, u(s0), u(n0)),
		m(pS1uS0uN0u, tri(u(s1), u(s0), u(n0)), 0),
		m(pS0hl, tri(lab(s0), S0p, N0p), 0),
	)
}

func (s *state) prepare(words []Input, cl *vectors.Clusters) {
	s.toks = s.toks[:0]
	for _, in := range words {
		f := pos.Fold(in.Form)
		lb := s.lower[:0]
		for i := 0; i < len(f); i++ {
			b := f[i]
			if 'A' <= b && b <= 'Z' {
				b += 'a' - 'A'
			}
			lb = append(lb, b)
		}
		s.lower = lb
		var t ptok
		t.w = hashBytes(lb)
		t.p = pos.HashString(in.XPOS) ^ pos.HashString(in.UPOS)<<1
		t.u = pos.HashString(in.UPOS)
		t.cl = hNone
		if cl != nil && len(lb) > 0 && utf8.Valid(lb) {
			// The lookup does not keep the string.
			if c, ok := cl.Lookup(unsafe.String(&lb[0], len(lb))); ok {
				t.cl = uint64(c[1]) + 1
			}
		}
		s.toks = append(s.toks, t)
	}
}

func hashBytes(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// Parse writes each word's head (index into words, -1 for the root) and
// relation into heads and deps (both len(words)).
func (p *Parser) Parse(words []Input, heads []int, deps []string) {
	var s state
	p.parse(&s, words, heads, deps)
}

func (p *Parser) parse(s *state, words []Input, heads []int, deps []string) {
	n := len(words)
	if n == 0 {
		return
	}
	s.prepare(words, p.clusters)
	s.reset(n)
	na := 2 + 2*len(p.labels)
	s.scores = slices.Grow(s.scores[:0], na)[:na]
	scores := s.scores
	// The scores are sums of integers, exact in any grouping, so the
	// bias and buffer features are scored once per buffer front and the
	// stack-top word's own features once per word.
	s.bufSum = slices.Grow(s.bufSum[:0], na)[:na]
	s.topSum = slices.Grow(s.topSum[:0], (n+1)*na)[:(n+1)*na]
	s.topDone = slices.Grow(s.topDone[:0], n+1)[:n+1]
	clear(s.topDone)
	// The stack top's tree features are kept per word with the part of
	// the tree they read (a left-arc uncovers a word whose tree has not
	// changed since it was last on top), the buffer front's tree features
	// for the current front and its left children (unchanged by reduce).
	s.treeSum = slices.Grow(s.treeSum[:0], (n+1)*na)[:(n+1)*na]
	s.treeSig = slices.Grow(s.treeSig[:0], n+1)[:n+1]
	s.bufTreeSum = slices.Grow(s.bufTreeSum[:0], na)[:na]
	for i := range s.treeSig {
		s.treeSig[i][0] = -2 // no head is -2: never matches
	}
	bufFor := -1
	bufTreeFor := [4]int{-1}
	for s.b < n {
		if s.b != bufFor {
			s.feats = append(s.feats[:0], pos.Mix(pBias, 0, 0))
			s.feats = s.bufferFeatures(s.feats)
			p.model.Score(s.feats, s.bufSum)
			bufFor = s.b
		}
		s0 := s.s0()
		top := s.topSum[s0*na : (s0+1)*na]
		if !s.topDone[s0] {
			s.feats = s.topFeatures(s.feats[:0], s0)
			p.model.Score(s.feats, top)
			s.topDone[s0] = true
		}
		tree := s.treeSum[s0*na : (s0+1)*na]
		if sig := s.s0sig(s0); sig != s.treeSig[s0] {
			s.feats = s.topTreeFeatures(s.feats[:0], s0)
			p.model.Score(s.feats, tree)
			s.treeSig[s0] = sig
		}
		if k := [4]int{s.b, s.lc1[s.b], s.lc2[s.b], s.nl[s.b]}; k != bufTreeFor {
			s.feats = s.bufTreeFeatures(s.feats[:0])
			p.model.Score(s.feats, s.bufTreeSum)
			bufTreeFor = k
		}
		s.feats = s.otherFeatures(s.feats[:0])
		p.model.Score(s.feats, scores)
		bt := s.bufTreeSum[:na]
		for a, x := range s.bufSum[:na] {
			scores[a] += x + top[a] + tree[a] + bt[a]
		}
		best := -1
		for a := range na {
			if (best < 0 || scores[a] > scores[best]) && s.valid(a) {
				best = a
			}
		}
		s.apply(best)
	}
	p.finish(s, heads, deps)
}

// finish attaches words left without a head and keeps a single root.
func (p *Parser) finish(s *state, heads []int, deps []string) {
	n := s.n
	root := -1
	for i := range n {
		if s.head[i] == n && p.labels[s.label[i]] == "root" {
			root = i
			break
		}
	}
	for i := range n {
		if (s.head[i] == -1 || s.head[i] == n) && root == -1 {
			root = i
		}
	}
	for i := range n {
		switch {
		case i == root:
			heads[i], deps[i] = -1, "root"
		case s.head[i] == -1 || s.head[i] == n:
			heads[i], deps[i] = root, "parataxis"
			if s.head[i] == n && p.labels[s.label[i]] != "root" {
				deps[i] = p.labels[s.label[i]]
			}
		default:
			heads[i], deps[i] = s.head[i], p.labels[s.label[i]]
		}
	}
}

// ParseOptions control parser training.
type ParseOptions struct {
	Epochs   int
	Seed     uint64
	Clusters *vectors.Clusters
	Prune    float32
	// Explore is the probability of following the model's own (possibly
	// wrong) transition after the first epoch.
	Explore float64
}

// TrainSentence is one training sentence: inputs (with predicted tags) and
// gold heads (-1 root) and relations.
type TrainSentence struct {
	Words []Input
	Heads []int
	Deps  []string
}

// TrainParser learns a parser, deterministically for a given input order
// and seed.
func TrainParser(sents []TrainSentence, opt ParseOptions, log io.Writer) (*Parser, error) {
	if len(sents) == 0 {
		return nil, errors.New("chunk: no training sentences")
	}
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	p := &Parser{clusters: opt.Clusters}
	labelOf := map[string]int{}
	gl := make([][]int, len(sents))
	for i, s := range sents {
		gl[i] = make([]int, len(s.Deps))
		for j, d := range s.Deps {
			l, ok := labelOf[d]
			if !ok {
				l = len(p.labels)
				labelOf[d] = l
				p.labels = append(p.labels, d)
			}
			gl[i][j] = l
		}
	}
	na := 2 + 2*len(p.labels)
	names := make([]string, na)
	names[actShift], names[actReduce] = "shift", "reduce"
	for l, d := range p.labels {
		names[2+2*l], names[3+2*l] = "left:"+d, "right:"+d
	}
	tr := pos.NewTrainer(names)
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x70617273))
	var s state
	scores := make([]float32, na)
	costs := make([]int, na)
	gh := []int{}
	for ep := range opt.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		ok, total := 0, 0
		for _, si := range order {
			ts := sents[si]
			n := len(ts.Words)
			gh = gh[:0]
			for _, h := range ts.Heads {
				if h < 0 {
					h = n
				}
				gh = append(gh, h)
			}
			s.prepare(ts.Words, p.clusters)
			s.reset(n)
			for s.b < n {
				s.features()
				tr.Score(s.feats, scores)
				pred, gold, minCost := -1, -1, 1<<30
				for a := range na {
					if !s.valid(a) {
						costs[a] = -1
						continue
					}
					costs[a] = s.cost(a, gh, gl[si])
					minCost = min(minCost, costs[a])
					if pred < 0 || scores[a] > scores[pred] {
						pred = a
					}
				}
				for a := range na {
					if costs[a] == minCost && (gold < 0 || scores[a] > scores[gold]) {
						gold = a
					}
				}
				if costs[pred] != minCost {
					tr.Update(s.feats, gold, pred)
				} else {
					ok++
				}
				tr.Tick()
				total++
				next := gold
				if ep > 0 && costs[pred] != minCost && rng.Float64() < opt.Explore {
					next = pred
				}
				s.apply(next)
			}
		}
		if log != nil {
			fmt.Fprintf(log, "parse: epoch %d transition accuracy %.4f\n", ep+1, float64(ok)/float64(total))
		}
	}
	p.model = tr.Model(opt.Prune)
	return p, nil
}

// cost is the number of gold arcs (and labels) that action a makes
// unreachable: the arc-eager dynamic oracle of Goldberg and Nivre (2012).
func (s *state) cost(a int, gh, gl []int) int {
	s0, b := s.s0(), s.b
	c := 0
	switch {
	case a == actShift:
		for _, k := range s.stack {
			if gh[b] == k {
				c++
			}
			if k != s.n && s.head[k] == -1 && gh[k] == b {
				c++
			}
		}
	case a == actReduce:
		for k := b; k < s.n; k++ {
			if gh[k] == s0 {
				c++
			}
		}
	case a%2 == 0: // left: s0 <- b
		if gh[s0] > b && gh[s0] < s.n {
			c++
		}
		for k := b; k < s.n; k++ {
			if gh[k] == s0 {
				c++
			}
		}
		if gh[s0] == b && gl[s0] != (a-2)/2 {
			c++
		}
	default: // right: s0 -> b
		if gh[b] != s0 {
			if gh[b] > b && gh[b] < s.n {
				c++
			} else if slices.Contains(s.stack, gh[b]) {
				c++
			}
		} else if gl[b] != (a-3)/2 {
			c++
		}
		for _, k := range s.stack {
			if k != s.n && s.head[k] == -1 && gh[k] == b {
				c++
			}
		}
	}
	return c
}

const parserMagic = "SRPP1\n"

// WriteTo writes the parser gzipped.
func (p *Parser) WriteTo(w io.Writer) (int64, error) {
	e := pos.NewEncoder(w)
	e.WriteString(parserMagic)
	e.Uvarint(uint64(len(p.labels)))
	for _, l := range p.labels {
		e.String(l)
	}
	e.Flag(p.clusters != nil)
	e.Model(p.model)
	return 0, e.Close()
}

// ReadParser reads a parser written by WriteTo; cl must be the clusters it
// was trained with, if any.
func ReadParser(r io.Reader, cl *vectors.Clusters) (*Parser, error) {
	d, err := pos.NewDecoder(r)
	if err != nil {
		return nil, fmt.Errorf("chunk: reading parser: %w", err)
	}
	if string(d.Bytes(len(parserMagic))) != parserMagic {
		return nil, errors.New("chunk: not a parser file")
	}
	nl := d.Uvarint()
	if nl > 1<<10 {
		return nil, errors.New("chunk: bad parser header")
	}
	p := &Parser{}
	for range nl {
		p.labels = append(p.labels, d.String(256))
	}
	if d.Uvarint() == 1 {
		if cl == nil {
			return nil, errors.New("chunk: parser needs word clusters")
		}
		p.clusters = cl
	}
	if d.Err() != nil {
		return nil, fmt.Errorf("chunk: reading parser: %w", d.Err())
	}
	if p.model, err = d.Model(); err != nil {
		return nil, fmt.Errorf("chunk: reading parser: %w", err)
	}
	if len(p.model.Classes) != 2+2*len(p.labels) {
		return nil, errors.New("chunk: parser labels and model differ")
	}
	return p, nil
}

// Pruned returns a copy of p whose model is pruned (see pos.Model.Pruned).
func (p *Parser) Pruned(min, step float32) *Parser {
	q := *p
	q.model = p.model.Pruned(min, step)
	return &q
}
