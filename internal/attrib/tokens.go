package attrib

import (
	"unicode"
	"unicode/utf8"
)

// Token kinds of the attribution scanner.
const (
	tWord = iota
	tPunct
	tDQ // a double quotation mark
	tSQ // a single quotation mark that is not an apostrophe
)

// Quote-mark directions.
const (
	dirAmb = iota
	dirOpen
	dirClose
)

// tok is the scanner's token: the stage keeps its own light tokenization
// (words with internal apostrophes, periods and hyphens kept whole) so that
// it behaves the same whatever segmenter ran before it.
type tok struct {
	s, e int
	low  string // lower-cased text, ASCII apostrophes
	kind uint8
	dir  uint8 // for quotation marks
	cap  bool  // first letter is upper case
	para int
}

// scanner holds the per-document token and sentence layers.
type scanner struct {
	text  string
	toks  []tok
	sents [][2]int // token ranges [first, limit)
	paras []int    // first token of each paragraph
	buf   []byte
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// tokenize splits text into tokens and paragraphs.
func (sc *scanner) tokenize() {
	text := sc.text
	para := 0
	newPara := true
	sc.toks = make([]tok, 0, len(text)/5+1)
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if r == '\n' {
			// A blank line or a single newline both end a paragraph: the
			// cleaner leaves one paragraph per line.
			if !newPara {
				para++
				newPara = true
			}
			i += n
			continue
		}
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		if newPara {
			sc.paras = append(sc.paras, len(sc.toks))
			newPara = false
		}
		if isWordRune(r) {
			j := i + n
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if isWordRune(r2) {
					j += n2
					continue
				}
				// Internal apostrophe, period, hyphen or ampersand joins
				// two word runs: don't, U.S, co-op, AT&T.
				if r2 == '\'' || r2 == '’' || r2 == '.' || r2 == '-' || r2 == '&' {
					if k := j + n2; k < len(text) {
						r3, _ := utf8.DecodeRuneInString(text[k:])
						if isWordRune(r3) {
							j = k
							continue
						}
					}
				}
				break
			}
			// An abbreviation's final period stays with it when the word
			// already holds one (U.S.) or is a single capital (J.).
			if j < len(text) && text[j] == '.' {
				w := text[i:j]
				if containsByte(w, '.') || (len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z') || abbrevs[sc.lower(w)] {
					j++
				}
			}
			sc.toks = append(sc.toks, sc.makeTok(i, j, tWord, para))
			i = j
			continue
		}
		kind, dir := uint8(tPunct), uint8(dirAmb)
		if (r == '\'' || r == '`') && i+1 < len(text) && text[i+1] == byte(r) {
			// Two apostrophes or backquotes stand for a double mark, as in
			// some newspaper archives: ''like this''.
			t := tok{s: i, e: i + 2, kind: tDQ, para: para, low: text[i : i+2]}
			if r == '`' {
				t.dir = dirOpen
			}
			sc.toks = append(sc.toks, t)
			i += 2
			continue
		}
		switch r {
		case '"':
			kind = tDQ
		case '“', '„', '«':
			kind, dir = tDQ, dirOpen
		case '”', '»':
			kind, dir = tDQ, dirClose
		case '‘':
			kind, dir = tSQ, dirOpen
		case '\'', '’':
			kind = tSQ
			if r == '’' {
				dir = dirClose
			}
		}
		t := tok{s: i, e: i + n, kind: kind, dir: dir, para: para}
		t.low = text[i : i+n]
		sc.toks = append(sc.toks, t)
		i += n
	}
	sc.fixQuoteDirs()
}

func containsByte(s string, b byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == b {
			return true
		}
	}
	return false
}

func (sc *scanner) makeTok(s, e int, kind uint8, para int) tok {
	w := sc.text[s:e]
	t := tok{s: s, e: e, kind: kind, para: para}
	r, _ := utf8.DecodeRuneInString(w)
	t.cap = unicode.IsUpper(r)
	t.low = sc.lower(w)
	return t
}

// lower returns w in lower case with ’ folded to ', allocating only when w
// changes.
func (sc *scanner) lower(w string) string {
	same := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' || c >= 0x80 {
			same = false
			break
		}
	}
	if same {
		return w
	}
	b := sc.buf[:0]
	for _, r := range w {
		if r == '’' {
			r = '\''
		}
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	sc.buf = b
	return string(b)
}

// fixQuoteDirs decides ambiguous quotation marks from the spacing around
// them: a mark after a space opens, a mark before a space closes.
func (sc *scanner) fixQuoteDirs() {
	text := sc.text
	for i := range sc.toks {
		t := &sc.toks[i]
		if t.kind != tDQ && t.kind != tSQ {
			continue
		}
		before := t.s == 0 || isSpaceOrOpen(lastRune(text[:t.s]))
		after := t.e == len(text) || isSpaceOrClosePunct(firstRune(text[t.e:]))
		if t.dir == dirAmb {
			switch {
			case before && !after:
				t.dir = dirOpen
			case after && !before:
				t.dir = dirClose
			}
		}
		// ’ after a word ending in s with no space after it may be a
		// possessive; leave it for the pairing to decide.
	}
}

func lastRune(s string) rune  { r, _ := utf8.DecodeLastRuneInString(s); return r }
func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

func isSpaceOrOpen(r rune) bool {
	return unicode.IsSpace(r) || r == '(' || r == '[' || r == '—' || r == '-' || r == '“' || r == '‘' || r == '"' || r == '\''
}

func isSpaceOrClosePunct(r rune) bool {
	return unicode.IsSpace(r) || r == '.' || r == ',' || r == ';' || r == ':' || r == '?' || r == '!' || r == ')' || r == ']' || r == '—' || r == '”' || r == '’' || r == '"' || r == '\''
}

// abbrevs are words whose final period does not end a sentence.
var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "gov": true, "sen": true, "rep": true,
	"st": true, "jr": true, "sr": true, "gen": true, "col": true, "lt": true, "sgt": true,
	"capt": true, "prof": true, "rev": true, "vs": true, "inc": true, "corp": true,
	"co": true, "ltd": true, "jan": true, "feb": true, "mar": true, "apr": true, "aug": true,
	"sept": true, "sep": true, "oct": true, "nov": true, "dec": true, "ft": true, "mt": true,
	"gov't": true, "pres": true, "supt": true, "cmdr": true, "adm": true, "maj": true,
}

// split groups tokens into sentences: a sentence ends at a paragraph break or
// after . ! ? (with any closing marks) before a capital, a digit or an opening
// mark.
func (sc *scanner) split() {
	toks := sc.toks
	first := 0
	for i := 0; i < len(toks); i++ {
		if i > first && toks[i].para != toks[i-1].para {
			sc.sents = append(sc.sents, [2]int{first, i})
			first = i
		}
		t := toks[i]
		if t.kind != tPunct || (t.low != "." && t.low != "?" && t.low != "!") {
			continue
		}
		j := i + 1
		for j < len(toks) && toks[j].para == t.para && (toks[j].kind == tDQ || toks[j].kind == tSQ || toks[j].low == ")") && toks[j].dir != dirOpen {
			j++
		}
		if j >= len(toks) || toks[j].para != t.para {
			continue // the paragraph break ends it
		}
		n := toks[j]
		if n.cap || n.kind == tDQ || n.kind == tSQ || (n.kind == tWord && n.low[0] >= '0' && n.low[0] <= '9') || n.low == "(" {
			sc.sents = append(sc.sents, [2]int{first, j})
			first = j
			i = j - 1
		}
	}
	if first < len(toks) {
		sc.sents = append(sc.sents, [2]int{first, len(toks)})
	}
}

// region is a span of quoted text between quotation marks, possibly
// running over several paragraphs.
type region struct {
	open, close int // token indices of the marks; close = -1 when unclosed
	first, lim  int // tokens inside
	s, e        int // byte span of the content
	single      bool
	nested      bool // inside another region
	multi       bool // runs across paragraphs
}

// regions pairs quotation marks. Double marks pair across paragraphs the
// way news style continues a quotation: a paragraph ending inside a quote
// whose next paragraph opens with a mark continues it; otherwise the quote
// ends with its paragraph. Single marks pair within a paragraph.
func (sc *scanner) regions() []region {
	toks := sc.toks
	var out []region
	open := -1
	multi := false
	closeAt := func(lim int, closeTok int) {
		if open >= 0 && lim > open+1 {
			r := region{open: open, close: closeTok, first: open + 1, lim: lim, multi: multi}
			r.s, r.e = toks[open+1].s, toks[lim-1].e
			out = append(out, r)
		}
		open, multi = -1, false
	}
	skipTo := -1
	for i := range toks {
		t := toks[i]
		if i < skipTo {
			continue
		}
		if i > 0 && t.para != toks[i-1].para && open >= 0 {
			if t.kind == tDQ && t.dir != dirClose {
				multi = true
				continue // the continuation mark
			}
			// A short paragraph without marks inside an open quote that
			// resumes right after it (an advert or a newsletter box left
			// in the text) does not end the quote.
			if j := sc.resumes(i); j > 0 {
				multi = true
				skipTo = j + 1
				continue
			}
			closeAt(i, -1)
		}
		if t.kind != tDQ {
			continue
		}
		switch {
		case open < 0 && t.dir != dirClose:
			open = i
		case open >= 0 && t.dir != dirOpen:
			closeAt(i, i)
		case open >= 0 && t.dir == dirOpen:
			// Two opening marks: the first was never closed. Close it at
			// the end of its sentence-like run and start again.
			closeAt(i, -1)
			open = i
		}
	}
	if open >= 0 {
		closeAt(len(toks), -1)
	}
	// Single marks, paired inside one paragraph.
	sopen := -1
	for i := range toks {
		t := toks[i]
		if sopen >= 0 && t.para != toks[sopen].para {
			sopen = -1
		}
		if t.kind != tSQ {
			continue
		}
		switch {
		case sopen < 0 && t.dir == dirOpen:
			sopen = i
		case sopen >= 0 && t.dir == dirClose:
			if i > sopen+1 && i-sopen <= 60 {
				r := region{open: sopen, close: i, first: sopen + 1, lim: i, single: true}
				r.s, r.e = toks[sopen+1].s, toks[i-1].e
				out = append(out, r)
			}
			sopen = -1
		}
	}
	// Mark nesting.
	for i := range out {
		for j := range out {
			if i != j && !out[j].single && out[j].s <= out[i].s && out[i].e <= out[j].e && (out[i].single || out[j].e-out[j].s > out[i].e-out[i].s) {
				out[i].nested = true
			}
		}
	}
	return out
}

// resumes reports, for the first token i of a paragraph met inside an open
// quotation, whether that paragraph is short and free of quotation marks
// and the next one opens with a mark; it returns that mark's index or -1.
func (sc *scanner) resumes(i int) int {
	toks := sc.toks
	p := toks[i].para
	j := i
	for j < len(toks) && toks[j].para == p {
		if toks[j].kind == tDQ || j-i > 40 {
			return -1
		}
		j++
	}
	if j < len(toks) && toks[j].para == p+1 && toks[j].kind == tDQ && toks[j].dir != dirClose {
		return j
	}
	return -1
}
