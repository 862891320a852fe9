package clean

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed cues.tsv
var cuesTSV string

// Removal reasons.
const (
	ReasonNewsletter = "newsletter"
	ReasonComments   = "comments"
	ReasonShare      = "share"
	ReasonFollow     = "follow"
	ReasonCredit     = "credit"
	ReasonAd         = "ad"
	ReasonRelated    = "related"
	ReasonByline     = "byline"
	ReasonTimestamp  = "timestamp"
)

// cue is one boilerplate phrase.
type cue struct {
	reason, where, phrase string
}

// lexicon holds the parsed cue table; it is read-only after parsing and so
// safe for concurrent use.
type lexicon struct {
	sentence []cue               // start, any and exact cues
	byFirst  map[string][]string // sentence cue phrases by their first word
	odd      []string            // sentence cue phrases not opening with a letter
	lines    []cue               // bylines and timestamps: short paragraphs
	// prefixByFirst holds the credit labels by first letter (a-z).
	prefixByFirst [26][]string
	prefixes      []string        // credit labels: "photo:", "image:"
	agencies      map[string]bool // credit lines on their own: "getty images"
}

// parseCues parses the cue table; bad lines are reported as cues.tsv:LINE.
func parseCues(src string) (*lexicon, error) {
	lx := &lexicon{agencies: map[string]bool{}, byFirst: map[string][]string{}}
	for n, line := range strings.Split(src, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 || f[2] == "" || f[2] != foldLower(f[2]) {
			return nil, fmt.Errorf("clean: cues.tsv:%d: want reason, where, lower-case phrase: %q", n+1, line)
		}
		c := cue{reason: f[0], where: f[1], phrase: f[2]}
		switch c.reason {
		case ReasonNewsletter, ReasonComments, ReasonShare, ReasonFollow, ReasonCredit, ReasonAd, ReasonRelated,
			ReasonByline, ReasonTimestamp:
		default:
			return nil, fmt.Errorf("clean: cues.tsv:%d: unknown reason %q", n+1, c.reason)
		}
		switch c.where {
		case "start", "any", "exact":
			lx.sentence = append(lx.sentence, c)
			if w := firstWord(c.phrase); w != "" {
				lx.byFirst[w] = append(lx.byFirst[w], c.phrase)
			} else {
				lx.odd = append(lx.odd, c.phrase)
			}
		case "line":
			lx.lines = append(lx.lines, c)
		case "prefix":
			if c.phrase[0] < 'a' || c.phrase[0] > 'z' {
				return nil, fmt.Errorf("clean: cues.tsv:%d: a credit label must start with a letter: %q", n+1, c.phrase)
			}
			lx.prefixes = append(lx.prefixes, c.phrase)
			lx.prefixByFirst[c.phrase[0]-'a'] = append(lx.prefixByFirst[c.phrase[0]-'a'], c.phrase)
		case "agency":
			lx.agencies[c.phrase] = true
		default:
			return nil, fmt.Errorf("clean: cues.tsv:%d: unknown position %q", n+1, c.where)
		}
	}
	return lx, nil
}

// foldLower lower-cases s and folds curly quotes and dashes to ASCII so
// that cues written in ASCII match typographic text.
func foldLower(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w
		switch r {
		case '\u2018', '\u2019', '\u201b', '\u2032', '\u02bc':
			b = append(b, '\'')
		case '\u201c', '\u201d', '\u201e', '\u00ab', '\u00bb':
			b = append(b, '"')
		case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
			b = append(b, '-')
		default:
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
	}
	return string(b)
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// boundedAt reports whether phrase occurs in s at i as whole words.
func boundedAt(s string, i int, phrase string) bool {
	if !strings.HasPrefix(s[i:], phrase) {
		return false
	}
	if i > 0 {
		if r, _ := utf8.DecodeLastRuneInString(s[:i]); isAlnum(r) {
			if r0, _ := utf8.DecodeRuneInString(phrase); isAlnum(r0) {
				return false
			}
		}
	}
	j := i + len(phrase)
	if j < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[j:]); isAlnum(r) {
			if rl, _ := utf8.DecodeLastRuneInString(phrase); isAlnum(rl) {
				return false
			}
		}
	}
	return true
}

// containsWord reports whether phrase occurs in s as whole words.
func containsWord(s, phrase string) bool {
	for off := 0; off < len(s); {
		i := strings.Index(s[off:], phrase)
		if i < 0 {
			return false
		}
		if boundedAt(s, off+i, phrase) {
			return true
		}
		off += i + 1
	}
	return false
}

// trimPunct trims everything but letters and digits from both ends.
func trimPunct(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return !isAlnum(r) })
}

// matchSentence returns the reason a sentence is boilerplate, or "".
func (lx *lexicon) matchSentence(sent string) string {
	f := foldLower(sent)
	core := trimPunct(f)
	if core == "" {
		return ""
	}
	lead := strings.TrimLeftFunc(f, func(r rune) bool { return !isAlnum(r) })
	words := -1
	for _, c := range lx.sentence {
		switch c.where {
		case "exact":
			if core == c.phrase {
				return c.reason
			}
		case "start":
			if boundedAt(lead, 0, c.phrase) {
				return c.reason
			}
		case "any":
			if words < 0 {
				words = len(strings.Fields(f))
			}
			if words <= 25 && containsWord(f, c.phrase) {
				return c.reason
			}
		}
	}
	return ""
}

// firstWord returns the leading run of ASCII letters of s.
func firstWord(s string) string {
	i := 0
	for i < len(s) && 'a' <= s[i] && s[i] <= 'z' {
		i++
	}
	return s[:i]
}

// mayMatch is a cheap pre-check: whether any sentence cue occurs in the
// folded paragraph. It looks up each word once instead of searching for
// every phrase.
func (lx *lexicon) mayMatch(folded string) bool {
	for _, p := range lx.odd {
		if strings.Contains(folded, p) {
			return true
		}
	}
	for i := 0; i < len(folded); {
		c := folded[i]
		if c < 'a' || c > 'z' {
			i++
			continue
		}
		j := i
		for j < len(folded) && 'a' <= folded[j] && folded[j] <= 'z' {
			j++
		}
		if i == 0 || !isASCIIAlnum(folded[i-1]) {
			for _, p := range lx.byFirst[folded[i:j]] {
				if strings.HasPrefix(folded[i:], p) {
					return true
				}
			}
		}
		i = j
	}
	return false
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z'
}

// matchLine returns the reason a short paragraph is a byline or a
// timestamp, or "".
func (lx *lexicon) matchLine(p string) string {
	if len(lx.lines) == 0 || strings.Contains(p, "\n") {
		return ""
	}
	if n := countWords(p); n < 2 || n > 12 {
		return ""
	}
	f := foldLower(p)
	for _, c := range lx.lines {
		if !boundedAt(f, 0, c.phrase) {
			continue
		}
		rest := strings.Fields(p[len(c.phrase):]) // the phrase is ASCII: offsets hold
		switch c.reason {
		case ReasonByline:
			if bylineNames(rest) {
				return c.reason
			}
		default:
			if strings.ContainsAny(p, "0123456789") {
				return c.reason
			}
		}
	}
	return ""
}

// bylineNames reports whether the words after "By" are names and titles:
// capitalised words, "and", "in", "the", "of" and commas.
func bylineNames(words []string) bool {
	if len(words) == 0 {
		return false
	}
	for i, w := range words {
		w = strings.Trim(w, ",|-–—")
		if w == "" {
			continue
		}
		switch w {
		case "and", "in", "the", "of", "&":
			if i == 0 {
				return false
			}
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	// "By Tuesday" or "By January" opens prose, not a byline.
	switch strings.Trim(words[0], ",") {
	case "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
		"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December", "Then", "Now", "Contrast", "Comparison":
		return false
	}
	return true
}

// isCredit reports whether s (the inside of a parenthesis, or the tail of
// a paragraph) is a photo credit.
func (lx *lexicon) isCredit(s string) bool {
	f := strings.TrimSpace(foldLower(s))
	if f == "" || len(strings.Fields(f)) > 10 {
		return false
	}
	for _, p := range lx.prefixes {
		if boundedAt(f, 0, p) {
			return true
		}
	}
	// "Getty Images", "AFP via Getty Images", "Reuters/John Smith",
	// "AP Photo/Jane Doe": an agency name opening or closing the credit.
	f = strings.TrimSuffix(f, ".")
	if lx.agencies[f] {
		return true
	}
	parts := strings.FieldsFunc(f, func(r rune) bool { return r == '/' || r == ',' || r == ';' || r == '|' })
	if len(parts) > 1 {
		for _, p := range parts {
			if lx.agencies[strings.TrimSpace(p)] {
				return true
			}
		}
	}
	if i := strings.LastIndex(f, " via "); i >= 0 && lx.agencies[strings.TrimSpace(f[i+5:])] {
		return true
	}
	return false
}
