// Package lex is the small word scanner shared by the time and quantity
// taggers: it splits text into words, numbers and punctuation with byte
// offsets, without allocating per token.
package lex

import (
	"unicode"
	"unicode/utf8"
)

// Kind is a token class.
type Kind uint8

// Token kinds.
const (
	Word  Kind = iota + 1 // letters (and digits glued after letters)
	Num                   // digits, with inner separators: 3,500 1.5 9/11 2021-08-05 20-30
	Punct                 // any other single character
)

// Tok is one token of a text.
type Tok struct {
	Start, End int
	Kind       Kind
	// Lo is the token's text with ASCII letters lowered (a slice of the
	// lowered text, so no allocation).
	Lo string
	// Cap reports an upper-case first letter.
	Cap bool
	// Glued reports that no space separates the token from the previous one.
	Glued bool
	// Line reports a newline between the previous token and this one.
	Line bool
}

// Lower returns text with ASCII letters lowered; byte offsets are unchanged.
func Lower(text string) string {
	i := 0
	for i < len(text) && !('A' <= text[i] && text[i] <= 'Z') {
		i++
	}
	if i == len(text) {
		return text
	}
	b := []byte(text)
	for ; i < len(b); i++ {
		if c := b[i]; 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isAlpha(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// Scan appends the tokens of text to dst and returns it. lower must be
// Lower(text).
func Scan(dst []Tok, text, lower string) []Tok {
	n := len(text)
	glued, line := false, false
	for i := 0; i < n; {
		c := text[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v':
			if c == '\n' {
				line = true
			}
			glued = false
			i++
			continue
		case isDigit(c):
			j := i + 1
			for j < n {
				if isDigit(text[j]) {
					j++
					continue
				}
				if j+1 < n && isDigit(text[j+1]) {
					switch text[j] {
					case ',':
						// A thousands separator takes exactly three digits.
						k := j + 1
						for k < n && isDigit(text[k]) {
							k++
						}
						if k-j-1 == 3 {
							j = k
							continue
						}
					case '.', '/', ':', '-':
						j++
						continue
					}
				}
				break
			}
			dst = append(dst, Tok{Start: i, End: j, Kind: Num, Lo: lower[i:j], Glued: glued, Line: line})
			i = j
		case c < utf8.RuneSelf && isAlpha(c):
			j := i + 1
			for j < n {
				d := text[j]
				if d < utf8.RuneSelf {
					if isAlpha(d) || isDigit(d) {
						j++
						continue
					}
					break
				}
				r, w := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r) {
					break
				}
				j += w
			}
			dst = append(dst, Tok{Start: i, End: j, Kind: Word, Lo: lower[i:j], Cap: 'A' <= c && c <= 'Z', Glued: glued, Line: line})
			i = j
		case c < utf8.RuneSelf:
			dst = append(dst, Tok{Start: i, End: i + 1, Kind: Punct, Lo: lower[i : i+1], Glued: glued, Line: line})
			i++
		default:
			r, w := utf8.DecodeRuneInString(text[i:])
			if r == utf8.RuneError && w <= 1 {
				// Invalid byte: skip it, it can never bound a span.
				glued = false
				i++
				continue
			}
			if unicode.IsSpace(r) {
				glued = false
				i += w
				continue
			}
			if unicode.IsLetter(r) {
				j := i + w
				for j < n {
					d := text[j]
					if d < utf8.RuneSelf {
						if isAlpha(d) || isDigit(d) {
							j++
							continue
						}
						break
					}
					r2, w2 := utf8.DecodeRuneInString(text[j:])
					if !unicode.IsLetter(r2) {
						break
					}
					j += w2
				}
				dst = append(dst, Tok{Start: i, End: j, Kind: Word, Lo: lower[i:j], Cap: unicode.IsUpper(r), Glued: glued, Line: line})
				i = j
			} else {
				dst = append(dst, Tok{Start: i, End: i + w, Kind: Punct, Lo: lower[i : i+w], Glued: glued, Line: line})
				i += w
			}
		}
		glued, line = true, false
	}
	return dst
}

// IsDash reports whether p is a hyphen or dash.
func IsDash(p string) bool {
	switch p {
	case "-", "–", "—", "‐", "‑", "−":
		return true
	}
	return false
}

// IsQuote reports whether p is an apostrophe or single quote.
func IsQuote(p string) bool { return p == "'" || p == "’" || p == "‘" }

// Atoi parses a run of ASCII digits; ok is false for anything else or
// more than 9 digits.
func Atoi(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	v := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		v = v*10 + int(s[i]-'0')
	}
	return v, true
}

// Digits reports whether s is all ASCII digits.
func Digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// SentenceBreak reports whether a sentence boundary lies between tokens
// t[i-1] and t[i]: sentence-final punctuation followed by a capital, or a
// blank line. A heuristic for when the segmenter has not run.
func SentenceBreak(t []Tok, i int) bool {
	if i <= 0 || i >= len(t) {
		return true
	}
	p := t[i-1]
	if p.Kind == Punct && (p.Lo == "!" || p.Lo == "?" || p.Lo == ";") {
		return true
	}
	if t[i].Line && (p.Kind != Word || t[i].Cap) && p.Lo != "," {
		return true
	}
	if p.Kind == Punct && p.Lo == "." && (t[i].Cap || t[i].Kind == Num || t[i].Line) {
		// "Jan. 25" or "U.S. forces": an abbreviation is a short word right
		// before the dot.
		if i >= 2 && t[i-2].Kind == Word && t[i-2].End == p.Start && t[i-2].End-t[i-2].Start <= 4 && t[i-2].Cap {
			return t[i].Line
		}
		return true
	}
	return false
}
