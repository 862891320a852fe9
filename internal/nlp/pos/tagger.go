// Package pos tags tokens with Universal and Penn Treebank parts of speech
// using an averaged perceptron trained on UD English EWT and GUM.
package pos

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/sitrep/sitrep/internal/nlp/vectors"
)

// Tagger predicts a combined UPOS/XPOS class per word. It is read-only
// after construction and safe for concurrent use.
type Tagger struct {
	model *Model
	// model2 is the second pass, which also sees the first pass's tags of
	// the words to the right.
	model2 *Model
	// dict maps a lower-cased word to its UPOS ambiguity class (low 32
	// bits) and, for frequent unambiguous words, its class+1 (high bits).
	dict     map[string]uint64
	clusters *vectors.Clusters
	upos     []string
	xpos     []string
	// sure: see the constant; a field so that evaluation can vary it.
	sure float32
	// foldDicts are copies with jackknifed dictionaries, during training.
	foldDicts []*Tagger
}

// Class returns the UPOS and XPOS of class c.
func (t *Tagger) Class(c int) (upos, xpos string) { return t.upos[c], t.xpos[c] }

// NumClasses returns the number of classes.
func (t *Tagger) NumClasses() int { return len(t.upos) }

// uposIndex gives each universal tag a bit in ambiguity classes.
var uposIndex = map[string]int{"ADJ": 0, "ADP": 1, "ADV": 2, "AUX": 3, "CCONJ": 4, "DET": 5, "INTJ": 6, "NOUN": 7, "NUM": 8, "PART": 9, "PRON": 10, "PROPN": 11, "PUNCT": 12, "SCONJ": 13, "SYM": 14, "VERB": 15, "X": 16}

// Fold maps typographic quotes, dashes and ellipses to the ASCII forms the
// model was trained on; it returns s itself when nothing changes.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '‘', '’', '‚', '‛', '′':
			b.WriteByte('\'')
		case '“', '”', '„', '‟', '″', '«', '»':
			b.WriteByte('"')
		case '–', '‐', '‑', '‒':
			b.WriteByte('-')
		case '—', '―':
			b.WriteString("--")
		case '…':
			b.WriteString("...")
		case '\u00a0':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// tok holds the hashed parts of one word, computed once per sentence.
type tok struct {
	w, s1, s2, s3, s4, p1, p3, shape, amb, cl, form uint64
	direct                                          int32 // class+1 for dictionary words
	// unk holds extra parts of words outside the dictionary (0: none).
	unk [4]uint64
}

// Feature templates.
const (
	fBias = iota + 1
	fW
	fS1
	fS2
	fS3
	fS4
	fP1
	fP3
	fShape
	fT1
	fT2
	fT12
	fT1W
	fWm1
	fS3m1
	fWm2
	fWp1
	fS3p1
	fWp2
	fAmb
	fAmbP1
	fAmbP2
	fAmbAmbP1
	fWWp1
	fWm1W
	fShapeP1
	fT1Shape
	fCl
	fClm1
	fClp1
	fT1AmbP1
	fS3m1W
	fForm
	fT1Wp1
	fWS3p1
	fS3m1S3p1
	fAmbm1
	fR1
	fR2
	fR12
	fT1R1
	fR1W
	fR1S3
	fUnkS5
	fUnkP2
	fUnkP4
	fUnkHyph
	// Four templates tried and dropped (context clusters, ambiguity
	// class by shape) keep their numbers: the keys of the trained
	// weights depend on the numbers that follow.
	_
	_
	_
	_
	fR2W
)

const (
	hStart = 0x5354415254 // sentence padding values
	hEnd   = 0x454e44
	hUnk   = 0x554e4b
)

// scratch is per-call working memory.
type scratch struct {
	toks   []tok
	lower  []byte
	feats  []uint64
	scores []float32
	right  []int
	margin []float32 // first-pass score margins
}

func (t *Tagger) prepare(words []string, sc *scratch) {
	sc.toks = sc.toks[:0]
	for i, w := range words {
		sc.toks = append(sc.toks, t.wordParts(w, i == 0, sc))
	}
}

func (t *Tagger) wordParts(w string, first bool, sc *scratch) tok {
	w = Fold(w)
	lb := sc.lower[:0]
	cased := false
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
				cased = true
			}
			lb = append(lb, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		lr := unicode.ToLower(r)
		cased = cased || lr != r
		lb = utf8.AppendRune(lb, lr)
		i += n
	}
	sc.lower = lb
	var k tok
	k.w = hashBytes(lb)
	if cased {
		// The cased form adds to the word's identity only when it
		// differs from the lower-cased one; skipping it otherwise saves
		// a lookup for most words.
		k.form = HashString(w)
	}
	k.s1 = hashBytes(suffix(lb, 1))
	k.s2 = hashBytes(suffix(lb, 2))
	k.s3 = hashBytes(suffix(lb, 3))
	k.s4 = hashBytes(suffix(lb, 4))
	k.p1 = hashBytes(prefix(lb, 1))
	k.p3 = hashBytes(prefix(lb, 3))
	k.shape = shapeHash(w, first)
	if d, ok := t.dict[string(lb)]; ok {
		k.amb = d&0xffffffff | 1<<40
		k.direct = int32(d >> 32)
	} else {
		// Words outside the dictionary (which leaves out training
		// hapaxes) lose their identity, so that training sees unknown
		// words the way tagging does.
		k.w, k.form = hUnk, 0
		k.unk[0] = hashBytes(suffix(lb, 5))
		k.unk[1] = hashBytes(prefix(lb, 2))
		k.unk[2] = hashBytes(prefix(lb, 4))
		// A hyphenated word is tagged much like its last part.
		if j := lastHyphen(lb); j > 0 && j < len(lb)-1 {
			last := lb[j+1:]
			if d, ok := t.dict[unsafe.String(&last[0], len(last))]; ok {
				k.unk[3] = d&0xffffffff | 1<<40
			} else {
				k.unk[3] = hashBytes(suffix(last, 3))
			}
		}
	}
	if t.clusters != nil && len(lb) > 0 {
		// The lookup does not keep the string, so the scratch bytes can back it.
		if c, ok := t.clusters.Lookup(unsafe.String(&lb[0], len(lb))); ok {
			k.cl = uint64(c[1]) + 1 | (uint64(c[2])+1)<<16
		}
	}
	return k
}

// lastHyphen returns the index of the last '-' in b, or -1.
func lastHyphen(b []byte) int {
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == '-' {
			return i
		}
	}
	return -1
}

func hashBytes(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

func suffix(b []byte, n int) []byte {
	i := len(b)
	for ; n > 0 && i > 0; n-- {
		i--
		for i > 0 && !utf8.RuneStart(b[i]) {
			i--
		}
	}
	return b[i:]
}

func prefix(b []byte, n int) []byte {
	i := 0
	for ; n > 0 && i < len(b); n-- {
		_, sz := utf8.DecodeRune(b[i:])
		i += sz
	}
	return b[:i]
}

// shapeHash hashes the word's character classes (X x d and punctuation),
// runs longer than two collapsed, plus whether it starts the sentence.
func shapeHash(w string, first bool) uint64 {
	h := uint64(14695981039346656037)
	if first {
		h ^= 1
		h *= 1099511628211
	}
	var p1, p2 rune = -1, -1
	n := 0
	for _, r := range w {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case unicode.IsLetter(r):
			c = 'l'
		default:
			c = r
		}
		if c == p1 && c == p2 {
			continue
		}
		p2, p1 = p1, c
		h ^= uint64(c)
		h *= 1099511628211
		if n++; n > 8 {
			break
		}
	}
	return h
}

// features appends the feature keys of word i given the two previous
// predicted classes.
func features(dst []uint64, ts []tok, i, t1, t2 int, right []int) []uint64 {
	get := func(j int) *tok {
		if j >= 0 && j < len(ts) {
			return &ts[j]
		}
		return nil
	}
	w := &ts[i]
	var wm1, wm2, wp1, wp2, s3m1, s3p1, ambp1, ambp2, shp1, clm1, clp1, ambm1 uint64 = hStart, hStart, hEnd, hEnd, hStart, hEnd, hEnd, hEnd, hEnd, hStart, hEnd, hStart
	if p := get(i - 1); p != nil {
		wm1, s3m1, clm1, ambm1 = p.w, p.s3, p.cl, p.amb
	}
	if p := get(i - 2); p != nil {
		wm2 = p.w
	}
	if p := get(i + 1); p != nil {
		wp1, s3p1, ambp1, shp1, clp1 = p.w, p.s3, p.amb, p.shape, p.cl
	}
	if p := get(i + 2); p != nil {
		wp2, ambp2 = p.w, p.amb
	}
	T1, T2 := uint64(t1+2), uint64(t2+2)
	dst = append(dst,
		Mix(fBias, 0, 0),
		Mix(fW, w.w, 0),
		Mix(fS1, w.s1, 0),
		Mix(fS2, w.s2, 0),
		Mix(fS3, w.s3, 0),
		Mix(fS4, w.s4, 0),
		Mix(fP1, w.p1, 0),
		Mix(fP3, w.p3, 0),
		Mix(fShape, w.shape, 0),
		Mix(fT1, T1, 0),
		Mix(fT2, T2, 0),
		Mix(fT12, T1, T2),
		Mix(fT1W, T1, w.w),
		Mix(fWm1, wm1, 0),
		Mix(fS3m1, s3m1, 0),
		Mix(fWm2, wm2, 0),
		Mix(fWp1, wp1, 0),
		Mix(fS3p1, s3p1, 0),
		Mix(fWp2, wp2, 0),
		Mix(fAmb, w.amb, 0),
		Mix(fAmbP1, ambp1, 0),
		Mix(fAmbP2, ambp2, 0),
		Mix(fAmbAmbP1, w.amb, ambp1),
		Mix(fWWp1, w.w, wp1),
		Mix(fWm1W, wm1, w.w),
		Mix(fShapeP1, shp1, 0),
		Mix(fT1Shape, T1, w.shape),
		Mix(fT1AmbP1, T1, ambp1),
		Mix(fS3m1W, s3m1, w.s3),
		Mix(fT1Wp1, T1, wp1),
		Mix(fWS3p1, w.w, s3p1),
		Mix(fS3m1S3p1, s3m1, s3p1),
		Mix(fAmbm1, ambm1, w.amb),
	)
	if w.form != 0 {
		dst = append(dst, Mix(fForm, w.form, 0))
	}
	if right != nil {
		r1, r2 := uint64(hEnd), uint64(hEnd)
		if i+1 < len(right) {
			r1 = uint64(right[i+1] + 2)
		}
		if i+2 < len(right) {
			r2 = uint64(right[i+2] + 2)
		}
		dst = append(dst, Mix(fR1, r1, 0), Mix(fR2, r2, 0), Mix(fR12, r1, r2), Mix(fT1R1, T1, r1), Mix(fR1W, r1, w.w), Mix(fR1S3, r1, w.s3), Mix(fR2W, r2, w.w))
	}
	if w.unk[0] != 0 {
		dst = append(dst, Mix(fUnkS5, w.unk[0], 0), Mix(fUnkP2, w.unk[1], 0), Mix(fUnkP4, w.unk[2], 0))
		if w.unk[3] != 0 {
			dst = append(dst, Mix(fUnkHyph, w.unk[3], 0))
		}
	}
	if w.cl != 0 {
		dst = append(dst, Mix(fCl, w.cl, 0), Mix(fCl, w.cl&0xffff, 1), Mix(fClm1, clm1&0xffff, w.cl&0xffff), Mix(fClp1, w.cl&0xffff, clp1&0xffff))
	}
	return dst
}

// Tag writes the predicted class of each word to out (len(words)).
func (t *Tagger) Tag(words []string, out []int) {
	var sc scratch
	t.tag(words, out, &sc)
}

func (t *Tagger) tag(words []string, out []int, sc *scratch) {
	t.prepare(words, sc)
	t.decode(t.model, nil, out, sc)
	if t.model2 != nil {
		sc.right = append(sc.right[:0], out...)
		t.decode(t.model2, sc.right, out, sc)
	}
}

// sure is the first-pass score margin above which the second pass keeps
// the first pass's tag without scoring the word again: most words are
// easy. At 6 the second pass rescores about 3% of the words and gets
// most of its gain (UD EWT dev UPOS 95.55%, against 95.65% rescoring
// every word at twice the cost, and 95.39% at 2).
const sure = 6

// decode tags the prepared words greedily left to right with m.
func (t *Tagger) decode(m interface{ Score([]uint64, []float32) }, right, out []int, sc *scratch) {
	if cap(sc.scores) < len(t.upos) {
		sc.scores = make([]float32, len(t.upos))
	}
	scores := sc.scores[:len(t.upos)]
	if right == nil {
		sc.margin = slices.Grow(sc.margin[:0], len(sc.toks))[:len(sc.toks)]
	}
	t1, t2 := -1, -2
	for i := range sc.toks {
		c := int(sc.toks[i].direct) - 1
		switch {
		case c >= 0:
			if right == nil {
				sc.margin[i] = 1e9
			}
		case right != nil && sc.margin[i]*t.model.unit > t.sure:
			c = right[i]
		default:
			sc.feats = features(sc.feats[:0], sc.toks, i, t1, t2, right)
			m.Score(sc.feats, scores)
			if right == nil {
				c, sc.margin[i] = top2(scores)
			} else {
				c = argmax(scores)
			}
		}
		out[i] = c
		t2, t1 = t1, c
	}
}

// top2 returns argmax(s) and the margin of its score over the next best,
// in one pass over s.
func top2(s []float32) (int, float32) {
	b, best, second := 0, s[0], float32(-1e30)
	for i := 1; i < len(s); i++ {
		switch x := s[i]; {
		case x > best:
			b, best, second = i, x, best
		case x > second:
			second = x
		}
	}
	return b, best - second
}

func argmax(s []float32) int {
	b := 0
	for i, x := range s {
		if x > s[b] {
			b = i
		}
	}
	return b
}

// TrainOptions control tagger training.
type TrainOptions struct {
	Epochs int
	Seed   uint64
	// Clusters gives word-cluster features (optional; the tagger must be
	// given the same clusters when loaded).
	Clusters *vectors.Clusters
	// MinCount is the number of occurrences a word needs to enter the
	// tag dictionary (default 2); rarer words are tagged as unknown ones,
	// in training too.
	MinCount int
	// Folds > 1 trains a second pass on jackknifed first-pass tags.
	Folds int
	// UPOSOnly predicts universal tags only (no XPOS).
	UPOSOnly bool
	// Prune drops averaged weights smaller than this.
	Prune float32
	// DictFolds > 1 jackknifes the tag dictionary in training: a sentence
	// is trained with the dictionary of the other folds, so that training
	// sees ambiguity classes and unknown words the way tagging does,
	// rather than classes that always contain the gold tag.
	DictFolds int
}

// Train learns a tagger from sentences. Training is deterministic for a
// given input order and seed.
func Train(sents []Sentence, opt TrainOptions, log io.Writer) (*Tagger, error) {
	if len(sents) == 0 {
		return nil, errors.New("pos: no training sentences")
	}
	if opt.Epochs <= 0 {
		opt.Epochs = 8
	}
	// Classes in order of first appearance, for determinism.
	classOf := map[string]int{}
	t := &Tagger{sure: sure}
	gold := make([][]int, len(sents))
	wc := map[string]map[int]int{}
	for si, s := range sents {
		g := make([]int, len(s.Words))
		for i, w := range s.Words {
			key := w.UPOS + "/" + w.XPOS
			if opt.UPOSOnly {
				key, w.XPOS = w.UPOS, ""
			}
			c, ok := classOf[key]
			if !ok {
				c = len(t.upos)
				classOf[key] = c
				t.upos = append(t.upos, w.UPOS)
				t.xpos = append(t.xpos, w.XPOS)
			}
			g[i] = c
			lw := lowerString(Fold(w.Form))
			m := wc[lw]
			if m == nil {
				m = map[int]int{}
				wc[lw] = m
			}
			m[c]++
		}
		gold[si] = g
	}
	if opt.MinCount == 0 {
		opt.MinCount = 2
	}
	t.dict = buildDict(wc, t.upos, opt.MinCount)
	t.clusters = opt.Clusters
	if opt.DictFolds > 1 {
		t.foldDicts = make([]*Tagger, opt.DictFolds)
		for k := range opt.DictFolds {
			fc := map[string]map[int]int{}
			for si, s := range sents {
				if si%opt.DictFolds == k {
					continue
				}
				for i, w := range s.Words {
					lw := lowerString(Fold(w.Form))
					m := fc[lw]
					if m == nil {
						m = map[int]int{}
						fc[lw] = m
					}
					m[gold[si][i]]++
				}
			}
			ft := *t
			ft.dict = buildDict(fc, t.upos, opt.MinCount)
			t.foldDicts[k] = &ft
		}
		defer func() { t.foldDicts = nil }()
	}
	names := make([]string, len(t.upos))
	for i := range names {
		names[i] = t.upos[i] + "/" + t.xpos[i]
	}
	all := make([]int, len(sents))
	for i := range all {
		all[i] = i
	}
	t.model = t.trainPass(names, sents, gold, all, nil, opt, log)
	if opt.Folds > 1 {
		// Jackknife: tag each fold with a first pass trained on the others,
		// so the second pass learns from realistic right-context tags.
		right := make([][]int, len(sents))
		var sc scratch
		for k := 0; k < opt.Folds; k++ {
			var in []int
			for i := range sents {
				if i%opt.Folds != k {
					in = append(in, i)
				}
			}
			m := t.trainPass(names, sents, gold, in, nil, opt, nil)
			for i := k; i < len(sents); i += opt.Folds {
				t.trainTagger(i).prepare(forms(sents[i]), &sc)
				right[i] = make([]int, len(sents[i].Words))
				t.decode(m, nil, right[i], &sc)
			}
			if log != nil {
				fmt.Fprintf(log, "pos: jackknife fold %d done\n", k+1)
			}
		}
		t.model2 = t.trainPass(names, sents, gold, all, right, opt, log)
	}
	t.layout()
	return t, nil
}

// trainTagger returns the tagger whose dictionary training uses for
// sentence si.
func (t *Tagger) trainTagger(si int) *Tagger {
	if len(t.foldDicts) == 0 {
		return t
	}
	return t.foldDicts[si%len(t.foldDicts)]
}

func forms(s Sentence) []string {
	out := make([]string, len(s.Words))
	for i, w := range s.Words {
		out[i] = w.Form
	}
	return out
}

// trainPass trains one pass's model on the sentences listed in use.
func (t *Tagger) trainPass(names []string, sents []Sentence, gold [][]int, use []int, right [][]int, opt TrainOptions, log io.Writer) *Model {
	tr := NewTrainer(names)
	order := slices.Clone(use)
	rng := rand.New(rand.NewPCG(opt.Seed, 0x706f73))
	var sc scratch
	scores := make([]float32, len(names))
	for ep := 0; ep < opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		ok, total := 0, 0
		for _, si := range order {
			t.trainTagger(si).prepare(forms(sents[si]), &sc)
			var r []int
			if right != nil {
				r = right[si]
			}
			t1, t2 := -1, -2
			for i := range sc.toks {
				// Train on every word, dictionary words included, so the
				// weights also cover them if the dictionary changes.
				sc.feats = features(sc.feats[:0], sc.toks, i, t1, t2, r)
				tr.Score(sc.feats, scores)
				p := argmax(scores)
				g := gold[si][i]
				tr.Update(sc.feats, g, p)
				tr.Tick()
				if p == g {
					ok++
				}
				total++
				t2, t1 = t1, p
			}
		}
		if log != nil {
			fmt.Fprintf(log, "pos: epoch %d train accuracy %.4f\n", ep+1, float64(ok)/float64(total))
		}
	}
	return tr.Model(opt.Prune)
}

func lowerString(s string) string { return strings.ToLower(s) }

// buildDict records each word seen minCount times: its UPOS ambiguity class (tags with at least
// 5% of its occurrences) and, for words seen 20+ times with one class 99%
// of the time, that class.
func buildDict(wc map[string]map[int]int, upos []string, minCount int) map[string]uint64 {
	d := make(map[string]uint64, len(wc))
	for w, m := range wc {
		n := 0
		for _, k := range m {
			n += k
		}
		if n < minCount {
			continue
		}
		var mask uint64
		best, bestN := -1, 0
		for c, k := range m {
			if k*20 >= n {
				mask |= 1 << uposIndex[upos[c]]
			}
			if k > bestN || (k == bestN && c < best) {
				best, bestN = c, k
			}
		}
		v := mask
		if n >= 20 && bestN*100 >= n*99 {
			v |= uint64(best+1) << 32
		}
		d[w] = v
	}
	return d
}

const taggerMagic = "SRPT1\n"

// WriteTo writes the tagger gzipped.
func (t *Tagger) WriteTo(w io.Writer) (int64, error) {
	e := NewEncoder(w)
	uv, str := e.Uvarint, e.String
	e.WriteString(taggerMagic)
	uv(uint64(len(t.upos)))
	for i := range t.upos {
		str(t.upos[i])
		str(t.xpos[i])
	}
	writeMap := func(m map[string]uint64) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		uv(uint64(len(keys)))
		for _, k := range keys {
			str(k)
			uv(m[k])
		}
	}
	writeMap(t.dict)
	e.Flag(t.clusters != nil)
	e.Model(t.model)
	e.Flag(t.model2 != nil)
	if t.model2 != nil {
		e.Model(t.model2)
	}
	return 0, e.Close()
}

// ReadTagger reads a tagger written by WriteTo; cl must be the clusters it
// was trained with, if any.
func ReadTagger(r io.Reader, cl *vectors.Clusters) (*Tagger, error) {
	d, err := NewDecoder(r)
	if err != nil {
		return nil, fmt.Errorf("pos: reading tagger: %w", err)
	}
	if string(d.Bytes(len(taggerMagic))) != taggerMagic {
		return nil, errors.New("pos: not a tagger file")
	}
	t := &Tagger{sure: sure}
	nc := d.Uvarint()
	if nc > 1<<12 {
		return nil, errors.New("pos: bad tagger header")
	}
	for range nc {
		t.upos = append(t.upos, d.String(64))
		t.xpos = append(t.xpos, d.String(64))
	}
	n := d.Uvarint()
	if n > uint64(len(d.b)) {
		return nil, errors.New("pos: bad dictionary size")
	}
	t.dict = make(map[string]uint64, n)
	for range n {
		k := d.String(1 << 12)
		t.dict[k] = d.Uvarint()
	}
	if d.Uvarint() == 1 {
		if cl == nil {
			return nil, errors.New("pos: tagger needs word clusters")
		}
		t.clusters = cl
	}
	if d.err != nil {
		return nil, fmt.Errorf("pos: reading tagger: %w", d.err)
	}
	if t.model, err = d.Model(); err != nil {
		return nil, err
	}
	if d.Uvarint() == 1 {
		if t.model2, err = d.Model(); err != nil {
			return nil, err
		}
	}
	if len(t.model.Classes) != len(t.upos) || (t.model2 != nil && len(t.model2.Classes) != len(t.upos)) {
		return nil, errors.New("pos: tagger and model classes differ")
	}
	t.layout()
	return t, nil
}

// denseFrom is the number of weights from which a tagger feature gets a
// dense row (see Model.DenseFrom): with about 50 classes a row is two
// cache lines, and below 20 weights a spilled list is cheaper (cachegrind
// on EWT dev: 1% fewer instructions, 9% fewer L1 and 12% fewer L2 misses
// than from 12). Scores are unchanged.
const denseFrom = 20

// layout lays the models' weights out for tagging speed.
func (t *Tagger) layout() {
	t.model.DenseFrom(denseFrom)
	if t.model2 != nil {
		t.model2.DenseFrom(denseFrom)
	}
}

// NumFeatures returns the number of weighted features of the models.
func (t *Tagger) NumFeatures() int {
	n := t.model.NumFeatures()
	if t.model2 != nil {
		n += t.model2.NumFeatures()
	}
	return n
}

// foldTitle lower-cases, in a title-case sentence (a headline: four or more
// words, nearly all capitalised), the words the dictionary knows as common
// words, so that "Secretly Backing Brutal" is tagged like running text.
// Known proper nouns and unknown words keep their case.
func (t *Tagger) foldTitle(words []string) {
	n, upper := 0, 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLetter(r) {
			n++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if n < 4 || upper*10 < n*8 {
		return
	}
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			continue
		}
		lw := lowerString(Fold(w))
		d, ok := t.dict[lw]
		if ok && d&(1<<uposIndex["PROPN"]) == 0 {
			words[i] = lw
		}
	}
}
