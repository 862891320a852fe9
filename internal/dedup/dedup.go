// Package dedup finds copies of one article: exact copies (same
// normalised text), near-duplicates (a wire story lightly edited) and so
// syndication (one story carried by several outlets).
//
// A document's Sig is a MinHash over its word 4-shingles: K = 72 minima,
// each from an independent hash of every shingle. The fraction of minima
// two Sigs share estimates the Jaccard similarity of their shingle sets
// (standard error about 0.06 at J = 0.5). For lookup at ingest time the
// minima are cut into Bands = 24 bands of Rows = 3; two documents sharing
// any band are candidates (LSH). A pair at J = 0.5 becomes a candidate
// with probability 1-(1-0.5³)²⁴ ≈ 0.96, at J = 0.7 ≈ 0.9999, at J = 0.2
// only ≈ 0.18 (and is then rejected by Similar).
//
// Duplicate rule (Similar): estimated Jaccard ≥ DupJaccard (0.5), or the
// shorter text is mostly contained in the longer one (containment ≥
// DupContainment, 0.8: an outlet that ran the first half of a wire story).
// Tests: the same story with a new headline, a reworded lede and a few
// changed words is a duplicate; two different stories on the same topic,
// sharing names and stock phrases, are not (Jaccard ≈ 0.05).
//
// The store (internal/store) keeps each document's Sig and band keys and
// sets documents.dup_of to the first document of its group when it is
// stored; readers such as internal/cluster call store's NearDuplicates
// with a Sig, or read dup_of.
package dedup

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"unicode"
	"unicode/utf8"
)

const (
	// K is the number of minima in a Sig.
	K = 72
	// Bands and Rows cut a Sig into LSH bands: Bands*Rows == K.
	Bands = 24
	Rows  = 3
	// Shingle is the number of words in a shingle.
	Shingle = 4
	// MinShingles is the fewest shingles a text needs for a Sig; shorter
	// texts (briefs, captions) match each other too easily.
	MinShingles = 20
	// DupJaccard and DupContainment are the duplicate thresholds.
	DupJaccard     = 0.5
	DupContainment = 0.8
)

// Sig is a document's MinHash signature. The zero Sig (N == 0) stands for a
// text too short to compare.
type Sig struct {
	Min [K]uint32
	// N is the number of distinct shingles, for containment estimates.
	N int
}

// Valid reports whether s came from a text long enough to compare.
func (s Sig) Valid() bool { return s.N > 0 }

// seeds are fixed so that Sigs are comparable across processes and
// versions: changing them invalidates every stored Sig.
// Each of the K hashes is a multiply-shift hash a*x+b of the shingle's
// 64-bit hash (universal, and one multiplication per minimum).
var seeds = func() (out [K][2]uint64) {
	x := uint64(0x9e3779b97f4a7c15)
	for i := range out {
		x = splitmix(x)
		out[i][0] = x | 1
		x = splitmix(x)
		out[i][1] = x
	}
	return out
}()

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Signature returns the Sig of text: lower-cased words of letters and
// digits, in 4-word shingles. It allocates only the shingle set.
func Signature(text string) Sig {
	var s Sig
	for i := range s.Min {
		s.Min[i] = ^uint32(0)
	}
	var win [Shingle]uint64 // hashes of the last words, a ring
	n := 0
	seen := make(map[uint64]struct{}, len(text)/6)
	forWords(text, func(h uint64) {
		win[n%Shingle] = h
		n++
		if n < Shingle {
			return
		}
		var sh uint64 = 1469598103934665603
		for j := 0; j < Shingle; j++ {
			sh = (sh ^ win[(n+j)%Shingle]) * 1099511628211
		}
		if _, ok := seen[sh]; ok {
			return
		}
		seen[sh] = struct{}{}
		sh = splitmix(sh)
		for i := range seeds {
			if v := uint32((sh*seeds[i][0] + seeds[i][1]) >> 32); v < s.Min[i] {
				s.Min[i] = v
			}
		}
	})
	if len(seen) < MinShingles {
		return Sig{}
	}
	s.N = len(seen)
	return s
}

// forWords calls fn with the FNV-1a hash of each lower-cased word.
func forWords(text string, fn func(uint64)) {
	var h uint64
	in := false
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		i += size
		word := r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z') ||
			r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
		if word {
			if !in {
				h, in = 14695981039346656037, true
			}
			r = unicode.ToLower(r)
			for r > 0 {
				h = (h ^ uint64(r&0xff)) * 1099511628211
				r >>= 8
			}
			continue
		}
		if r == '\'' || r == '’' { // "government's" is one word
			continue
		}
		if in {
			fn(h)
			in = false
		}
	}
	if in {
		fn(h)
	}
}

// Jaccard estimates the Jaccard similarity of the shingle sets of a and b.
func Jaccard(a, b Sig) float64 {
	if !a.Valid() || !b.Valid() {
		return 0
	}
	same := 0
	for i := range a.Min {
		if a.Min[i] == b.Min[i] {
			same++
		}
	}
	return float64(same) / K
}

// Containment estimates how much of the smaller shingle set lies in the
// larger one, from the Jaccard estimate and the set sizes.
func Containment(a, b Sig) float64 {
	j := Jaccard(a, b)
	if j == 0 {
		return 0
	}
	inter := j * float64(a.N+b.N) / (1 + j)
	c := inter / float64(min(a.N, b.N))
	return min(c, 1)
}

// Similar reports whether a and b are copies of one article, by the
// duplicate rule in the package comment.
func Similar(a, b Sig) bool {
	return Jaccard(a, b) >= DupJaccard || Containment(a, b) >= DupContainment && Jaccard(a, b) >= 0.25
}

// BandKeys returns one key per LSH band; the band number is mixed in so
// that equal minima in different bands do not collide. Keys are signed
// for SQL BIGINT columns. A Sig that is not Valid has none.
func (s Sig) BandKeys() []int64 {
	if !s.Valid() {
		return nil
	}
	keys := make([]int64, Bands)
	for b := range Bands {
		h := uint64(b+1) * 0x9e3779b97f4a7c15
		for r := range Rows {
			h = splitmix(h ^ uint64(s.Min[b*Rows+r]))
		}
		keys[b] = int64(h)
	}
	return keys
}

// MarshalText encodes s as hex: N then the minima, big-endian.
func (s Sig) MarshalText() ([]byte, error) {
	b := make([]byte, 4+4*K)
	binary.BigEndian.PutUint32(b, uint32(s.N))
	for i, v := range s.Min {
		binary.BigEndian.PutUint32(b[4+4*i:], v)
	}
	out := make([]byte, hex.EncodedLen(len(b)))
	hex.Encode(out, b)
	return out, nil
}

// ErrBadSig is returned for a stored signature that cannot be decoded.
var ErrBadSig = errors.New("dedup: malformed signature")

// UnmarshalText decodes what MarshalText wrote.
func (s *Sig) UnmarshalText(text []byte) error {
	if len(text) != 2*(4+4*K) {
		return ErrBadSig
	}
	b := make([]byte, 4+4*K)
	if _, err := hex.Decode(b, text); err != nil {
		return ErrBadSig
	}
	s.N = int(binary.BigEndian.Uint32(b))
	for i := range s.Min {
		s.Min[i] = binary.BigEndian.Uint32(b[4+4*i:])
	}
	return nil
}
