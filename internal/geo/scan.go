package geo

import (
	"unicode"
	"unicode/utf8"
)

// word is one word of the text as the toponym matcher sees it: a run of
// letters and digits, with inner apostrophes ("N'Djamena") and dotted
// initials ("U.S.") kept whole; a possessive "'s" is left out.
type word struct {
	start, end int
	cap        bool // first letter upper case
	upper      bool // no lower-case letters
	init       bool // first word of a sentence (or after an opening quote there)
	// join is how this word connects to the next: 0 no join, 1 space, 2 hyphen, 3 ". " after an abbreviation.
	join uint8
	// poss reports a possessive "'s" right after the word.
	poss bool
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApos(r rune) bool { return r == '\'' || r == '’' }

// scanWords splits text into words, appending to ws; a word after . ! ? or
// a line break is marked as a sentence start (the segmenter's sentences,
// when present, override this in markSentenceStarts).
func scanWords(text string, ws []word) []word {
	n := len(text)
	atStart := true // no word yet since a sentence end
	for i := 0; i < n; {
		r, sz := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, sz = utf8.DecodeRuneInString(text[i:])
		}
		if !isWordRune(r) {
			switch r {
			case '.', '!', '?', '\n':
				atStart = true
			}
			i += sz
			continue
		}
		w := word{start: i, init: atStart}
		atStart = false
		j := i
		letters := 0
		lower := false
		first := true
		for j < n {
			q, qs := rune(text[j]), 1
			if q >= utf8.RuneSelf {
				q, qs = utf8.DecodeRuneInString(text[j:])
			}
			if isWordRune(q) {
				if unicode.IsLetter(q) {
					if first {
						w.cap = unicode.IsUpper(q)
					}
					letters++
					if unicode.IsLower(q) {
						lower = true
					}
				}
				first = false
				j += qs
				continue
			}
			if isApos(q) && j+qs < n {
				nr, ns := utf8.DecodeRuneInString(text[j+qs:])
				if !isWordRune(nr) {
					break
				}
				// Possessive 's ends the word.
				if (nr == 's' || nr == 'S') && (j+qs+ns >= n || !isWordRune(runeAt(text, j+qs+ns))) {
					w.poss = true
					break
				}
				j += qs
				continue
			}
			// Dotted initials: U.S., U.K., D.C.
			if q == '.' && letters == 1 && j-w.start <= 4 && j+2 < n && isUpperASCII(text[j+1]) && (j+2 == n || text[j+2] == '.') {
				j++
				letters = 0
				continue
			}
			if q == '.' && letters == 1 && w.cap && j-2 >= w.start && text[j-2] == '.' {
				j++ // closing dot of U.S.
			}
			break
		}
		w.end = j
		w.upper = !lower
		// Join with the next word.
		k := j
		if w.poss {
			k = j + utf8.RuneLen(runeAt(text, j)) + 1
		}
		if !w.poss && k < n {
			switch {
			case text[k] == ' ':
				for k < n && text[k] == ' ' {
					k++
				}
				if k < n && isWordRune(runeAt(text, k)) {
					w.join = 1
				}
			case text[k] == '-':
				if k+1 < n && isWordRune(runeAt(text, k+1)) {
					w.join = 2
				}
			case text[k] == '.' && k+1 < n && text[k+1] == ' ' && abbrevJoin(text[w.start:w.end]):
				w.join = 3
			}
			if k+2 < n && text[k] == 0xc2 && text[k+1] == 0xa0 && isWordRune(runeAt(text, k+2)) {
				w.join = 1 // no-break space
			}
		}
		ws = append(ws, w)
		i = j
		if w.poss {
			i = k
		}
		if j > w.start && text[j-1] == '.' && !w.poss {
			// "U.S." may end a sentence; the next capitalised word decides.
			atStart = false
		}
	}
	return ws
}

func runeAt(s string, i int) rune {
	if i >= len(s) {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

func isUpperASCII(c byte) bool { return 'A' <= c && c <= 'Z' }

// abbrevJoin reports abbreviations that begin place names ("St. Louis").
func abbrevJoin(w string) bool {
	switch w {
	case "St", "Mt", "Ft", "Pt", "Ste":
		return true
	}
	return false
}
