// Package timex finds time expressions in a document's text and normalises
// them against the publication date (stage "timex", filling Doc.Times). It
// also reads a publication date from a dateline when the input gave none.
//
// Values follow TIMEX3/ISO 8601: a day (2021-08-05), a month (2021-04), a
// year (2021), an ISO week (2021-W31), a decade (199X), a duration (P20Y,
// PT24H) or an interval of two of these (2001/2021). Expressions that need
// the publication date (yesterday, on Tuesday, since April) have type
// "relative" and a null value when that date is unknown; "date" is kept
// for expressions that carry their own year.
//
// Decisions:
//   - A weekday is the last such day on or before publication: a release
//     dated Monday says "Monday" for its own day. After a future cue in
//     the sentence ("will", "scheduled", "next") it is the next one.
//   - A month or day without a year takes the publication year, or the
//     year before when that would put it more than a month after
//     publication ("in March" in a January article), or the year after
//     for the future.
//   - "last night" and "overnight" are the day before publication.
//   - "since April" keeps "since" in its span; its value is the month.
//   - A bare four-digit number is a year after a temporal preposition
//     ("in", "since", "by" ...) or before punctuation or a function word,
//     not before a counted noun ("2000 troops").
//   - "9/11" and "9-11" are 2001-09-11; other slashed dates are US
//     month/day/year unless the first part cannot be a month.
package timex

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/timex/lex"
)

// StageName is the name of the time expression stage.
const StageName = "timex"

// Tagger is the timex stage. It holds no state and is safe for concurrent use.
type Tagger struct{}

// New returns the timex stage.
func New() *Tagger { return &Tagger{} }

// Name returns "timex".
func (*Tagger) Name() string { return StageName }

// Process fills doc.Times. When doc.Published is empty and the text opens
// with a dated dateline, the date is taken from there (with a diagnostic).
func (*Tagger) Process(ctx context.Context, doc *sitrep.Doc) error {
	if doc.Published == "" {
		if dl, ok := FindDateline(doc.Text); ok {
			doc.Published = sitrep.NullString(dl.Date)
			doc.Diagnose(StageName, fmt.Sprintf("published date %s taken from the dateline %q", dl.Date, doc.Text[dl.Start:dl.End]))
		}
	}
	var pub time.Time
	if doc.Published != "" {
		p, err := time.Parse("2006-01-02", string(doc.Published))
		if err != nil {
			doc.Diagnose(StageName, fmt.Sprintf("published date %q is not YYYY-MM-DD: relative times left unresolved", string(doc.Published)))
		} else {
			pub = p
		}
	}
	doc.Times = Tag(doc.Text, pub)
	return nil
}

// Tag returns the time expressions of text in order. pub anchors relative
// expressions; the zero time leaves them unresolved.
func Tag(text string, pub time.Time) []sitrep.TimeExpr {
	lo := lex.Lower(text)
	s := tagger{text: text, lo: lo, pub: pub, has: !pub.IsZero()}
	s.t = lex.Scan(make([]lex.Tok, 0, len(text)/5+1), text, lo)
	s.run()
	return s.out
}

type tagger struct {
	text string
	lo   string // text with ASCII letters lowered
	t    []lex.Tok
	pub  time.Time
	has  bool
	out  []sitrep.TimeExpr
}

// match is one recognised expression over tokens [first, limit).
type match struct {
	first, limit int
	value        string
	typ          string
}

func (s *tagger) run() {
	for i := 0; i < len(s.t); {
		m, ok := s.at(i)
		if !ok {
			i++
			continue
		}
		s.emit(m)
		i = m.limit
	}
	s.mergeRanges()
}

func (s *tagger) emit(m match) {
	a, b := s.t[m.first].Start, s.t[m.limit-1].End
	s.out = append(s.out, sitrep.TimeExpr{Start: a, End: b, Text: s.text[a:b], Value: sitrep.NullString(m.value), Type: m.typ})
}

// word returns token i's lowered text when it is a word, else "".
func (s *tagger) word(i int) string {
	if i < 0 || i >= len(s.t) || s.t[i].Kind != lex.Word {
		return ""
	}
	return s.t[i].Lo
}

// punct reports whether token i is the punctuation p.
func (s *tagger) punct(i int, p string) bool {
	return i >= 0 && i < len(s.t) && s.t[i].Kind == lex.Punct && s.t[i].Lo == p
}

// num returns token i's value when it is a plain run of digits.
func (s *tagger) num(i int) (int, bool) {
	if i < 0 || i >= len(s.t) || s.t[i].Kind != lex.Num {
		return 0, false
	}
	return lex.Atoi(s.t[i].Lo)
}

// year returns token i as a four-digit year.
func (s *tagger) year(i int) (int, bool) {
	if i < 0 || i >= len(s.t) || s.t[i].Kind != lex.Num || len(s.t[i].Lo) != 4 {
		return 0, false
	}
	y, ok := lex.Atoi(s.t[i].Lo)
	return y, ok && y >= 1000 && y <= 2999
}

// day parses a day of the month at token i, with an optional glued
// ordinal suffix ("5th"); it returns the day and the next token.
func (s *tagger) day(i int) (int, int, bool) {
	d, ok := s.num(i)
	if !ok || d < 1 || d > 31 || len(s.t[i].Lo) > 2 {
		return 0, i, false
	}
	j := i + 1
	if w := s.word(j); (w == "st" || w == "nd" || w == "rd" || w == "th") && s.t[j].Glued {
		j++
	}
	return d, j, true
}

// month returns the month named by a capitalised word at token i and the
// token after it (past an abbreviation's dot).
func (s *tagger) month(i int) (int, int, bool) {
	w := s.word(i)
	if w == "" || !s.t[i].Cap {
		return 0, i, false
	}
	m, ok := months[w]
	if !ok {
		return 0, i, false
	}
	j := i + 1
	// Swallow an abbreviation's dot, but not a sentence's after "May".
	if len(w) <= 4 && w != "may" && w != "june" && w != "july" && s.punct(j, ".") && s.t[j].Glued {
		j++
	}
	return m, j, true
}

func (s *tagger) at(i int) (match, bool) {
	t := s.t[i]
	switch t.Kind {
	case lex.Word:
		if !triggers[t.Lo] {
			return match{}, false
		}
		if m, ok := s.deictic(i); ok {
			return m, true
		}
		if _, ok := weekdays[t.Lo]; ok && t.Cap {
			return s.weekday(i)
		}
		if _, ok := months[t.Lo]; ok {
			return s.monthLed(i)
		}
		if d, ok := decadeWords[t.Lo]; ok && s.word(i-1) == "the" {
			return match{i - 1, i + 1, "19" + strconv.Itoa(d) + "X", sitrep.TimeDecade}, true
		}
		if t.Lo == "since" || t.Lo == "early" || t.Lo == "late" || t.Lo == "mid" || t.Lo == "the" || t.Lo == "past" || t.Lo == "last" {
			// Prefixes that belong to the expression they introduce.
			if m, ok := s.prefixed(i); ok {
				return m, true
			}
		}
		if _, ok := smallNumbers[t.Lo]; ok {
			return s.duration(i)
		}
		if (t.Lo == "a" || t.Lo == "an") && i+2 < len(s.t) {
			if _, ok := durUnits[s.word(i+1)]; ok && s.word(i+2) == "ago" {
				return s.duration(i)
			}
		}
	case lex.Num:
		if m, ok := s.numeric(i); ok {
			return m, true
		}
	case lex.Punct:
		if lex.IsQuote(t.Lo) && i+2 < len(s.t) && s.t[i+1].Glued && s.t[i+2].Glued && s.word(i+2) == "s" {
			// '90s
			if n, ok := s.num(i + 1); ok && len(s.t[i+1].Lo) == 2 && n%10 == 0 {
				c := "19"
				if n < 30 {
					c = "20"
				}
				return match{i, i + 3, c + strconv.Itoa(n/10) + "X", sitrep.TimeDecade}, true
			}
		}
	}
	return match{}, false
}

// prefixed matches an expression introduced by a word that is kept in the
// span: "since April", "early August", "the 1990s", "the past two days".
func (s *tagger) prefixed(i int) (match, bool) {
	w := s.t[i].Lo
	j := i + 1
	if w == "the" && (s.word(j) == "past" || s.word(j) == "last" || s.word(j) == "next") {
		j++
	}
	if j >= len(s.t) {
		return match{}, false
	}
	m, ok := s.at(j)
	if !ok || m.first != j {
		return match{}, false
	}
	switch w {
	case "the":
		if m.typ != sitrep.TimeDecade && m.typ != sitrep.TimeDuration {
			return match{}, false
		}
	case "past", "last":
		if m.typ != sitrep.TimeDuration {
			return match{}, false
		}
	}
	m.first = i
	return m, true
}

// deictic matches yesterday, today, last night, this week, earlier this
// month, recent months and the like.
func (s *tagger) deictic(i int) (match, bool) {
	w := s.t[i].Lo
	rel := sitrep.TimeRelative
	day := func(off int, n int) (match, bool) {
		j := i + n
		if partsOfDay[s.word(j)] {
			j++
		}
		return match{i, j, s.dayValue(s.pub.AddDate(0, 0, off)), rel}, true
	}
	switch w {
	case "yesterday":
		return day(-1, 1)
	case "today":
		return day(0, 1)
	case "tonight":
		return day(0, 1)
	case "tomorrow":
		return day(1, 1)
	case "overnight":
		// "an overnight operation": the night before the day of writing.
		return day(-1, 1)
	case "earlier", "later":
		if s.word(i+1) == "today" {
			return match{i, i + 2, s.dayValue(s.pub), rel}, true
		}
		if s.word(i+1) == "this" {
			if m, ok := s.period(i, i+2, 0); ok {
				return m, true
			}
		}
	case "this":
		if partsOfDay[s.word(i+1)] {
			return match{i, i + 2, s.dayValue(s.pub), rel}, true
		}
		return s.period(i, i+1, 0)
	case "last":
		if s.word(i+1) == "night" {
			return match{i, i + 2, s.dayValue(s.pub.AddDate(0, 0, -1)), rel}, true
		}
		return s.period(i, i+1, -1)
	case "next":
		return s.period(i, i+1, 1)
	case "recent":
		switch s.word(i + 1) {
		case "days", "weeks", "months", "years", "decades":
			return match{i, i + 2, "", rel}, true
		}
	}
	return match{}, false
}

// period matches week, month or year at token j, shifted by off periods
// from the publication date; first is the expression's first token.
func (s *tagger) period(first, j, off int) (match, bool) {
	v := ""
	switch s.word(j) {
	case "week":
		if s.has {
			y, wk := s.pub.AddDate(0, 0, 7*off).ISOWeek()
			v = fmt.Sprintf("%04d-W%02d", y, wk)
		}
	case "month":
		if s.has {
			v = s.pub.AddDate(0, off, 1-s.pub.Day()).Format("2006-01")
		}
	case "year":
		if s.has {
			v = strconv.Itoa(s.pub.Year() + off)
		}
	default:
		if d, ok := weekdays[s.word(j)]; ok && s.t[j].Cap && off != 0 {
			m, _ := s.weekday(j)
			if s.has {
				m.value = s.dayValue(s.weekdayDate(d, off))
			}
			m.first = first
			return m, true
		}
		if mo, k, ok := s.month(j); ok && off != 0 && s.word(k) == "" && !s.isNum(k) {
			v := ""
			if s.has {
				y := s.pub.Year()
				if off < 0 && mo >= int(s.pub.Month()) {
					y--
				}
				if off > 0 && mo <= int(s.pub.Month()) {
					y++
				}
				v = fmt.Sprintf("%04d-%02d", y, mo)
			}
			return match{first, k, v, sitrep.TimeRelative}, true
		}
		return match{}, false
	}
	return match{first, j + 1, v, sitrep.TimeRelative}, true
}

func (s *tagger) isNum(i int) bool { return i < len(s.t) && s.t[i].Kind == lex.Num }

func (s *tagger) dayValue(t time.Time) string {
	if !s.has {
		return ""
	}
	return t.Format("2006-01-02")
}

// future reports a future-tense cue in the same sentence shortly before
// token i ("will meet on Tuesday").
func (s *tagger) future(i int) bool {
	for j := i - 1; j >= 0 && j >= i-12; j-- {
		if lex.SentenceBreak(s.t, j+1) {
			return false
		}
		if futureCues[s.word(j)] {
			return true
		}
	}
	return false
}

// weekdayDate returns the weekday d relative to publication: off < 0 the
// last one strictly before, off > 0 the next one strictly after, off == 0
// the last one on or before publication (a release dated Monday says
// "Monday" for its own day).
func (s *tagger) weekdayDate(d, off int) time.Time {
	p := int(s.pub.Weekday())
	switch {
	case off > 0:
		k := (d - p + 7) % 7
		if k == 0 {
			k = 7
		}
		return s.pub.AddDate(0, 0, k)
	case off < 0:
		k := (p - d + 7) % 7
		if k == 0 {
			k = 7
		}
		return s.pub.AddDate(0, 0, -k)
	}
	return s.pub.AddDate(0, 0, -((p - d + 7) % 7))
}

func (s *tagger) weekday(i int) (match, bool) {
	d := weekdays[s.t[i].Lo]
	j := i + 1
	if partsOfDay[s.word(j)] {
		j++
	}
	// "Tuesday, Aug. 3, 2021": the explicit date decides.
	if s.punct(j, ",") {
		if m, ok := s.monthLed(j + 1); ok && (m.typ == sitrep.TimeDate || len(m.value) == 10) {
			m.first = i
			return m, true
		}
	}
	v := ""
	if s.has {
		off := 0
		if s.future(i) {
			off = 1
		}
		v = s.dayValue(s.weekdayDate(d, off))
	}
	return match{i, j, v, sitrep.TimeRelative}, true
}

// anchorYear picks the year for a month (and day) said without one: the
// publication year, or the year before when that date would lie more than
// a month after publication (in a January article, "in March" is last
// March), unless the sentence speaks of the future.
func (s *tagger) anchorYear(i, mo, d int) int {
	y := s.pub.Year()
	if d == 0 {
		d = 1
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if s.future(i) {
		if t.Before(s.pub.AddDate(0, 0, -31)) {
			y++
		}
		return y
	}
	if t.After(s.pub.AddDate(0, 0, 31)) {
		y--
	}
	return y
}

// monthLed matches dates that open with a month name: "Aug. 5, 2021",
// "Aug. 5-7", "January 2013", "since April".
func (s *tagger) monthLed(i int) (match, bool) {
	mo, j, ok := s.month(i)
	if !ok {
		return match{}, false
	}
	if d, k, ok := s.day(j); ok && validDay(mo, d) {
		// Optional range end: "Aug. 5-7".
		d2, k2 := 0, k
		if k < len(s.t) && s.t[k].Kind == lex.Punct && lex.IsDash(s.t[k].Lo) {
			if e, kk, ok := s.day(k + 1); ok && e > d && validDay(mo, e) {
				d2, k2 = e, kk
			}
		}
		y, ky := 0, k2
		if s.punct(k2, ",") {
			if yy, ok := s.year(k2 + 1); ok {
				y, ky = yy, k2+2
			}
		} else if yy, ok := s.year(k2); ok {
			y, ky = yy, k2+1
		}
		typ := sitrep.TimeDate
		if y == 0 {
			typ = sitrep.TimeRelative
			if s.has {
				y = s.anchorYear(i, mo, d)
			}
		}
		v := ""
		if y != 0 {
			v = fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
			if d2 != 0 {
				v += fmt.Sprintf("/%04d-%02d-%02d", y, mo, d2)
			}
		}
		return match{i, ky, v, typ}, true
	}
	// "Aug. 5-7": the scanner reads "5-7" as one number.
	if j < len(s.t) && s.t[j].Kind == lex.Num {
		if a, b, ok := dayRange(s.t[j].Lo); ok && validDay(mo, a) && validDay(mo, b) && b > a {
			y, ky := s.optYear(j + 1)
			typ := sitrep.TimeDate
			if y == 0 {
				typ = sitrep.TimeRelative
				if s.has {
					y = s.anchorYear(i, mo, a)
				}
			}
			v := ""
			if y != 0 {
				v = fmt.Sprintf("%04d-%02d-%02d/%04d-%02d-%02d", y, mo, a, y, mo, b)
			}
			return match{i, ky, v, typ}, true
		}
	}
	// "January 2013", "July, 2010"
	k := j
	if s.punct(k, ",") {
		k++
	}
	if y, ok := s.year(k); ok && s.t[k].Kind == lex.Num && !(k+1 < len(s.t) && s.t[k+1].Glued && s.t[k+1].Kind != lex.Punct) {
		return match{i, k + 1, fmt.Sprintf("%04d-%02d", y, mo), sitrep.TimeDate}, true
	}
	// A bare month needs a preposition before it, and May/March more so.
	prev := s.word(i - 1)
	if !monthPreps[prev] {
		return match{}, false
	}
	if (mo == 5 || mo == 3) && (prev == "to" || prev == "and" || prev == "on") {
		return match{}, false
	}
	v := ""
	if s.has {
		v = fmt.Sprintf("%04d-%02d", s.anchorYear(i, mo, 0), mo)
	}
	return match{i, j, v, sitrep.TimeRelative}, true
}

func validDay(mo, d int) bool {
	if d < 1 {
		return false
	}
	switch mo {
	case 2:
		return d <= 29
	case 4, 6, 9, 11:
		return d <= 30
	}
	return d <= 31
}

// numeric matches expressions that open with a number: "5 August 2021",
// ISO and slashed dates, 9/11, year ranges, years, decades, durations.
func (s *tagger) numeric(i int) (match, bool) {
	t := s.t[i]
	// Part of a code or a word ("AK-47", "2011-07-S-003", "F16"): skip.
	if t.Glued && i > 0 && (s.t[i-1].Kind == lex.Word || (s.t[i-1].Kind == lex.Punct && lex.IsDash(s.t[i-1].Lo) && i > 1 && s.t[i-2].Kind == lex.Word && s.t[i-1].Glued)) {
		return match{}, false
	}
	if i+2 < len(s.t) && s.t[i+1].Glued && s.t[i+1].Kind == lex.Punct && lex.IsDash(s.t[i+1].Lo) && s.t[i+2].Glued && s.t[i+2].Kind == lex.Word {
		if _, ok := durUnits[s.t[i+2].Lo]; !ok {
			return match{}, false
		}
	}
	if i > 0 && (s.punct(i-1, "$") || s.punct(i-1, "£") || s.punct(i-1, "€")) {
		return match{}, false
	}
	if i+1 < len(s.t) && s.t[i+1].Glued && s.punct(i+1, "%") {
		return match{}, false
	}
	if !lex.Digits(t.Lo) {
		return s.compound(i)
	}
	// Day before month: "5 August 2021", "25th of August".
	if d, j, ok := s.day(i); ok {
		if s.word(j) == "of" {
			j++
		}
		if mo, k, ok := s.month(j); ok && validDay(mo, d) {
			if s.punct(k, ",") {
				if y, ok := s.year(k + 1); ok {
					return match{i, k + 2, fmt.Sprintf("%04d-%02d-%02d", y, mo, d), sitrep.TimeDate}, true
				}
			}
			if y, ok := s.year(k); ok {
				return match{i, k + 1, fmt.Sprintf("%04d-%02d-%02d", y, mo, d), sitrep.TimeDate}, true
			}
			v := ""
			if s.has {
				v = fmt.Sprintf("%04d-%02d-%02d", s.anchorYear(i, mo, d), mo, d)
			}
			return match{i, k, v, sitrep.TimeRelative}, true
		}
	}
	if y, ok := s.year(i); ok && i+1 < len(s.t) && s.t[i+1].Glued && s.word(i+1) == "s" && y%10 == 0 {
		return match{i, i + 2, strconv.Itoa(y/10) + "X", sitrep.TimeDecade}, true
	}
	if m, ok := s.duration(i); ok {
		return m, true
	}
	if y, ok := s.year(i); ok && y >= 1900 && y <= 2099 && s.yearContext(i) {
		return match{i, i + 1, strconv.Itoa(y), sitrep.TimeDate}, true
	}
	return match{}, false
}

// yearContext reports whether the four-digit number at i reads as a year.
func (s *tagger) yearContext(i int) bool {
	if i > 0 {
		if yearPreps[s.word(i-1)] {
			return true
		}
		if s.punct(i-1, "(") {
			return true
		}
	}
	if i+1 >= len(s.t) {
		return true
	}
	n := s.t[i+1]
	switch n.Kind {
	case lex.Punct:
		return n.Lo != "%" && n.Lo != "-"
	case lex.Num:
		return false
	}
	return n.Cap || yearFollowers[n.Lo]
}

// compound matches a number token with inner separators.
func (s *tagger) compound(i int) (match, bool) {
	t := s.t[i].Lo
	if strings.ContainsAny(t, ",:") {
		return match{}, false
	}
	// A further glued separator means a code: 2011-07-S-003, 1.2.3.4
	if i+1 < len(s.t) && s.t[i+1].Glued && s.t[i+1].Kind == lex.Punct && (lex.IsDash(s.t[i+1].Lo) || s.t[i+1].Lo == "/") {
		return match{}, false
	}
	var parts [4]string
	n, sep, start := 0, byte(0), 0
	for k := 0; k <= len(t); k++ {
		if k == len(t) || t[k] == '-' || t[k] == '/' || t[k] == '.' {
			if n == len(parts) {
				return match{}, false
			}
			parts[n] = t[start:k]
			n++
			start = k + 1
			if k < len(t) {
				if sep != 0 && sep != t[k] {
					return match{}, false
				}
				sep = t[k]
			}
		}
	}
	switch n {
	case 2:
		a, _ := lex.Atoi(parts[0])
		b, _ := lex.Atoi(parts[1])
		if (sep == '/' || sep == '-') && a == 9 && b == 11 && len(parts[0]) == 1 {
			return match{i, i + 1, "2001-09-11", sitrep.TimeDate}, true
		}
		if sep == '-' && len(parts[0]) == 4 && len(parts[1]) == 4 && a >= 1900 && b > a && b <= 2099 {
			return match{i, i + 1, parts[0] + "/" + parts[1], sitrep.TimeDate}, true
		}
		if sep == '-' && len(parts[0]) == 4 && len(parts[1]) == 2 && a >= 1900 && a <= 2099 && b == (a+1)%100 {
			// "2014-15" season or fiscal year.
			return match{i, i + 1, fmt.Sprintf("%s/%d%02d", parts[0], a/100, b), sitrep.TimeDate}, true
		}
	case 3:
		a, _ := lex.Atoi(parts[0])
		b, _ := lex.Atoi(parts[1])
		c, _ := lex.Atoi(parts[2])
		var y, mo, d int
		switch {
		case len(parts[0]) == 4 && sep == '-':
			y, mo, d = a, b, c
		case (len(parts[2]) == 4 || len(parts[2]) == 2) && sep != '-' || len(parts[2]) == 4:
			y = c
			if len(parts[2]) == 2 {
				y += 2000
				if c >= 50 {
					y -= 100
				}
			}
			// Slashes are US month/day unless the first part cannot be a
			// month; dots are European day.month.
			if sep == '.' || a > 12 {
				d, mo = a, b
			} else {
				mo, d = a, b
			}
		default:
			return match{}, false
		}
		if mo >= 1 && mo <= 12 && validDay(mo, d) && y >= 1000 && y <= 2999 {
			return match{i, i + 1, fmt.Sprintf("%04d-%02d-%02d", y, mo, d), sitrep.TimeDate}, true
		}
	}
	return match{}, false
}

// duration matches "20 years", "two days", "24-hour", "four-day" and "N
// units ago" (a date back from publication).
func (s *tagger) duration(i int) (match, bool) {
	var n float64
	t := s.t[i]
	switch {
	case t.Kind == lex.Num:
		if !lex.Digits(t.Lo) && strings.Count(t.Lo, ".") != 1 {
			return match{}, false
		}
		v, err := strconv.ParseFloat(t.Lo, 64)
		if err != nil {
			return match{}, false
		}
		n = v
	case t.Lo == "a" || t.Lo == "an":
		n = 1
	default:
		v, ok := smallNumbers[t.Lo]
		if !ok {
			return match{}, false
		}
		n = float64(v)
		// "twenty-five"
		if v >= 20 && i+2 < len(s.t) && s.t[i+1].Glued && lex.IsDash(s.t[i+1].Lo) {
			if u, ok := smallNumbers[s.word(i+2)]; ok && u < 10 {
				n += float64(u)
				i += 2
			}
		}
	}
	j := i + 1
	if j < len(s.t) && s.t[j].Glued && s.t[j].Kind == lex.Punct && lex.IsDash(s.t[j].Lo) {
		j++
	}
	u, ok := durUnits[s.word(j)]
	if !ok {
		return match{}, false
	}
	// "a 20-year-old": an age, not a span of time.
	if j+2 < len(s.t) && s.t[j+1].Glued && lex.IsDash(s.t[j+1].Lo) && s.word(j+2) == "old" {
		return match{}, false
	}
	first := s.first(i)
	if s.word(j+1) == "ago" {
		v := ""
		if s.has && n == float64(int(n)) {
			k := int(n) * u.mult
			switch {
			case u.time:
				v = s.dayValue(s.pub)
			case u.des == "Y":
				v = strconv.Itoa(s.pub.Year() - k)
			case u.des == "M":
				v = s.pub.AddDate(0, -k, 1-s.pub.Day()).Format("2006-01")
			case u.des == "W":
				v = s.dayValue(s.pub.AddDate(0, 0, -7*k))
			default:
				v = s.dayValue(s.pub.AddDate(0, 0, -k))
			}
		}
		return match{first, j + 2, v, sitrep.TimeRelative}, true
	}
	if t.Lo == "a" || t.Lo == "an" {
		return match{}, false
	}
	num := strconv.FormatFloat(n*float64(u.mult), 'f', -1, 64)
	v := "P" + num + u.des
	if u.time {
		v = "PT" + num + u.des
	}
	return match{first, j + 1, v, sitrep.TimeDuration}, true
}

// first returns the duration's first token: the number word itself.
func (s *tagger) first(i int) int {
	for i > 0 && s.t[i].Kind == lex.Word && s.t[i].Glued && lex.IsDash(s.t[i-1].Lo) && i >= 2 && smallNumbers[s.word(i-2)] >= 20 {
		return i - 2
	}
	return i
}

// mergeRanges joins "from 2001 to 2021", "between 1996 and 2001" and
// "2001 - 2021" into one interval.
func (s *tagger) mergeRanges() {
	if len(s.out) < 2 {
		return
	}
	lo := s.lo
	w := 0
	for r := 0; r < len(s.out); r++ {
		a := s.out[r]
		if r+1 < len(s.out) && a.Value != "" && (a.Type == sitrep.TimeDate) {
			b := s.out[r+1]
			mid := strings.TrimSpace(lo[a.End:b.Start])
			before := strings.TrimSpace(lo[max(0, a.Start-9):a.Start])
			ok := b.Value != "" && b.Type == a.Type && !strings.Contains(string(a.Value), "/") && !strings.Contains(string(b.Value), "/") && len(a.Value) == len(b.Value) && a.Value < b.Value
			switch {
			case !ok:
			case mid == "to" || mid == "until" || mid == "through" || lex.IsDash(mid):
			case mid == "and" && strings.HasSuffix(before, "between"):
			default:
				ok = false
			}
			if ok {
				start := a.Start
				for _, p := range []string{"between", "from"} {
					if strings.HasSuffix(before, p) {
						start = strings.LastIndex(lo[:a.Start], p)
					}
				}
				a = sitrep.TimeExpr{Start: start, End: b.End, Text: s.text[start:b.End], Value: a.Value + "/" + b.Value, Type: sitrep.TimeDate}
				r++
			}
		}
		s.out[w] = a
		w++
	}
	s.out = s.out[:w]
}

// dayRange splits "5-7" into its two days.
func dayRange(t string) (int, int, bool) {
	k := strings.IndexByte(t, '-')
	if k < 1 || k > 2 || len(t)-k-1 < 1 || len(t)-k-1 > 2 {
		return 0, 0, false
	}
	a, ok1 := lex.Atoi(t[:k])
	b, ok2 := lex.Atoi(t[k+1:])
	return a, b, ok1 && ok2
}
