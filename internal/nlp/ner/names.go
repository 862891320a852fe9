package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"sort"
	"strings"
)

// nameStats collects PER/ORG/LOC names from annotated sentences, for the
// names gazetteer (models/ner-names.tsv.gz).
type nameStats struct {
	label map[string]*[3]int // name -> count per model type
	inEnt map[uint64]int     // lower word -> times inside an entity
	seen  map[uint64]int     // lower word -> times seen
}

func newNameStats() *nameStats {
	return &nameStats{label: map[string]*[3]int{}, inEnt: map[uint64]int{}, seen: map[uint64]int{}}
}

func (ns *nameStats) add(s *Sentence) {
	in := make([]bool, len(s.Words))
	for _, sp := range s.Spans {
		t := -1
		for k, l := range modelTypes {
			if l == sp.Label {
				t = k
			}
		}
		if t < 0 || sp.Limit > len(s.Words) {
			continue
		}
		name := strings.Join(s.Words[sp.First:sp.Limit], " ")
		c := ns.label[name]
		if c == nil {
			c = new([3]int)
			ns.label[name] = c
		}
		c[t]++
		for i := sp.First; i < sp.Limit; i++ {
			in[i] = true
		}
	}
	for i, w := range s.Words {
		h := hashLower(w)
		ns.seen[h]++
		if in[i] {
			ns.inEnt[h]++
		}
	}
}

// names returns the reliable names: a majority label with at least 2/3 of
// the votes, containing a letter, and for one-word names, a word that is
// inside a name at least half the times it occurs.
func (ns *nameStats) names() map[string]int {
	out := map[string]int{}
	for name, c := range ns.label {
		best, tot := 0, 0
		for k := range c {
			tot += c[k]
			if c[k] > c[best] {
				best = k
			}
		}
		if c[best]*3 < tot*2 || !hasLetter(name) || len(name) < 2 {
			continue
		}
		if !strings.Contains(name, " ") {
			h := hashLower(name)
			if ns.inEnt[h]*2 < ns.seen[h] {
				continue
			}
		}
		out[name] = best
	}
	return out
}

func (ns *nameStats) gazetteer() *gazetteer { return namesGazetteer(ns.names()) }

// namesGazetteer adds names in sorted order, so that matching (which keeps
// the first of equally long matches) is deterministic.
func namesGazetteer(names map[string]int) *gazetteer {
	keys := make([]string, 0, len(names))
	for n := range names {
		keys = append(keys, n)
	}
	sort.Strings(keys)
	g := newGazetteer()
	for _, n := range keys {
		g.add(n, names[n])
	}
	return g
}

// writeNames writes the names as gzip TSV lines LABEL<TAB>words, sorted.
func writeNames(w io.Writer, names map[string]int) error {
	lines := make([]string, 0, len(names))
	for n, l := range names {
		lines = append(lines, modelTypes[l]+"\t"+n)
	}
	sort.Strings(lines)
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	for _, l := range lines {
		io.WriteString(zw, l+"\n")
	}
	return zw.Close()
}

func parseNames(gz []byte) (*gazetteer, error) {
	g := newGazetteer()
	if len(gz) == 0 {
		return g, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("ner: reading names: %w", err)
	}
	sc := bufio.NewScanner(zr)
	line := 0
	for sc.Scan() {
		line++
		l, name, ok := strings.Cut(sc.Text(), "\t")
		li := gazLabelIndex(l)
		if !ok || li < 0 || li > 2 {
			return nil, fmt.Errorf("ner: ner-names.tsv:%d: bad line", line)
		}
		g.add(name, li)
	}
	return g, sc.Err()
}
