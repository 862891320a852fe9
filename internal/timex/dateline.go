package timex

import (
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/timex/lex"
)

// headerBytes is how far into the text a dateline is looked for.
const headerBytes = 600

// Dateline is a publication date read from the head of a text.
type Dateline struct {
	// Date is the publication date, YYYY-MM-DD.
	Date string
	// Start and End are the byte span of the date in the text.
	Start, End int
	// HeaderEnd is the byte offset just past the last dated header line
	// ("ISAF Update, Jan. 10, 2011 ... KABUL (Jan. 10, 2011) –"): the body
	// begins after it.
	HeaderEnd int
	// YearFrom is "text" when the date carried its year, "header" when the
	// year came from another number in the header (a release code).
	YearFrom string
}

// FindDateline looks in the first lines of text for a date set off as a
// dateline: in parentheses after a place ("KABUL, Afghanistan (Jan. 25,
// 2013)"), followed by a colon or dash ("Dec. 6: ...", "Sept. 1 -"), or
// closing a header line ("Operational Update June 13, 2011"). A date
// without a year takes the nearest year written in the header (such as a
// release code "2010-09-CA-005"). ok is false when no dated dateline is
// found.
func FindDateline(text string) (Dateline, bool) {
	cut := min(len(text), headerBytes)
	for cut < len(text) && !utf8.RuneStart(text[cut]) {
		cut--
	}
	head := text[:cut]
	s := tagger{text: head, lo: lex.Lower(head)}
	s.t = lex.Scan(make([]lex.Tok, 0, 128), head, s.lo)
	var dl Dateline
	found := false
	for i := 0; i < len(s.t); i++ {
		y, mo, d, first, limit, ok := s.calendarDate(i)
		if !ok {
			continue
		}
		if !s.datelineContext(first, limit) {
			i = limit - 1
			continue
		}
		end := s.t[limit-1].End
		for k := limit; k < len(s.t) && k <= limit+1 && s.t[k].Kind == lex.Punct && (s.t[k].Lo == ")" || s.t[k].Lo == ":" || lex.IsDash(s.t[k].Lo)); k++ {
			end = s.t[k].End
		}
		if found {
			// A later dated line extends the header only when no sentence
			// comes between: two releases in one text start a second body.
			if !prose(text[dl.HeaderEnd:s.t[first].Start]) {
				dl.HeaderEnd = max(dl.HeaderEnd, end)
			}
			i = limit - 1
			continue
		}
		from := "text"
		if y == 0 {
			y = s.headerYear(first, mo)
			from = "header"
		}
		if y == 0 {
			i = limit - 1
			continue
		}
		if _, err := time.Parse("2006-01-02", fmt.Sprintf("%04d-%02d-%02d", y, mo, d)); err != nil {
			i = limit - 1
			continue
		}
		dl = Dateline{Date: fmt.Sprintf("%04d-%02d-%02d", y, mo, d), Start: s.t[first].Start, End: s.t[limit-1].End, HeaderEnd: end, YearFrom: from}
		found = true
		i = limit - 1
	}
	return dl, found
}

// calendarDate parses "Jan. 25, 2013", "Jan. 25" or "25 January 2013" at
// token i; y is 0 when no year is written.
func (s *tagger) calendarDate(i int) (y, mo, d, first, limit int, ok bool) {
	if m, j, ok := s.month(i); ok {
		if dd, k, ok := s.day(j); ok && validDay(m, dd) {
			yy, ky := s.optYear(k)
			return yy, m, dd, i, ky, true
		}
		return 0, 0, 0, 0, 0, false
	}
	if i < len(s.t) && s.t[i].Kind == lex.Num && !lex.Digits(s.t[i].Lo) {
		// "(2020-10-21)", "(08/15/2013)"
		if m, ok := s.compound(i); ok && len(m.value) == 10 && m.value[4] == '-' {
			yy, _ := lex.Atoi(m.value[:4])
			mm, _ := lex.Atoi(m.value[5:7])
			dd, _ := lex.Atoi(m.value[8:])
			return yy, mm, dd, i, m.limit, true
		}
	}
	if dd, j, ok := s.day(i); ok {
		if s.word(j) == "of" {
			j++
		}
		if m, k, ok := s.month(j); ok && validDay(m, dd) {
			yy, ky := s.optYear(k)
			return yy, m, dd, i, ky, true
		}
	}
	return 0, 0, 0, 0, 0, false
}

// optYear reads an optional ", 2013" or " 2013" at token k.
func (s *tagger) optYear(k int) (int, int) {
	if s.punct(k, ",") {
		if y, ok := s.year(k + 1); ok {
			return y, k + 2
		}
	}
	if y, ok := s.year(k); ok {
		return y, k + 1
	}
	return 0, k
}

// datelineContext reports whether the date over tokens [first, limit) is
// set off as a dateline rather than written inside a sentence.
func (s *tagger) datelineContext(first, limit int) bool {
	if s.punct(first-1, "(") && s.punct(limit, ")") {
		return true
	}
	if limit < len(s.t) {
		n := s.t[limit]
		if n.Kind == lex.Punct && (n.Lo == ":" || lex.IsDash(n.Lo)) {
			return true
		}
		if n.Line {
			return true
		}
	} else if limit == len(s.t) && len(s.t) > 0 && s.t[len(s.t)-1].End == len(s.text) {
		return true
	}
	return false
}

// headerYear finds the year written nearest before token i in the
// header: a plain year or the head of a code such as 2010-09-CA-005, moved
// by one when the code's month and the date's month straddle New Year.
// Plain years after the date belong to the body ("an attack in June
// 2011"); codes may follow it.
func (s *tagger) headerYear(i, mo int) int {
	best, dist := 0, 1<<30
	for k, t := range s.t {
		if t.Kind != lex.Num || len(t.Lo) < 4 {
			continue
		}
		y, ok := lex.Atoi(t.Lo[:4])
		if !ok || y < 1990 || y > 2099 || (len(t.Lo) > 4 && t.Lo[4] != '-') {
			continue
		}
		if len(t.Lo) == 4 && (k > i || k+1 < len(s.t) && s.t[k+1].Kind == lex.Num) {
			continue
		}
		if len(t.Lo) >= 7 {
			if cm, ok := lex.Atoi(t.Lo[5:7]); ok {
				switch {
				case cm == 1 && mo == 12:
					y--
				case cm == 12 && mo == 1:
					y++
				}
			}
		}
		if d := abs(k - i); d < dist {
			best, dist = y, d
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// prose reports whether s holds the end of a sentence: a lower-case word
// of two letters or more closed by a full stop ("... province, today."),
// which header lines ("For Immediate Release", "Lt. Col.") lack.
func prose(s string) bool {
	for i := 2; i < len(s); i++ {
		if s[i] != '.' || i+1 < len(s) && s[i+1] != ' ' && s[i+1] != '\n' && s[i+1] != '\t' && s[i+1] != '\r' {
			continue
		}
		j := i
		for j > 0 && s[j-1] >= 'a' && s[j-1] <= 'z' {
			j--
		}
		if i-j >= 2 && (j == 0 || s[j-1] == ' ' || s[j-1] == '\n') {
			return true
		}
	}
	return false
}
