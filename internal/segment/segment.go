// Package segment is the pipeline stage that splits Doc.Text into sentences
// and tokens with byte offsets. It is a hand-written scanner (no regexp):
// a newline always ends a sentence, a blank line starts a paragraph, and a
// full stop ends a sentence unless it belongs to an abbreviation (Mr.,
// U.S.) or lower-case text follows. Sentences wholly inside a direct
// quotation are KindQuote, including quotations that run over paragraphs
// which open with a quotation mark and leave the previous one unclosed;
// sentences inside Doc.Captions are KindCaption.
package segment

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/pipeline"
)

// Name is the stage name.
const Name = "segment"

// Segmenter is the segment stage. It holds no state and is safe for
// concurrent use.
type Segmenter struct{}

var _ pipeline.Stage = (*Segmenter)(nil)

// New returns the segment stage.
func New() *Segmenter { return &Segmenter{} }

// Name returns "segment".
func (*Segmenter) Name() string { return Name }

// Process fills doc.Sentences and doc.Tokens from doc.Text, replacing any
// earlier ones.
func (*Segmenter) Process(_ context.Context, doc *sitrep.Doc) error {
	Split(doc)
	return nil
}

// Token flags used while splitting.
const (
	fInside = 1 << iota // inside a direct quotation (quotation marks included)
	fClose              // a closing quotation mark
)

// Split fills doc.Sentences and doc.Tokens from doc.Text.
func Split(doc *sitrep.Doc) {
	text := doc.Text
	toks := make([]sitrep.Token, 0, len(text)/4+8) // ~4.5 bytes a token in English news
	sents := make([]sitrep.Sentence, 0, len(text)/80+4)
	flags := make([]uint8, 0, cap(toks))
	para := -1
	blank := true // a paragraph starts at the next line with a token
	inQuote := false
	capIdx := 0

	for pos := 0; pos < len(text); {
		lineEnd := len(text)
		if nl := strings.IndexByte(text[pos:], '\n'); nl >= 0 {
			lineEnd = pos + nl
		}
		first := len(toks)
		toks = appendTokens(toks, text, pos, lineEnd)
		pos = lineEnd + 1
		end := len(toks)
		if end == first {
			blank = true
			continue
		}
		newPara := blank
		if blank {
			para++
			blank = false
		}

		// Quotation pass: mark tokens inside a direct quotation.
		for len(flags) < end {
			flags = append(flags, 0)
		}
		for k := first; k < end; k++ {
			var f uint8
			switch quoteDir(toks[k].Text) {
			case qOpen:
				inQuote = true
				f = fInside
			case qClose:
				f = fInside | fClose
				inQuote = false
			case qStraight:
				if d := straightDir(text, toks[k].Start, toks[k].End); d == qOpen && !(k == first && newPara && inQuote) {
					inQuote = true
					f = fInside
				} else if d == qClose {
					f = fInside | fClose
					inQuote = false
				} else if inQuote && !(k == first && newPara) {
					f = fInside | fClose
					inQuote = false
				} else {
					inQuote = true
					f = fInside
				}
			default:
				if k == first && newPara {
					// A paragraph that does not open with a quotation mark
					// ends any quotation left open.
					inQuote = false
				}
				if inQuote {
					f = fInside
				}
			}
			flags[k] = f
		}

		// Sentence pass.
		emit := func(a, b int) { // tokens [a, b]
			s := sitrep.Sentence{
				Start: toks[a].Start, End: toks[b].End,
				Kind: sitrep.KindBody, Para: para, First: a, Limit: b + 1,
			}
			for capIdx < len(doc.Captions) && doc.Captions[capIdx].End <= s.Start {
				capIdx++
			}
			if capIdx < len(doc.Captions) && doc.Captions[capIdx].Start <= s.Start {
				s.Kind = sitrep.KindCaption
			} else {
				quote := true
				for m := a; m <= b; m++ {
					if flags[m]&fInside == 0 {
						quote = false
						break
					}
				}
				if quote {
					s.Kind = sitrep.KindQuote
				}
			}
			sents = append(sents, s)
		}
		start := first
		for k := first; k < end; k++ {
			t := toks[k].Text
			split := false
			switch {
			case isTerminator(t):
				m := k + 1
				for m < end && !toks[m-1].SpaceAfter && isCloser(toks[m].Text, flags[m]) {
					m++
				}
				// A reference mark closes the sentence it follows: "... in 1805. [6]".
				if m+2 < end && toks[m].Text == "[" && toks[m+2].Text == "]" && isNumber(toks[m+1].Text) {
					m += 3
				}
				// A stop glued to the next word is inside it ("R-S.C.",
				// "D-N.Y."), never a sentence end.
				glued := t == "." && m == k+1 && !toks[k].SpaceAfter && m < end && isWordStart(toks[m].Text)
				k = m - 1
				split = m < end && !glued && startsSentence(toks[m].Text)
			case len(t) > 1 && t[len(t)-1] == '.':
				// An abbreviation that kept its stop (U.S., Mr., J.).
				if abbrevs[t[:len(t)-1]] {
					break // titles never end a sentence
				}
				split = k+1 < end && starters[toks[k+1].Text]
			}
			if split {
				emit(start, k)
				start = k + 1
			}
		}
		if start < end {
			emit(start, end-1)
		}
	}
	doc.Tokens = toks
	doc.Sentences = sents
}

// isWordStart reports whether t begins with a letter or digit.
func isWordStart(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

const (
	qNone = iota
	qOpen
	qClose
	qStraight
)

// quoteDir classifies a token as a double quotation mark and its direction.
func quoteDir(t string) int {
	switch t {
	case "\u201c", "\u201e", "\u201f", "\u00ab":
		return qOpen
	case "\u201d", "\u00bb":
		return qClose
	case `"`, "\uff02":
		return qStraight
	}
	return qNone
}

// straightDir guesses the direction of a straight quotation mark from its
// surroundings: glued to the following word it opens, glued to the
// preceding word or punctuation it closes; qStraight when unclear.
func straightDir(text string, start, end int) int {
	before := start == 0 || isSpaceByte(text[start-1]) || strings.ContainsRune("([{", rune(text[start-1]))
	after := end == len(text) || isSpaceByte(text[end]) || strings.ContainsRune(".,;:!?)]}", rune(text[end]))
	switch {
	case before && !after:
		return qOpen
	case after && !before:
		return qClose
	}
	return qStraight
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

func isNumber(t string) bool {
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return false
		}
	}
	return t != ""
}

// isTerminator reports whether t is sentence-final punctuation.
func isTerminator(t string) bool {
	if t == "" {
		return false
	}
	for _, r := range t {
		switch r {
		case '.', '!', '?', '\u2026', '\u3002', '\uff01', '\uff1f':
		default:
			return false
		}
	}
	return true
}

// isCloser reports whether a token after a terminator still belongs to the
// ending sentence: a closing quotation mark or bracket.
func isCloser(t string, f uint8) bool {
	if f&fClose != 0 {
		return true
	}
	switch t {
	case ")", "]", "}", "\u2019", "'", "\u00bb", "\u203a":
		return true
	}
	return false
}

// startsSentence reports whether a token may open a new sentence after a
// terminator: anything but lower-case words and continuing punctuation.
func startsSentence(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	switch r {
	case ',', ';', ':', ')', ']', '}':
		return false
	}
	return !unicode.IsLower(r)
}
