// Package lemma maps a word form and its universal part of speech to its
// lemma: a lookup of the forms whose lemma the suffix rules get wrong, plus
// suffix rules learned from the same corpora for every other word.
package lemma

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/sitrep/sitrep/models"
)

// maxSuffix is the longest suffix (in bytes) a rule is keyed on.
const maxSuffix = 6

// Example is one training word.
type Example struct{ Form, UPOS, Lemma string }

// rule turns a form into its lemma: drop Strip bytes, append Add.
type rule struct {
	Strip int
	Add   string
}

// Lemmatizer is read-only after construction and safe for concurrent use.
type Lemmatizer struct {
	exc   map[string]map[string]string // upos -> form -> lemma
	rules map[string]map[string]rule   // upos -> suffix -> rule
}

// key returns the form as rules and exceptions see it: proper nouns keep
// their case, other words are lower-cased.
func key(form, upos string) string {
	if upos == "PROPN" {
		return form
	}
	return lower(form)
}

func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

func ruleFor(form, lemma string) rule {
	p := 0
	for p < len(form) && p < len(lemma) && form[p] == lemma[p] {
		p++
	}
	return rule{Strip: len(form) - p, Add: lemma[p:]}
}

func (r rule) apply(form string) (string, bool) {
	if r.Strip > len(form) || (r.Strip == len(form) && r.Add == "") {
		return "", false
	}
	if r.Strip == 0 && r.Add == "" {
		return form, true
	}
	return form[:len(form)-r.Strip] + r.Add, true
}

// Train learns suffix rules and exceptions from examples, deterministically.
func Train(ex []Example) *Lemmatizer {
	type fl struct{ upos, form string }
	lemmas := map[fl]map[string]int{}
	for _, e := range ex {
		if e.Lemma == "_" || e.Lemma == "" {
			continue
		}
		k := fl{e.UPOS, key(e.Form, e.UPOS)}
		m := lemmas[k]
		if m == nil {
			m = map[string]int{}
			lemmas[k] = m
		}
		m[e.Lemma]++
	}
	// Most frequent lemma per (upos, form); ties to the smaller string.
	best := make(map[fl]string, len(lemmas))
	for k, m := range lemmas {
		b, bn := "", -1
		for l, n := range m {
			if n > bn || (n == bn && l < b) {
				b, bn = l, n
			}
		}
		best[k] = b
	}
	// Rule counts per (upos, suffix), each form type counted once so that a
	// few frequent irregular words do not set the rule for the rest.
	type us struct{ upos, suf string }
	counts := map[us]map[rule]int{}
	for k, l := range best {
		r := ruleFor(k.form, l)
		for n := 0; n <= maxSuffix && n <= len(k.form); n++ {
			s := us{k.upos, k.form[len(k.form)-n:]}
			m := counts[s]
			if m == nil {
				m = map[rule]int{}
				counts[s] = m
			}
			m[r]++
		}
	}
	top := map[us]rule{}
	for s, m := range counts {
		var b rule
		bn := -1
		for r, n := range m {
			if n > bn || (n == bn && (r.Strip < b.Strip || (r.Strip == b.Strip && r.Add < b.Add))) {
				b, bn = r, n
			}
		}
		top[s] = b
	}
	lz := &Lemmatizer{exc: map[string]map[string]string{}, rules: map[string]map[string]rule{}}
	// Keep a suffix's rule only where it differs from the next shorter
	// suffix's, and only suffixes seen on at least two form types.
	for s, r := range top {
		if s.suf != "" {
			parent := top[us{s.upos, s.suf[1:]}]
			if parent == r {
				continue
			}
			total := 0
			for _, n := range counts[s] {
				total += n
			}
			if total < 2 {
				continue
			}
		}
		if lz.rules[s.upos] == nil {
			lz.rules[s.upos] = map[string]rule{}
		}
		lz.rules[s.upos][s.suf] = r
	}
	for k, l := range best {
		if got, _ := lz.byRule(k.form, k.upos); got != l {
			if lz.exc[k.upos] == nil {
				lz.exc[k.upos] = map[string]string{}
			}
			lz.exc[k.upos][k.form] = l
		}
	}
	return lz
}

func (lz *Lemmatizer) byRule(form, upos string) (string, bool) {
	rs := lz.rules[upos]
	for n := min(len(form), maxSuffix); n >= 0; n-- {
		if r, ok := rs[form[len(form)-n:]]; ok {
			if l, ok := r.apply(form); ok {
				return l, true
			}
		}
	}
	return form, false
}

// Lemma returns the lemma of form with universal tag upos.
func (lz *Lemmatizer) Lemma(form, upos string) string {
	if lz == nil {
		return form
	}
	k := key(form, upos)
	if l, ok := lz.exc[upos][k]; ok {
		return l
	}
	if upos == "PUNCT" || upos == "SYM" || upos == "NUM" || upos == "X" {
		return form
	}
	l, _ := lz.byRule(k, upos)
	return l
}

// WriteTo writes the lemmatizer as gzipped TSV: "R upos suffix strip add"
// and "E upos form lemma" lines, sorted.
func (lz *Lemmatizer) WriteTo(w io.Writer) (int64, error) {
	var lines []string
	for u, m := range lz.rules {
		for s, r := range m {
			lines = append(lines, "R\t"+u+"\t"+s+"\t"+strconv.Itoa(r.Strip)+"\t"+r.Add)
		}
	}
	for u, m := range lz.exc {
		for f, l := range m {
			lines = append(lines, "E\t"+u+"\t"+f+"\t"+l)
		}
	}
	slices.Sort(lines)
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	for _, l := range lines {
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	return 0, zw.Close()
}

// Read reads a lemmatizer written by WriteTo.
func Read(r io.Reader) (*Lemmatizer, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("lemma: reading table: %w", err)
	}
	lz := &Lemmatizer{exc: map[string]map[string]string{}, rules: map[string]map[string]rule{}}
	sc := bufio.NewScanner(zr)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		switch {
		case len(f) == 5 && f[0] == "R":
			n, err := strconv.Atoi(f[3])
			if err != nil || n < 0 {
				return nil, fmt.Errorf("lemma: table line %d: bad strip %q", line, f[3])
			}
			if lz.rules[f[1]] == nil {
				lz.rules[f[1]] = map[string]rule{}
			}
			lz.rules[f[1]][f[2]] = rule{n, f[4]}
		case len(f) == 4 && f[0] == "E":
			if lz.exc[f[1]] == nil {
				lz.exc[f[1]] = map[string]string{}
			}
			lz.exc[f[1]][f[2]] = f[3]
		default:
			return nil, fmt.Errorf("lemma: table line %d: bad line", line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("lemma: reading table: %w", err)
	}
	return lz, nil
}

// Size returns the number of rules and exceptions.
func (lz *Lemmatizer) Size() (rules, exceptions int) {
	for _, m := range lz.rules {
		rules += len(m)
	}
	for _, m := range lz.exc {
		exceptions += len(m)
	}
	return
}

// loadDefault parses the embedded table once per process.
var loadDefault = sync.OnceValues(func() (*Lemmatizer, error) {
	return Read(bytes.NewReader(models.Lemma))
})

// Default returns the committed lemmatizer (models/lemma.bin).
func Default() (*Lemmatizer, error) { return loadDefault() }
