// Package evalkit holds what every accuracy evaluation shares: match
// counts with precision, recall and F1, and the conversion of the gold
// data's code-point offsets to the byte offsets sitrep uses.
package evalkit

import (
	"unicode"

	"github.com/sitrep/sitrep"
)

// Score counts predicted items against gold items.
type Score struct{ TP, FP, FN int }

// P returns precision, 0 when nothing was predicted.
func (s Score) P() float64 { return Ratio(s.TP, s.TP+s.FP) }

// R returns recall, 0 when there is no gold item.
func (s Score) R() float64 { return Ratio(s.TP, s.TP+s.FN) }

// F1 returns the harmonic mean of precision and recall.
func (s Score) F1() float64 {
	p, r := s.P(), s.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Add adds o's counts to s.
func (s *Score) Add(o Score) { s.TP += o.TP; s.FP += o.FP; s.FN += o.FN }

// Ratio returns a/b, or 0 when b is 0.
func Ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// RuneOffsets returns, for each code-point index i of s (and one past the
// last), the byte offset where that code point starts: gold data counts
// in code points (Python string indices), sitrep in bytes.
func RuneOffsets(s string) []int {
	offs := make([]int, 0, len(s)+1)
	for i := range s {
		offs = append(offs, i)
	}
	return append(offs, len(s))
}

// Common counts the elements two ascending lists share: the tokens two
// spans have in common, given as sorted token indices.
func Common(a, b []int) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

// ByteOffset returns a function mapping code-point offsets of text to
// byte offsets; offsets before the start or past the end are clamped.
func ByteOffset(text string) func(int) int {
	idx := RuneOffsets(text)
	return func(r int) int {
		if r < 0 {
			return 0
		}
		if r >= len(idx) {
			return len(text)
		}
		return idx[r]
	}
}

// WordSpans returns the byte spans of the runs of letters and digits: the
// words that token-overlap scores count.
func WordSpans(text string) []sitrep.Span {
	var out []sitrep.Span
	start := -1
	for i, r := range text {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case w && start < 0:
			start = i
		case !w && start >= 0:
			out = append(out, sitrep.Span{Start: start, End: i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, sitrep.Span{Start: start, End: len(text)})
	}
	return out
}
