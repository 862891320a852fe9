package clean

import (
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
)

// englishStop are frequent English function words. In English news about
// two words in five are among them; in other languages that use the Latin
// script almost none are, so their share is a cheap, reliable test that
// spares the trigram detector for the common case.
var englishStop = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "in": true, "a": true, "is": true, "that": true,
	"for": true, "on": true, "with": true, "was": true, "as": true, "by": true, "it": true, "at": true,
	"from": true, "his": true, "her": true, "he": true, "she": true, "they": true, "have": true, "has": true,
	"had": true, "be": true, "been": true, "were": true, "are": true, "this": true, "which": true,
	"who": true, "said": true, "will": true, "would": true, "not": true, "but": true, "or": true,
	"an": true, "their": true, "its": true, "after": true, "there": true, "we": true, "than": true,
	"more": true, "about": true, "into": true, "also": true, "can": true, "could": true, "our": true,
}

// detectLanguage guesses the ISO 639-1 code of text and whether it is
// English. It returns "" when the text is too short to tell.
func detectLanguage(text string) (code string, english bool) {
	words, stop := 0, 0
	var buf [8]byte
	for i := 0; i < len(text); {
		c := text[i]
		if !isASCIILetter(c) {
			i++
			continue
		}
		j := i
		for j < len(text) && isASCIILetter(text[j]) {
			j++
		}
		// A word glued to a non-ASCII letter (é, ß) is not English.
		if j < len(text) && text[j] >= 0x80 || i > 0 && text[i-1] >= 0x80 {
			words++
			i = j
			continue
		}
		words++
		if n := j - i; n <= len(buf) {
			for k := 0; k < n; k++ {
				buf[k] = text[i+k] | 0x20
			}
			if englishStop[string(buf[:n])] {
				stop++
			}
		}
		i = j
	}
	switch {
	case words >= 20 && stop*100 >= words*15:
		return "en", true
	case words < 20 && stop > 0 && stop*100 >= words*10:
		return "en", true
	}
	sample := text
	if len(sample) > 2000 { // enough for trigram statistics
		cut := 2000
		for cut > 0 && !utf8.RuneStart(sample[cut]) {
			cut--
		}
		sample = sample[:cut]
	}
	info := whatlanggo.Detect(sample)
	if info.Lang == -1 || words < 5 && !info.IsReliable() {
		return "", true // too little to tell: assume the pipeline's language
	}
	code = info.Lang.Iso6391()
	return code, code == "en"
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
