package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
)

// Tokenize splits text into word and punctuation tokens with byte offsets
// into text, using the same rules as the segment stage, so that lexicons
// can be tokenized the way documents are. Head is -1 on every token.
func Tokenize(text string) []sitrep.Token {
	return appendTokens(make([]sitrep.Token, 0, len(text)/5+1), text, 0, len(text))
}

// appendTokens appends the tokens of text[lo:hi] to out.
func appendTokens(out []sitrep.Token, text string, lo, hi int) []sitrep.Token {
	i := lo
	for i < hi {
		r, w := decode(text, i, hi)
		if isSpace(r) {
			i += w
			continue
		}
		var end int
		if u := scanURL(text, i, hi); u > i {
			end = u
		} else if e := scanEmail(text, i, hi); e > i {
			end = e
		} else if isWordChar(r) {
			end = scanWord(text, i, hi)
		} else {
			end = scanPunct(text, lo, i, hi, r, w)
		}
		out = append(out, makeToken(text, i, end))
		i = end
	}
	return out
}

func makeToken(text string, start, end int) sitrep.Token {
	s := text[start:end]
	return sitrep.Token{
		Start:      start,
		End:        end,
		Text:       s,
		Norm:       fold(s),
		Head:       -1,
		SpaceAfter: end < len(text) && startsWithSpace(text[end:]),
	}
}

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isSpace(r)
}

// decode returns the rune at i (bounded by hi) and its width; invalid bytes
// decode as utf8.RuneError of width 1.
func decode(s string, i, hi int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:hi])
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f':
		return true
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff': // zero-width: invisible, never a token
		return true
	}
	return r >= 0x80 && unicode.IsSpace(r)
}

func isWordChar(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r))
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r)
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' || r == '\u02bc' }

func isHyphen(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' }

// cliticLen reports the byte length of an English clitic ('s 'm 'd 'll
// 're 've, any case) starting at i, just after an apostrophe, or 0.
func cliticLen(s string, i, hi int) int {
	n := 0
	for i+n < hi && n < 3 && isASCIILetter(s[i+n]) {
		n++
	}
	if n == 0 || n == 3 {
		return 0
	}
	if i+n < hi {
		if r, _ := decode(s, i+n, hi); isWordChar(r) {
			return 0
		}
	}
	switch strings.ToLower(s[i : i+n]) {
	case "s", "m", "d", "ll", "re", "ve":
		return n
	}
	return 0
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// isNT reports whether s[i:] (i at an apostrophe of width w) is "’t" ending
// a word, the tail of a negative contraction such as "don’t".
func isNT(s string, i, w, hi int) bool {
	j := i + w
	if j >= hi || (s[j] != 't' && s[j] != 'T') {
		return false
	}
	if j+1 < hi {
		if r, _ := decode(s, j+1, hi); isWordChar(r) {
			return false
		}
	}
	return true
}

// scanWord returns the end of the word starting at i. A word runs over
// letters, digits and marks, and over connectors that sit inside words:
// hyphens (9-11, many-fold), dots in acronyms and decimals (U.S, 3.5),
// digit group commas (3,500), slashes and colons between digits (9/11,
// 10:30) and apostrophes that are not clitics (O’Brien). A known
// abbreviation, an acronym or an initial takes its trailing full stop.
func scanWord(s string, i, hi int) int {
	j := i
	seg := i // start of the current dot-separated segment, for acronyms
	dotted := false
	// "n’t" after a word stem that scanWord cut before the n.
	if (s[i] == 'n' || s[i] == 'N') && i+1 < hi {
		if r, w := decode(s, i+1, hi); isApostrophe(r) && isNT(s, i+1, w, hi) && i > 0 {
			if p, _ := utf8.DecodeLastRuneInString(s[:i]); isLetter(p) {
				return i + 1 + w + 1
			}
		}
	}
loop:
	for j < hi {
		r, w := decode(s, j, hi)
		if isWordChar(r) {
			j += w
			continue
		}
		prev, pw := utf8.DecodeLastRuneInString(s[i:j])
		var next rune = -1
		if j+w < hi {
			next, _ = decode(s, j+w, hi)
		}
		switch {
		case isHyphen(r):
			if isWordChar(next) {
				j += w
				continue
			}
		case r == '.':
			if isDigit(prev) && isDigit(next) {
				j += w
				continue
			}
			if isLetter(prev) && isLetter(next) && utf8.RuneCountInString(s[seg:j]) <= 2 && !strings.ContainsAny(s[seg:j], "-") {
				j += w
				seg = j
				dotted = true
				continue
			}
		case r == ',':
			if isDigit(prev) && j+4 <= hi && isDigit(rune(s[j+1])) && isDigit(rune(s[j+2])) && isDigit(rune(s[j+3])) &&
				(j+4 == hi || !isDigit(rune(s[j+4]))) {
				j += 4
				continue
			}
		case r == '/' || r == ':':
			if isDigit(prev) && isDigit(next) {
				j += w
				continue
			}
		case r == '&':
			if unicode.IsUpper(prev) && next >= 0 && unicode.IsUpper(next) {
				j += w
				continue
			}
		case isApostrophe(r):
			if !isLetter(prev) && !isDigit(prev) {
				break loop
			}
			if cliticLen(s, j+w, hi) > 0 {
				break loop
			}
			if (prev == 'n' || prev == 'N') && isNT(s, j, w, hi) {
				if j-pw > i {
					return j - pw // "do|n’t": the stem ends before the n
				}
				return j + w + 1 // the word is "n’t" itself
			}
			if isLetter(next) {
				j += w
				continue
			}
		}
		break
	}
	if j < hi && s[j] == '.' && takesStop(s[i:j], dotted, s, j+1, hi) {
		j++
	}
	if n := fusedLen(s[i:j]); n > 0 {
		return i + n // "cannot" is "can" + "not", as in the treebanks
	}
	return j
}

// fusedLen returns the length of the first word of a fused form ("gonna":
// "gon" + "na"), or 0.
func fusedLen(w string) int {
	if len(w) != 5 && len(w) != 6 {
		return 0
	}
	for _, f := range [...]string{"cannot", "gonna", "wanna", "gotta"} {
		if strings.EqualFold(w, f) {
			return 3
		}
	}
	return 0
}

// scanURL returns the end of a web address starting at i (http://,
// https:// or www.), without trailing punctuation, or i.
func scanURL(s string, i, hi int) int {
	if c := s[i] | 0x20; c != 'h' && c != 'w' {
		return i
	}
	rest := s[i:hi]
	if !(hasPrefixFold(rest, "http://") || hasPrefixFold(rest, "https://") || hasPrefixFold(rest, "www.") && len(rest) > 4 && isWordChar(rune(rest[4]))) {
		return i
	}
	if i > 0 {
		if p, _ := utf8.DecodeLastRuneInString(s[:i]); isWordChar(p) {
			return i
		}
	}
	j := i
	for j < hi {
		r, w := decode(s, j, hi)
		if isSpace(r) || r == '"' || r == '<' || r == '>' || r == '\u201c' || r == '\u201d' || r == '\u2018' || r == '\u2019' {
			break
		}
		j += w
	}
	// Trailing punctuation belongs to the sentence.
	for j > i && strings.IndexByte(".,;:!?)]}'", s[j-1]) >= 0 {
		j--
	}
	return j
}

// scanEmail returns the end of an e-mail address starting at i, or i.
func scanEmail(s string, i, hi int) int {
	j := i
	for j < hi && j-i < 64 && (isASCIIAlnum(s[j]) || strings.IndexByte("._%+-", s[j]) >= 0) {
		j++
	}
	if j == i || j >= hi || s[j] != '@' || !isASCIIAlnum(s[i]) || !isASCIIAlnum(s[j-1]) {
		return i
	}
	if i > 0 {
		if p, _ := utf8.DecodeLastRuneInString(s[:i]); isWordChar(p) {
			return i
		}
	}
	if e := scanDomain(s, j+1, hi); e > j+1 {
		return e
	}
	return i
}

func isASCIIAlnum(c byte) bool { return isASCIILetter(c) || '0' <= c && c <= '9' }

// scanDomain returns the end of a domain name (a.b.c) starting at i, or i.
func scanDomain(s string, i, hi int) int {
	j, dots := i, 0
	for j < hi {
		c := s[j]
		switch {
		case isASCIILetter(c) || '0' <= c && c <= '9' || c == '-':
			j++
		case c == '.' && j+1 < hi && (isASCIILetter(s[j+1]) || '0' <= s[j+1] && s[j+1] <= '9') && j > i:
			j++
			dots++
		default:
			if dots == 0 {
				return i
			}
			return j
		}
	}
	if dots == 0 {
		return i
	}
	return j
}

func hasPrefixFold(s, p string) bool { return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) }

// takesStop reports whether word, followed by a full stop, is an
// abbreviation that keeps the stop: an acronym (U.S, e.g), a single
// capital initial, or an entry of the abbreviation table.
func takesStop(word string, dotted bool, s string, after, hi int) bool {
	if dotted {
		return true
	}
	if len(word) == 1 && 'A' <= word[0] && word[0] <= 'Z' {
		return true
	}
	if _, ok := abbrevs[word]; ok {
		return true
	}
	// "No. 10", "Nos. 3 and 4": only before a number.
	if word == "No" || word == "no" || word == "Nos" {
		k := after
		for k < hi && s[k] == ' ' {
			k++
		}
		return k < hi && isDigit(rune(s[k]))
	}
	return false
}

// scanPunct returns the end of the punctuation token starting at i: a run
// of dots (ellipsis), of hyphens (--), of ! and ?, a clitic (’s, ’ll) after
// a word, or one symbol with its combining marks.
func scanPunct(s string, lo, i, hi int, r rune, w int) int {
	j := i + w
	switch {
	case r == '.' || r == '-':
		for j < hi && s[j] == byte(r) {
			j++
		}
		return j
	case r == '!' || r == '?':
		for j < hi && (s[j] == '!' || s[j] == '?') {
			j++
		}
		return j
	case isApostrophe(r) && i > lo:
		if p, _ := utf8.DecodeLastRuneInString(s[lo:i]); isWordChar(p) {
			if n := cliticLen(s, j, hi); n > 0 {
				return j + n
			}
		}
	case r == utf8.RuneError && w == 1:
		return j
	}
	if isRegional(r) && j < hi { // a flag is a pair of regional indicators
		if m, mw := decode(s, j, hi); isRegional(m) {
			j += mw
		}
	}
	// Keep combining marks, emoji modifiers, variation selectors and
	// joiners with the symbol.
	for j < hi {
		m, mw := decode(s, j, hi)
		if m >= 0x1f3fb && m <= 0x1f3ff {
			j += mw
			continue
		}
		if m == '\u200d' && j+mw < hi {
			_, nw := decode(s, j+mw, hi)
			j += mw + nw
			continue
		}
		if m < utf8.RuneSelf || m == utf8.RuneError || !unicode.IsMark(m) {
			break
		}
		j += mw
	}
	return j
}

func isRegional(r rune) bool { return r >= 0x1f1e6 && r <= 0x1f1ff }

// fold returns the token's normalised form: curly quotes, primes and
// dashes folded to ASCII, the ellipsis to "...". It returns s itself (no
// allocation) when nothing changes.
func fold(s string) string {
	k := 0
	for k < len(s) && s[k] < utf8.RuneSelf {
		k++
	}
	if k == len(s) {
		return s
	}
	changed := false
	for _, r := range s[k:] {
		if foldRune(r) != "" {
			changed = true
			break
		}
	}
	if !changed {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:k])
	for _, r := range s[k:] {
		if f := foldRune(r); f != "" {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func foldRune(r rune) string {
	switch r {
	case '\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb', '\u2033', '\u301d', '\u301e', '\uff02':
		return `"`
	case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '\u02bc', '\u2039', '\u203a', '\uff07':
		return "'"
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2212', '\ufe63', '\uff0d':
		return "-"
	case '\u2014', '\u2015':
		return "--"
	case '\u2026':
		return "..."
	}
	return ""
}
