package ner

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

// names.tsv is a small curated list of well-known names (countries, major
// cities and regions, international organisations, armed groups,
// nationalities), written for this project. It gives the model a feature
// and, for unambiguous entries, a fallback; the engine's full lexicons come
// in through the Lexicon hook.
//
//go:embed names.tsv
var namesTSV []byte

type gazEntry struct {
	toks  []uint64 // exact-form hashes
	lower []uint64 // lower-case hashes
	label int      // index into gazLabels
}

// gazetteer matches token sequences against name lists, by exact form and
// case-insensitively (web text writes names in lower case).
type gazetteer struct {
	first map[uint64][]gazEntry
	lower map[uint64][]gazEntry
	// bloom has a bit per first-token hash (exact and lower), so most
	// tokens are rejected without a map access.
	bloom []uint64
}

const bloomBits = 1 << 20

func newGazetteer() *gazetteer {
	return &gazetteer{first: map[uint64][]gazEntry{}, lower: map[uint64][]gazEntry{}, bloom: make([]uint64, bloomBits/64)}
}

func (g *gazetteer) mayHave(h uint64) bool {
	b := (h >> 20) & (bloomBits - 1)
	return g.bloom[b>>6]&(1<<(b&63)) != 0
}

func (g *gazetteer) setBloom(h uint64) {
	b := (h >> 20) & (bloomBits - 1)
	g.bloom[b>>6] |= 1 << (b & 63)
}

// splitName tokenizes a gazetteer name the way the segmenter would: on
// spaces, with a final possessive-free form; hyphens and dots stay inside.
func splitName(s string) []string { return strings.Fields(s) }

var (
	curatedOnce sync.Once
	curatedVal  *gazetteer
	curatedErr  error
)

// curated returns the parsed names.tsv, once per process.
func curated() (*gazetteer, error) {
	curatedOnce.Do(func() { curatedVal, curatedErr = parseGazetteer(namesTSV) })
	return curatedVal, curatedErr
}

func parseGazetteer(data []byte) (*gazetteer, error) {
	g := newGazetteer()
	sc := bufio.NewScanner(bytes.NewReader(data))
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || s[0] == '#' {
			continue
		}
		label, names, ok := strings.Cut(s, "\t")
		li := gazLabelIndex(label)
		if !ok || li < 0 {
			return nil, fmt.Errorf("ner: names.tsv:%d: want LABEL<TAB>name[|name...] with LABEL one of %v", line, gazLabels)
		}
		for _, name := range strings.Split(names, "|") {
			g.add(strings.TrimSpace(name), li)
		}
	}
	return g, sc.Err()
}

func (g *gazetteer) add(name string, label int) {
	parts := splitName(name)
	if len(parts) == 0 {
		return
	}
	e := gazEntry{label: label}
	for _, p := range parts {
		e.toks = append(e.toks, hashString(p))
		e.lower = append(e.lower, hashLower(p))
	}
	g.first[e.toks[0]] = append(g.first[e.toks[0]], e)
	g.lower[e.lower[0]] = append(g.lower[e.lower[0]], e)
	g.setBloom(e.toks[0])
	g.setBloom(e.lower[0])
}

// gazMatch is one match of a name list over a sentence's tokens.
type gazMatch struct {
	first, limit int
	label        int
}

// match appends the longest match starting at each token (leftmost-longest,
// non-overlapping per label) to dst.
func (g *gazetteer) match(words []uint64, lower bool, dst []gazMatch) []gazMatch {
	if g == nil {
		return dst
	}
	idx := g.first
	if lower {
		idx = g.lower
	}
	for i := 0; i < len(words); {
		if !g.mayHave(words[i]) {
			i++
			continue
		}
		best := gazMatch{first: -1, limit: -1}
		for _, e := range idx[words[i]] {
			toks := e.toks
			if lower {
				toks = e.lower
			}
			if len(toks) > len(words)-i || len(toks) <= best.limit-best.first {
				continue
			}
			ok := true
			for k := 1; k < len(toks); k++ {
				if words[i+k] != toks[k] {
					ok = false
					break
				}
			}
			if ok {
				best = gazMatch{i, i + len(toks), e.label}
			}
		}
		if best.first < 0 {
			i++
			continue
		}
		dst = append(dst, best)
		i = best.limit
	}
	return dst
}

// Gazetteer evidence bits: source offset + label*4 + position (B I E S).
// Curated list and engine lexicons: exact 0-19, case-insensitive 20-39;
// names from the training corpora (PER ORG LOC only): exact 40-51,
// case-insensitive 52-63.
const (
	srcCurated      = 0
	srcCuratedLower = 20
	srcNames        = 40
	srcNamesLower   = 52
)

// gazBits sets the per-token evidence bits of a match.
func gazBits(ti []tokInfo, first, limit, src, label int) {
	if first < 0 || limit > len(ti) || first >= limit || src+label*4+3 >= 64 {
		return
	}
	base := uint(src + label*4)
	if limit-first == 1 {
		ti[first].gaz |= 1 << (base + 3)
		return
	}
	ti[first].gaz |= 1 << base
	for k := first + 1; k < limit-1; k++ {
		ti[k].gaz |= 1 << (base + 1)
	}
	ti[limit-1].gaz |= 1 << (base + 2)
}
