// Package clean is the first pipeline stage: it turns Doc.Raw (plain text
// or HTML) into Doc.Text, the article body as paragraphs separated by one
// blank line. It rejects input that cannot be analysed (empty, binary),
// repairs invalid UTF-8, extracts the article from HTML with
// go-trafilatura, strips boilerplate (calls to subscribe, comment, share or
// follow, photo credits, related links, ads, bylines, timestamps) into
// Doc.Removed, marks image captions in Doc.Captions and guesses the
// language.
package clean

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/segment"
)

// Name is the stage name.
const Name = "clean"

// Cleaner is the clean stage. It is safe for concurrent use.
type Cleaner struct {
	lx *lexicon
}

var _ pipeline.Stage = (*Cleaner)(nil)

// New returns the clean stage with its embedded cue lexicon.
func New() (*Cleaner, error) {
	lx, err := parseCues(cuesTSV)
	if err != nil {
		return nil, err
	}
	return &Cleaner{lx: lx}, nil
}

// Name returns "clean".
func (*Cleaner) Name() string { return Name }

// para is one paragraph of the text being built.
type para struct {
	text    string
	caption bool
}

// Process fills doc.Text, doc.Removed, doc.Captions and doc.Language from
// doc.Raw, and metadata from HTML where the input gave none. It returns an
// error wrapping pipeline.ErrReject for input that is empty or binary.
func (c *Cleaner) Process(ctx context.Context, doc *sitrep.Doc) error {
	raw := doc.Raw
	if err := checkRaw(raw); err != nil {
		return err
	}
	if !utf8.ValidString(raw) {
		n := countInvalid(raw)
		raw = strings.ToValidUTF8(raw, "\uFFFD")
		doc.Diagnose(Name, fmt.Sprintf("invalid UTF-8: replaced %d bad bytes with U+FFFD", n))
	}
	var paras []para
	if doc.RawHTML {
		var err error
		paras, err = c.fromHTML(raw, doc)
		if err != nil {
			return err
		}
	} else {
		paras = textParas(raw)
	}
	kept, removed := c.filter(paras)
	doc.Removed = append(doc.Removed, removed...)
	if len(kept) == 0 {
		if len(removed) > 0 {
			return fmt.Errorf("%w: no article text: all %d paragraphs were boilerplate", pipeline.ErrReject, len(paras))
		}
		return fmt.Errorf("%w: no article text", pipeline.ErrReject)
	}

	var b strings.Builder
	n := 0
	for _, p := range kept {
		n += len(p.text) + 2
	}
	b.Grow(n)
	doc.Captions = doc.Captions[:0]
	for i, p := range kept {
		if i > 0 {
			b.WriteString("\n\n")
		}
		if p.caption {
			doc.Captions = append(doc.Captions, sitrep.Span{Start: b.Len(), End: b.Len() + len(p.text)})
		}
		b.WriteString(p.text)
	}
	doc.Text = b.String()

	code, english := detectLanguage(doc.Text)
	if code != "" {
		doc.Language = sitrep.NullString(code)
	}
	if !english && code != "" {
		doc.Diagnose(Name, fmt.Sprintf("language: not English (%s)", code))
	}
	return nil
}

// checkRaw rejects input with no text or that looks binary: a NUL byte, or
// more than 5% control characters and invalid bytes.
func checkRaw(raw string) error {
	if strings.TrimFunc(raw, func(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' }) == "" {
		if raw == "" {
			return fmt.Errorf("%w: empty document", pipeline.ErrReject)
		}
		return fmt.Errorf("%w: empty document (only whitespace)", pipeline.ErrReject)
	}
	if (strings.HasPrefix(raw, "\xff\xfe") || strings.HasPrefix(raw, "\xfe\xff")) && strings.IndexByte(raw[:min(len(raw), 64)], 0) > 0 {
		return fmt.Errorf("%w: UTF-16 text (convert it to UTF-8)", pipeline.ErrReject)
	}
	if strings.IndexByte(raw, 0) >= 0 {
		return fmt.Errorf("%w: binary data (NUL bytes)", pipeline.ErrReject)
	}
	bad, runes := 0, 0
	for i := 0; i < len(raw); {
		c := raw[i]
		runes++
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' || c == 0x7f {
				bad++
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(raw[i:])
		if r == utf8.RuneError && w == 1 || r >= 0x80 && r < 0xa0 {
			bad++
		}
		i += w
	}
	if bad >= 4 && bad*20 > runes {
		return fmt.Errorf("%w: binary data (%d of %d characters are control codes or invalid UTF-8)", pipeline.ErrReject, bad, runes)
	}
	return nil
}

func countInvalid(s string) int {
	n := 0
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 {
			n++
		}
		i += w
	}
	return n
}

// textParas splits plain text into paragraphs: line endings normalised,
// control and invisible format characters dropped, runs of spaces
// collapsed, lines trimmed, blank lines separating paragraphs. Inside a
// paragraph a line break is kept (it ends a sentence) unless the line is
// hard-wrapped prose: no closing punctuation and a lower-case next line.
func textParas(raw string) []para {
	var paras []para
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, para{text: joinLines(cur)})
			cur = cur[:0]
		}
	}
	if strings.Contains(raw, "\u2028") || strings.Contains(raw, "\u2029") {
		raw = strings.NewReplacer("\u2028", "\n", "\u2029", "\n\n").Replace(raw)
	}
	for len(raw) > 0 {
		i := strings.IndexByte(raw, '\n')
		lineEnd := i
		if lineEnd < 0 {
			lineEnd = len(raw)
		}
		if r := strings.IndexByte(raw[:lineEnd], '\r'); r >= 0 {
			i = r
		}
		line := raw
		if i < 0 {
			raw = ""
		} else {
			line = raw[:i]
			w := 1
			if raw[i] == '\r' && i+1 < len(raw) && raw[i+1] == '\n' {
				w = 2
			}
			raw = raw[i+w:]
		}
		l := cleanLine(line)
		if l == "" {
			flush()
			continue
		}
		cur = append(cur, l)
	}
	flush()
	return paras
}

// joinLines joins the lines of a paragraph, unwrapping hard-wrapped prose.
func joinLines(lines []string) string {
	if len(lines) == 1 {
		return lines[0]
	}
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			if wrapped(lines[i-1], l) {
				b.WriteByte(' ')
			} else {
				b.WriteByte('\n')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

func wrapped(prev, next string) bool {
	r, _ := utf8.DecodeRuneInString(next)
	if !unicode.IsLower(r) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(prev)
	switch last {
	case '.', '!', '?', ':', ';', '"', '\u201d', '\u2019', ')':
		return false
	}
	return true
}

// cleanLine drops control and invisible format characters, turns every
// kind of space into ' ', collapses runs of spaces and trims.
func cleanLine(s string) string {
	if !needsCleaning(s) {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\t' || r == ' ' || r >= 0x80 && unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
			space = true
			continue
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
			continue
		case r == '\u200c' || r == '\u200d':
			// joiners shape emoji and Indic or Persian script: keep
		case r == '\u00ad' || unicode.Is(unicode.Cf, r):
			continue // soft hyphen, zero-width space, BOM, bidi marks
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// needsCleaning reports whether cleanLine has more to do than trim: a
// character to drop or a space to fold or collapse.
func needsCleaning(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f || c == ' ' && i+1 < len(s) && s[i+1] == ' ' {
				return true
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && w == 1, r <= 0xa0, r == 0xad, r == 0x1680, r == 0x3000, r == 0xfeff, r >= 0xfff0 && r <= 0xffff,
			r >= 0x2000 && r <= 0x200f, r >= 0x2028 && r <= 0x202f, r >= 0x205f && r <= 0x206f:
			return true
		case r < 0x2000:
			// Cf below U+2000: Arabic, Syriac and Mongolian marks.
			if unicode.Is(unicode.Cf, r) {
				return true
			}
		case r > 0x206f && unicode.Is(unicode.Cf, r):
			return true
		}
		i += w
	}
	return false
}

// filter strips photo credits (keeping the caption they close) and
// boilerplate sentences or paragraphs.
func (c *Cleaner) filter(paras []para) (kept []para, removed []sitrep.Removed) {
	kept = make([]para, 0, len(paras))
	for _, p := range paras {
		if rest, credit, ok := c.stripCredit(p.text); ok {
			if countWords(rest) < 3 {
				credit = p.text // a credit line with at most a stray word
				rest = ""
			}
			removed = append(removed, sitrep.Removed{Text: credit, Reason: ReasonCredit})
			if rest == "" {
				continue
			}
			p = para{text: rest, caption: true}
		}
		if reason := c.lx.matchLine(p.text); reason != "" && !p.caption {
			removed = append(removed, sitrep.Removed{Text: p.text, Reason: reason})
			continue
		}
		folded := foldLower(p.text)
		if !c.lx.mayMatch(folded) {
			kept = append(kept, p)
			continue
		}
		text, rm := c.filterSentences(p.text)
		removed = append(removed, rm...)
		if text != "" {
			p.text = text
			kept = append(kept, p)
		}
	}
	return kept, removed
}

// filterSentences removes boilerplate sentences from a paragraph. A short
// paragraph (at most 40 words, no quotation) with a boilerplate sentence is
// boilerplate as a whole: the teaser question before "Join the discussion"
// goes with it.
func (c *Cleaner) filterSentences(p string) (string, []sitrep.Removed) {
	d := sitrep.Doc{Text: p}
	segment.Split(&d)
	reasons := make([]string, len(d.Sentences))
	first := ""
	for i, s := range d.Sentences {
		reasons[i] = c.lx.matchSentence(p[s.Start:s.End])
		if first == "" {
			first = reasons[i]
		}
	}
	if first == "" {
		return p, nil
	}
	if countWords(p) <= 40 && !strings.ContainsAny(p, "\"\u201c\u201d\u00ab\u00bb") {
		return "", []sitrep.Removed{{Text: p, Reason: first}}
	}
	var b strings.Builder
	var removed []sitrep.Removed
	gap := ""
	for i, s := range d.Sentences {
		if reasons[i] != "" {
			removed = append(removed, sitrep.Removed{Text: p[s.Start:s.End], Reason: reasons[i]})
			if strings.Contains(p[s.Start:s.End], "\n") || gap == "" {
				gap = " "
			}
			continue
		}
		if b.Len() > 0 {
			// Keep the original separator (space or line break).
			sep := p[d.Sentences[i-1].End:s.Start]
			if strings.Contains(sep, "\n") {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p[s.Start:s.End])
	}
	return b.String(), removed
}

// stripCredit finds a photo credit closing a paragraph: "(Getty Images)",
// "(Photo: Reuters)", "Photo: AFP". It returns the text before it, the
// credit, and whether one was found.
func (c *Cleaner) stripCredit(p string) (rest, credit string, ok bool) {
	if countWords(p) <= 10 && c.lx.isCredit(p) {
		return "", p, true
	}
	// Captions are short; a long paragraph ending in "(AP)" is prose.
	if countWords(p) > 40 {
		return p, "", false
	}
	if t := strings.TrimRight(p, " "); strings.HasSuffix(t, ")") {
		if open := strings.LastIndexByte(t, '('); open >= 0 {
			inner := t[open+1 : len(t)-1]
			if c.lx.isCredit(inner) && !expands(p[:open], inner) {
				return strings.TrimSpace(p[:open]), p[open:], true
			}
		}
	}
	// An unbracketed, capitalised label near the end: "... on Monday
	// Photo: Reuters". Only the last 120 bytes can hold one; they are
	// lower-cased once (ASCII only, so offsets hold) for the search.
	lo := max(len(p)-120, 0)
	var buf [120]byte
	win := buf[:len(p)-lo]
	for k := range win {
		c := p[lo+k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		win[k] = c
	}
	best := -1
	for k := len(win) - 1; k >= 0; k-- {
		if win[k] < 'a' || win[k] > 'z' || k > 0 && isASCIIAlnum(win[k-1]) {
			continue
		}
		var pre string
		for _, cand := range c.lx.prefixByFirst[win[k]-'a'] {
			if len(win)-k >= len(cand) && string(win[k:k+len(cand)]) == cand {
				pre = cand
				break
			}
		}
		if pre == "" {
			continue
		}
		i := lo + k
		if i == 0 || !('A' <= p[i] && p[i] <= 'Z') {
			continue
		}
		if r, _ := utf8.DecodeLastRuneInString(p[:i]); isAlnum(r) {
			continue
		}
		if tail := p[i:]; countWords(tail) <= 8 && !strings.ContainsAny(tail, "!?\u201c\u201d\"") {
			best = i // the earliest label whose tail is a short credit
		}
	}
	if best > 0 {
		return strings.TrimSpace(p[:best]), p[best:], true
	}
	return p, "", false
}

// expands reports whether the words before an acronym in brackets spell
// it out, "Environmental Protection Agency (EPA)": a definition, not a
// credit.
func expands(before, acronym string) bool {
	acronym = strings.TrimSpace(acronym)
	if len(acronym) < 2 || len(acronym) > 6 {
		return false
	}
	words := strings.Fields(before)
	var initials []byte
	for i := len(words) - 1; i >= 0 && len(initials) < len(acronym); i-- {
		w := strings.Trim(words[i], "\"'“”‘’,")
		if w == "" || w == "of" || w == "the" || w == "and" || w == "for" {
			continue
		}
		initials = append([]byte{w[0] | 0x20}, initials...)
	}
	return strings.EqualFold(string(initials), acronym)
}

func countWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		sp := s[i] == ' ' || s[i] == '\n' || s[i] == '\t'
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}
