package attrib

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
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

// tok is the scanner's view of Doc.Tokens: one entry per token, except
// that clitics stay on their word ("Trump's", "didn't", as the cue and
// noun-phrase rules expect) and a doubled apostrophe is one double mark.
type tok struct {
	s, e int
	low  string // lower-cased Norm (ASCII apostrophes and quotes)
	kind uint8
	dir  uint8 // for quotation marks
	cap  bool  // first letter is upper case
	para int
	dt   int32 // index of its (first) Doc.Tokens entry
}

// scanner holds the per-document token and sentence layers, read from the
// segmenter's Doc.Tokens and Doc.Sentences.
type scanner struct {
	text  string
	toks  []tok
	of    []int32  // Doc.Tokens index -> toks index
	sents [][2]int // token ranges [first, limit)
	paras []int    // first token of each paragraph
	buf   []byte
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// clitics are the segmenter's split-off endings, by Norm.
var clitics = set("'s", "n't", "'re", "'ll", "'ve", "'d", "'m", "'")

// load adapts doc's tokens and sentences. A line break between two tokens
// starts a paragraph: the cleaner leaves one paragraph per line, and news
// style continues a quotation across paragraphs by reopening it.
func (sc *scanner) load(doc *sitrep.Doc) {
	text := doc.Text
	sc.text = text
	sc.toks = make([]tok, 0, len(doc.Tokens))
	sc.of = make([]int32, len(doc.Tokens))
	para, prevEnd := 0, 0
	for i := 0; i < len(doc.Tokens); i++ {
		dt := doc.Tokens[i]
		if i == 0 {
			sc.paras = append(sc.paras, 0)
		} else if strings.IndexByte(text[prevEnd:dt.Start], '\n') >= 0 {
			para++
			sc.paras = append(sc.paras, len(sc.toks))
		}
		prevEnd = dt.End
		norm := dt.Norm
		if norm == "" {
			norm = dt.Text
		}
		n := len(sc.toks)
		if n > 0 && i > 0 && doc.Tokens[i-1].End == dt.Start && sc.toks[n-1].kind == tWord && clitics[norm] && (norm != "'" || strings.HasSuffix(sc.toks[n-1].low, "s")) && !(norm == "'" && i+1 < len(doc.Tokens) && doc.Tokens[i+1].Start == dt.End) {
			// A clitic joins its word: "Trump's", "didn't", "Jones'".
			p := &sc.toks[n-1]
			p.e = dt.End
			p.low = sc.lower(text[p.s:p.e])
			sc.of[i] = int32(n - 1)
			continue
		}
		sc.of[i] = int32(n)
		t := tok{s: dt.Start, e: dt.End, para: para, kind: tPunct, dt: int32(i)}
		r, _ := utf8.DecodeRuneInString(dt.Text)
		switch {
		case isWordRune(r):
			t.kind = tWord
			t.cap = unicode.IsUpper(r)
		case r == '"' || r == '“' || r == '„' || r == '«':
			t.kind = tDQ
			if r != '"' {
				t.dir = dirOpen
			}
		case r == '”' || r == '»':
			t.kind, t.dir = tDQ, dirClose
		case r == '‘':
			t.kind, t.dir = tSQ, dirOpen
		case r == '\'' || r == '’' || r == '`':
			t.kind = tSQ
			if r == '’' {
				t.dir = dirClose
			}
			// Two apostrophes or backquotes in a row stand for a double
			// mark in some archives: ''like this''.
			if i+1 < len(doc.Tokens) && doc.Tokens[i+1].Start == dt.End && doc.Tokens[i+1].Text == dt.Text {
				t.kind, t.e = tDQ, doc.Tokens[i+1].End
				if r == '`' {
					t.dir = dirOpen
				}
				i++
				sc.of[i] = int32(n)
				prevEnd = t.e
			}
		}
		t.low = sc.lower(text[t.s:t.e])
		sc.toks = append(sc.toks, t)
	}
	sc.fixQuoteDirs()
	sc.sents = make([][2]int, 0, len(doc.Sentences))
	for _, s := range doc.Sentences {
		// A sentence running over a line break is split there, so that no
		// sentence spans two paragraphs.
		if s.Limit <= s.First {
			continue
		}
		first, lim := int(sc.of[s.First]), int(sc.of[s.Limit-1])+1
		if len(sc.sents) > 0 && first < sc.sents[len(sc.sents)-1][1] {
			first = sc.sents[len(sc.sents)-1][1]
		}
		for i := first + 1; i < lim; i++ {
			if sc.toks[i].para != sc.toks[i-1].para {
				sc.sents = append(sc.sents, [2]int{first, i})
				first = i
			}
		}
		if lim > first {
			sc.sents = append(sc.sents, [2]int{first, lim})
		}
	}
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
