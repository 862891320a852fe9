package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// cleanSpans trims leading titles from PER spans and drops spans that are
// only punctuation or a corporate suffix.
func cleanSpans(words []string, spans []Span) []Span {
	out := spans[:0]
	for _, s := range spans {
		if s.Label == "PER" {
			for s.Limit-s.First > 1 && titleWord(words[s.First]) {
				s.First++
			}
		}
		if s.Limit-s.First == 1 && (!hasLetter(words[s.First]) || corpSuffix(words[s.First])) {
			continue
		}
		out = append(out, s)
	}
	return out
}

func corpSuffix(w string) bool {
	switch strings.ToLower(strings.TrimSuffix(w, ".")) {
	case "inc", "ltd", "llc", "corp", "co", "plc", "gmbh", "ag", "sa":
		return true
	}
	return false
}

func upperInitial(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// consistent applies the document-level rules in place.
func consistent(sents [][]string, spans [][]Span) {
	type votes = [3]int
	byName := map[string]*votes{}
	partial := map[string]bool{} // single words of multi-word person names
	key := func(w []string) string { return strings.Join(w, " ") }
	typeIdx := func(l string) int {
		for k, m := range modelTypes {
			if m == l {
				return k
			}
		}
		return -1
	}
	for si, ss := range spans {
		for _, s := range ss {
			k := typeIdx(s.Label)
			if k < 0 {
				continue
			}
			name := key(sents[si][s.First:s.Limit])
			v := byName[name]
			if v == nil {
				v = new(votes)
				byName[name] = v
			}
			v[k]++
			if s.Label == "PER" && s.Limit-s.First > 1 {
				partial[sents[si][s.First]] = true
				partial[sents[si][s.Limit-1]] = true
			}
		}
	}
	if len(byName) == 0 {
		return
	}
	majority := func(name string) (string, bool) {
		v := byName[name]
		if v == nil {
			return "", false
		}
		best, tot := 0, 0
		for k := range v {
			tot += v[k]
			if v[k] > v[best] {
				best = k
			}
		}
		return modelTypes[best], v[best]*2 > tot
	}
	// longest names first when adding missed repeats
	maxLen := 1
	for name := range byName {
		maxLen = max(maxLen, strings.Count(name, " ")+1)
	}
	for si, words := range sents {
		ss := spans[si]
		for i := range ss {
			if l, ok := majority(key(words[ss[i].First:ss[i].Limit])); ok {
				ss[i].Label = l
			}
		}
		covered := make([]bool, len(words))
		for _, s := range ss {
			for i := s.First; i < s.Limit; i++ {
				covered[i] = true
			}
		}
		added := false
		for i := 0; i < len(words); i++ {
			if covered[i] || !upperInitial(words[i]) {
				continue
			}
			for n := min(maxLen, len(words)-i); n >= 1; n-- {
				ok := true
				for j := i; j < i+n; j++ {
					if covered[j] {
						ok = false
						break
					}
				}
				if !ok {
					continue
				}
				// a name must not run on into another capitalised word
				if i+n < len(words) && upperInitial(words[i+n]) || i > 0 && upperInitial(words[i-1]) && i-1 != 0 {
					continue
				}
				if n == 1 && !propagable(words[i]) {
					continue
				}
				name := key(words[i : i+n])
				l, ok := majority(name)
				if !ok && n == 1 && partial[name] && !titleWord(name) {
					l, ok = "PER", true
				}
				if !ok || (n == 1 && i == 0 && byName[name] == nil) {
					continue
				}
				ss = append(ss, Span{i, i + n, l})
				for j := i; j < i+n; j++ {
					covered[j] = true
				}
				added = true
				i += n - 1
				break
			}
		}
		if added {
			sortSpans(ss)
		}
		spans[si] = ss
	}
}

func sortSpans(s []Span) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].First < s[j-1].First; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// propagable reports whether a single word may be spread across the
// document as a name: not a one-letter word or a capitalised function word.
func propagable(w string) bool {
	if utf8.RuneCountInString(w) < 2 || titleWord(w) || determiner(w) {
		return false
	}
	switch strings.ToLower(w) {
	case "i", "he", "she", "we", "they", "it", "you", "his", "her", "its", "our", "their", "my",
		"in", "on", "at", "of", "for", "and", "but", "or", "so", "if", "as", "by", "to",
		"is", "was", "are", "be", "no", "not", "yes", "ok", "oh":
		return false
	}
	return true
}

// norpSpans relabels model spans that are exactly a nationality or group
// name of the curated list ("Australian") as NORP: UNER and GUM do not
// count them as names, the contract labels them NORP.
func (t *Tagger) norpSpans(words []string, spans []Span) {
	norp := gazLabelIndex("NORP")
	for i, s := range spans {
		var hs [8]uint64
		n := s.Limit - s.First
		if n > len(hs) {
			continue
		}
		for k := range n {
			hs[k] = hashString(words[s.First+k])
		}
		ms := t.res.gaz.match(hs[:n], false, nil)
		if len(ms) == 1 && ms[0].first == 0 && ms[0].limit == n && ms[0].label == norp {
			spans[i].Label = "NORP"
		}
	}
}

// extendParticles extends person names over the lower-case particles of
// Arabic names that the model, trained on little such text, leaves out:
// "Mariam al-Sadiq al-Mahdi", "Mohammed bin Salman". It stops where
// another span starts.
func extendParticles(words []string, spans []Span) {
	starts := func(i int) bool {
		for _, s := range spans {
			if s.First == i {
				return true
			}
		}
		return false
	}
	for k := range spans {
		s := &spans[k]
		if s.Label != "PER" {
			continue
		}
		for s.Limit < len(words) && !starts(s.Limit) {
			n := nameParticle(words, s.Limit)
			if n == 0 || starts(s.Limit+n-1) {
				break
			}
			s.Limit += n
		}
	}
}

// nameParticle returns how many words from i continue an Arabic personal
// name: 1 for "al-Mahdi" (a lower-case article joined to a capitalised
// name), 2 for "bin Salman", else 0.
func nameParticle(words []string, i int) int {
	w := words[i]
	if ArticleName(w) {
		return 1
	}
	switch w {
	case "bin", "ibn", "bint":
		if i+1 < len(words) && upperInitial(words[i+1]) {
			return 2
		}
	}
	return 0
}

// ArticleName reports whether w is an Arabic name with its article joined
// by a hyphen ("al-Mahdi", "el-Sisi", "ash-Shaibani"): part of a personal
// name although it starts in lower case.
func ArticleName(w string) bool {
	p, rest, ok := strings.Cut(w, "-")
	if !ok || !upperInitial(rest) {
		return false
	}
	switch p {
	case "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ud", "ul":
		return true
	}
	return false
}
