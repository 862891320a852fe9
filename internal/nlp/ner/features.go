package ner

import (
	"unicode"
	"unicode/utf8"
)

// Tags of the sequence model: BIOES over the model's entity types. The
// order is part of the model file format.
var modelTypes = []string{"PER", "ORG", "LOC"}

const (
	tagO    = 0
	numTags = 1 + 4*3 // O, then B I E S for each type
)

func tagB(t int) int { return 1 + 4*t }
func tagI(t int) int { return 2 + 4*t }
func tagE(t int) int { return 3 + 4*t }
func tagS(t int) int { return 4 + 4*t }

// tagType returns the entity type index of tag k, -1 for O.
func tagType(k int) int {
	if k == tagO {
		return -1
	}
	return (k - 1) / 4
}

// tagPos returns 'O', 'B', 'I', 'E' or 'S'.
func tagPos(k int) byte {
	if k == tagO {
		return 'O'
	}
	return "BIES"[(k-1)%4]
}

// allowed reports whether tag b may follow tag a (a = -1 at sentence start);
// b = -1 asks whether a may end the sentence.
func allowed(a, b int) bool {
	aOpen := a >= 0 && (tagPos(a) == 'B' || tagPos(a) == 'I')
	if b < 0 {
		return !aOpen
	}
	switch tagPos(b) {
	case 'I', 'E':
		return aOpen && tagType(a) == tagType(b)
	default:
		return !aOpen
	}
}

// Hashing: features are 64-bit hashes of (template, values); words are
// hashed without allocating, lower-cased on the fly.

const (
	fnvOff   = 14695981039346656037
	fnvPrime = 1099511628211
)

func hashString(s string) uint64 {
	h := uint64(fnvOff)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// hashLower hashes the lower-cased form of s.
func hashLower(s string) uint64 {
	h := uint64(fnvOff)
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if 'A' <= b && b <= 'Z' {
				b += 'a' - 'A'
			}
			h ^= uint64(b)
			h *= fnvPrime
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		r = unicode.ToLower(r)
		var buf [4]byte
		m := utf8.EncodeRune(buf[:], r)
		for _, c := range buf[:m] {
			h ^= uint64(c)
			h *= fnvPrime
		}
		i += n
	}
	return h
}

// hashAffix hashes the first (suffix=false) or last n runes of lower(s);
// ok is false when s is shorter than n runes.
func hashAffix(s string, n int, suffix bool) (uint64, bool) {
	if utf8.RuneCountInString(s) < n {
		return 0, false
	}
	if suffix {
		i := len(s)
		for k := 0; k < n; k++ {
			_, sz := utf8.DecodeLastRuneInString(s[:i])
			i -= sz
		}
		return hashLower(s[i:]), true
	}
	i := 0
	for k := 0; k < n; k++ {
		_, sz := utf8.DecodeRuneInString(s[i:])
		i += sz
	}
	return hashLower(s[:i]), true
}

func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

func feat(t uint64, v uint64) uint64        { return mix(t*0x9E3779B97F4A7C15 ^ v) }
func feat2(t uint64, v, w uint64) uint64    { return mix(feat(t, v) ^ w*0xC2B2AE3D27D4EB4F) }
func feat3(t uint64, v, w, x uint64) uint64 { return mix(feat2(t, v, w) ^ x*0x165667B19E3779F9) }

// shapes computes the word shape (X, x, d, other kept; runs capped at 2)
// and the short shape (runs collapsed), both hashed.
func shapes(s string) (long, short uint64) {
	hl, hs := uint64(fnvOff), uint64(fnvOff)
	var prev rune = -1
	run := 0
	for _, r := range s {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = r
		default:
			c = '*'
		}
		if c == prev {
			run++
		} else {
			run = 0
			hs ^= uint64(c)
			hs *= fnvPrime
		}
		if run < 2 {
			hl ^= uint64(c)
			hl *= fnvPrime
		}
		prev = c
	}
	return hl, hs
}

// Word classes for context features.
const (
	capNone  = iota // no letters, or lower case
	capFirst        // Capitalised
	capAll          // ALL CAPS (two letters or more)
	capMixed        // iPhone, McDonald
	capOne          // a single capital letter
)

func capClass(s string) uint64 {
	upper, lower, letters := 0, 0, 0
	first := true
	firstUp := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
				if first {
					firstUp = true
				}
			} else if unicode.IsLower(r) {
				lower++
			}
			first = false
		}
	}
	switch {
	case letters == 0 || upper == 0:
		return capNone
	case letters == 1:
		return capOne
	case lower == 0:
		return capAll
	case firstUp && upper == 1:
		return capFirst
	default:
		return capMixed
	}
}

// tokInfo is what the feature templates read about one token.
type tokInfo struct {
	word, lower    uint64 // hashes of the form and its lower case
	shape, sshape  uint64
	cap            uint64
	cl             [3]uint16
	known          bool // in the vector vocabulary
	p2, p3, s2, s3 uint64
	s4             uint64
	hasP, hasS     [2]bool
	gaz            uint64 // gazetteer evidence: bit per (label, position)
	letters        bool
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// Feature template ids.
const (
	fBias = iota + 1
	fWord
	fLower
	fP2
	fP3
	fS2
	fS3
	fS4
	fShape
	fSShape
	fCap
	fCl0
	fCl1
	fCl2
	fUnknownCap
	fInitCap
	fTitleLower
	fTitleCl
	fPrevLower
	fNextLower
	fPrev2Lower
	fNext2Lower
	fPrevLowerCur
	fCurNextLower
	fPrevCl1
	fNextCl1
	fPrevCl2
	fNextCl2
	fPrev2Cl1
	fNext2Cl1
	fShapeTri
	fCapTri
	fPrevCapCur
	fCl2Cap
	fGaz
	fGazCap
	fGazNext
	fGazPrev
	fBOS
	fEOS
	fPrevShapeCurLower
	fCurLowerNextShape
	fCapRun
	fClBigramPrev
	fClBigramNext
)

// Case regimes of a sentence: capitals mean little in headlines (title
// case). (An all-lower-case regime was measured: no gain.)
const (
	regimeNormal = iota
	regimeTitle
)

// gazBits: bit (label*4 + pos) where pos is B I E S; gazLabels indexes label.
var gazLabels = []string{"PER", "ORG", "LOC", "GPE", "NORP"}

func gazLabelIndex(l string) int {
	for i, g := range gazLabels {
		if g == l {
			return i
		}
	}
	return -1
}

// extract appends the hashed features of token i to dst.
func extract(dst []uint64, ti []tokInfo, i int, regime int) []uint64 {
	t := &ti[i]
	const none = 0x5bd1e995
	prev := func(k int) *tokInfo {
		if i-k >= 0 {
			return &ti[i-k]
		}
		return nil
	}
	next := func(k int) *tokInfo {
		if i+k < len(ti) {
			return &ti[i+k]
		}
		return nil
	}
	lw := func(p *tokInfo) uint64 {
		if p == nil {
			return none
		}
		return p.lower
	}
	cl := func(p *tokInfo, lv int) uint64 {
		if p == nil {
			return none
		}
		if !p.known {
			return none + 1 + p.cap
		}
		return uint64(p.cl[lv]) + 1
	}
	sh := func(p *tokInfo) uint64 {
		if p == nil {
			return none
		}
		return p.sshape
	}
	cp := func(p *tokInfo) uint64 {
		if p == nil {
			return 9
		}
		return p.cap
	}
	dst = append(dst,
		feat(fBias, 0),
		feat(fWord, t.word),
		feat(fLower, t.lower),
		feat(fShape, t.shape),
		feat(fSShape, t.sshape),
		feat(fCap, t.cap),
		feat2(fCl0, cl(t, 0), t.cap),
		feat(fCl1, cl(t, 1)),
		feat(fCl2, cl(t, 2)),
		feat2(fCl2Cap, cl(t, 2), t.cap),
		feat(fPrevLower, lw(prev(1))),
		feat(fNextLower, lw(next(1))),
		feat(fPrev2Lower, lw(prev(2))),
		feat(fNext2Lower, lw(next(2))),
		feat2(fPrevLowerCur, lw(prev(1)), t.lower),
		feat2(fCurNextLower, t.lower, lw(next(1))),
		feat2(fPrevCl1, cl(prev(1), 1), t.cap),
		feat2(fNextCl1, cl(next(1), 1), t.cap),
		feat(fPrevCl2, cl(prev(1), 2)),
		feat(fNextCl2, cl(next(1), 2)),
		feat(fPrev2Cl1, cl(prev(2), 1)),
		feat(fNext2Cl1, cl(next(2), 1)),
		feat3(fShapeTri, sh(prev(1)), t.sshape, sh(next(1))),
		feat3(fCapTri, cp(prev(1)), t.cap, cp(next(1))),
		feat2(fPrevCapCur, cp(prev(1)), t.lower),
		feat2(fPrevShapeCurLower, sh(prev(1)), t.lower),
		feat2(fCurLowerNextShape, t.lower, sh(next(1))),
	)
	if t.cap != capNone {
		// position in the run of capitalised words around i: names are
		// such runs, and their length and position mark boundaries
		a, b := i, i+1
		for a > 0 && ti[a-1].cap != capNone && ti[a-1].letters {
			a--
		}
		for b < len(ti) && ti[b].cap != capNone && ti[b].letters {
			b++
		}
		dst = append(dst, feat2(fCapRun, uint64(min(b-a, 5)), uint64(min(i-a, 4))))
	}
	dst = append(dst, feat2(fClBigramPrev, cl(prev(1), 1), cl(t, 1)), feat2(fClBigramNext, cl(t, 1), cl(next(1), 1)))
	if t.hasP[0] {
		dst = append(dst, feat(fP2, t.p2))
	}
	if t.hasP[1] {
		dst = append(dst, feat(fP3, t.p3))
	}
	if t.hasS[0] {
		dst = append(dst, feat(fS2, t.s2))
	}
	if t.hasS[1] {
		dst = append(dst, feat(fS3, t.s3), feat(fS4, t.s4))
	}
	if !t.known && t.cap != capNone {
		dst = append(dst, feat(fUnknownCap, t.cap))
	}
	if i == 0 {
		dst = append(dst, feat2(fInitCap, t.cap, t.lower), feat(fBOS, t.cap))
	}
	if i == len(ti)-1 {
		dst = append(dst, feat(fEOS, t.cap))
	}
	switch regime {
	case regimeTitle:
		dst = append(dst, feat(fTitleLower, t.lower), feat(fTitleCl, cl(t, 1)))
	}
	if t.gaz != 0 {
		for b := uint64(0); b < 64; b++ {
			if t.gaz&(1<<b) != 0 {
				dst = append(dst, feat(fGaz, b), feat2(fGazCap, b, t.cap))
			}
		}
	}
	if p := prev(1); p != nil && p.gaz != 0 {
		dst = append(dst, feat(fGazPrev, p.gaz))
	}
	if n := next(1); n != nil && n.gaz != 0 {
		dst = append(dst, feat(fGazNext, n.gaz))
	}
	return dst
}

// caseRegime classifies a sentence: title case when at least four words
// and 70% of them are capitalised.
func caseRegime(ti []tokInfo) int {
	words, caps := 0, 0
	for i := range ti {
		if !ti[i].letters {
			continue
		}
		words++
		if c := ti[i].cap; c == capFirst || c == capAll || c == capMixed {
			caps++
		}
	}
	if words >= 4 && caps*10 >= words*7 {
		return regimeTitle
	}
	return regimeNormal
}
