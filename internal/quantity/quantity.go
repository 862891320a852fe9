// Package quantity finds counts and amounts in a document's text (stage
// "quantity", filling Doc.Quantities): digits with separators, number
// words, vague plurals ("tens of thousands"), bounds ("more than", "up to",
// "around"), ranges, the unit or the counted noun, and the casualty type
// when the count is linked to a verb such as killed, detained or trapped.
//
// Decisions, since the text does not always say:
//   - "one" alone is a determiner or pronoun ("one western source", "one
//     of them") and is not a count, unless a casualty verb takes it
//     ("killing one"). Digits "1" and "one hundred" always count.
//   - A singular noun phrase for a person taken by a casualty verb ("killed
//     a Taliban leader", "the commander was detained") is a count of one,
//     so that casualty tallies see it; its text is the noun phrase.
//   - An elliptical count ("tens of thousands more", "more than ten million
//     are being oppressed", "detaining one") takes the counted noun of the
//     previous count in the same paragraph.
//   - Vague words get the smallest count they commit to, bound lower:
//     several/multiple 3, numerous 4, a few 2, a number of 3, dozens 24,
//     hundreds 200, thousands 2000, tens of thousands 20000.
//   - A range ("20 to 30", "between 20 and 30") has value 20, max 30 and
//     bound lower.
//   - "nearly" and "almost" are upper bounds; "about", "around", "some"
//     approximate.
//   - Years, dates and clock times (Doc.Times spans other than durations,
//     "10:30", "5 p.m."), ordinals ("3rd"), codes ("AK-47", "2011-07-S") and
//     numbers in names ("Route 1") are not quantities. Durations are ("20
//     years", unit year).
package quantity

import (
	"context"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/timex/lex"
)

// StageName is the name of the quantity stage.
const StageName = "quantity"

// Tagger is the quantity stage. It holds no state and is safe for
// concurrent use.
type Tagger struct{}

// New returns the quantity stage.
func New() *Tagger { return &Tagger{} }

// Name returns "quantity".
func (*Tagger) Name() string { return StageName }

// Process fills doc.Quantities; it reads doc.Times (when the timex stage
// ran first) to leave dates alone.
func (*Tagger) Process(ctx context.Context, doc *sitrep.Doc) error {
	doc.Quantities = Tag(doc.Text, doc.Times)
	return nil
}

// Tag returns the quantities of text in order, with ids q1, q2, ...
// times are the document's time expressions (may be nil).
func Tag(text string, times []sitrep.TimeExpr) []sitrep.Quantity {
	s := scanner{text: text, times: times}
	s.t = lex.Scan(make([]lex.Tok, 0, len(text)/5+1), text, lex.Lower(text))
	s.run()
	return s.out
}

type scanner struct {
	text  string
	t     []lex.Tok
	times []sitrep.TimeExpr
	ti    int
	out   []sitrep.Quantity
	// taken marks the last token of each emitted phrase's noun, so that
	// the singular pass does not count a noun twice.
	heads map[int]bool
}

// number is a parsed count over tokens [first, limit).
type number struct {
	first, limit int
	value, max   float64
	hasMax       bool
	bound        string
	bareOne      bool
}

func (s *scanner) word(i int) string {
	if i < 0 || i >= len(s.t) || s.t[i].Kind != lex.Word {
		return ""
	}
	return s.t[i].Lo
}

func (s *scanner) punct(i int, p string) bool {
	return i >= 0 && i < len(s.t) && s.t[i].Kind == lex.Punct && s.t[i].Lo == p
}

func (s *scanner) run() {
	for i := 0; i < len(s.t); {
		n, ok := s.parse(i)
		if !ok {
			i++
			continue
		}
		next := n.limit
		if s.inTime(n) {
			i = next
			continue
		}
		s.emit(n)
		i = next
	}
	s.singulars()
	sort.SliceStable(s.out, func(a, b int) bool { return s.out[a].Start < s.out[b].Start })
	for k := range s.out {
		s.out[k].ID = "q" + strconv.Itoa(k+1)
	}
}

// inTime reports whether the number overlaps a date, decade or relative
// time expression.
func (s *scanner) inTime(n number) bool {
	a, b := s.t[n.first].Start, s.t[n.limit-1].End
	for s.ti < len(s.times) && s.times[s.ti].End <= a {
		s.ti++
	}
	for k := s.ti; k < len(s.times) && s.times[k].Start < b; k++ {
		if s.times[k].Type != sitrep.TimeDuration && s.times[k].End > a {
			return true
		}
	}
	return false
}

// parse reads a number at token i.
func (s *scanner) parse(i int) (number, bool) {
	t := s.t[i]
	var n number
	var ok bool
	switch t.Kind {
	case lex.Num:
		n, ok = s.digits(i)
	case lex.Word:
		if triggers[t.Lo] {
			n, ok = s.words(i)
		}
	}
	if !ok {
		return n, false
	}
	// Range: "20 to 30", "20-30", "between 20 and 30", "two or three".
	if !n.hasMax && n.limit < len(s.t) {
		c := s.t[n.limit]
		rangeCue := c.Lo == "to" || c.Lo == "or" || (c.Kind == lex.Punct && lex.IsDash(c.Lo)) || (c.Lo == "and" && s.word(n.first-1) == "between")
		if rangeCue && n.limit+1 < len(s.t) {
			if m, ok := s.plain(n.limit + 1); ok && m.value > n.value {
				n.max, n.hasMax, n.limit, n.bareOne = m.value, true, m.limit, false
				if s.word(n.first-1) == "between" {
					n.first--
				}
				if n.bound == sitrep.BoundExact {
					n.bound = sitrep.BoundLower
				}
			}
		}
	}
	return n, true
}

// plain parses a number with no vague words, for the end of a range.
func (s *scanner) plain(i int) (number, bool) {
	switch s.t[i].Kind {
	case lex.Num:
		return s.digits(i)
	case lex.Word:
		if _, ok := units[s.t[i].Lo]; ok {
			return s.words(i)
		}
	}
	return number{}, false
}

// digits parses "3,500", "1.5 million", "20-30".
func (s *scanner) digits(i int) (number, bool) {
	t := s.t[i]
	if t.Glued && i > 0 {
		p := s.t[i-1]
		if p.Kind == lex.Word || p.Kind == lex.Num {
			return number{}, false
		}
		if p.Kind == lex.Punct && (lex.IsDash(p.Lo) || p.Lo == "/" || p.Lo == "." || p.Lo == "#") && i > 1 && (s.t[i-2].Kind == lex.Word || s.t[i-2].Kind == lex.Num) && p.Glued {
			return number{}, false
		}
	}
	if i+1 < len(s.t) && s.t[i+1].Glued {
		nx := s.t[i+1]
		switch {
		case nx.Kind == lex.Word:
			switch nx.Lo {
			case "st", "nd", "rd", "th", "s":
				return number{}, false // ordinal, decade
			case "m", "bn", "k", "km", "kg", "mm", "cm", "ft", "pc":
			default:
				return number{}, false // code: 155mm is fine above, 3G is not
			}
		case nx.Kind == lex.Punct && (lex.IsDash(nx.Lo) || nx.Lo == "/") && i+2 < len(s.t) && s.t[i+2].Glued:
			if w := s.word(i + 2); w != "" {
				if _, ok := unitWords[w]; !ok {
					return number{}, false // 2011-07-S-003, 9-year-old handled by unit
				}
			} else if s.t[i+2].Kind == lex.Num {
				return number{}, false
			}
		}
	}
	lo := t.Lo
	if strings.ContainsAny(lo, ":/") {
		return number{}, false
	}
	n := number{first: i, limit: i + 1, bound: sitrep.BoundExact}
	if k := strings.IndexByte(lo, '-'); k >= 0 {
		a, err1 := strconv.ParseFloat(strings.ReplaceAll(lo[:k], ",", ""), 64)
		b, err2 := strconv.ParseFloat(strings.ReplaceAll(lo[k+1:], ",", ""), 64)
		if err1 != nil || err2 != nil || b <= a || strings.Count(lo, "-") > 1 {
			return number{}, false
		}
		n.value, n.max, n.hasMax, n.bound = a, b, true, sitrep.BoundLower
	} else {
		if strings.Count(lo, ".") > 1 {
			return number{}, false
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(lo, ",", ""), 64)
		if err != nil {
			return number{}, false
		}
		n.value = v
	}
	// Clock times: "5 p.m.", "0600 hours" are not counts.
	switch s.word(i + 1) {
	case "a", "p":
		if s.punct(i+2, ".") && s.t[i+2].Glued {
			return number{}, false
		}
	case "am", "pm", "gmt", "utc", "hrs", "o":
		return number{}, false
	}
	// "1.5 million", "3 thousand"
	if sc, ok := scales[s.word(i+1)]; ok && s.word(i+1) != "dozen" {
		n.value *= sc
		if n.hasMax {
			n.max *= sc
		}
		n.limit++
	}
	return n, true
}

// words parses number words, vague plurals and quantifiers.
func (s *scanner) words(i int) (number, bool) {
	w := s.t[i].Lo
	n := number{first: i, limit: i + 1, bound: sitrep.BoundExact}
	lower := func(v float64, limit int) (number, bool) {
		n.value, n.limit, n.bound = v, limit, sitrep.BoundLower
		return n, true
	}
	switch w {
	case "tens", "hundreds":
		if s.word(i+1) == "of" {
			base := 20.0
			if w == "hundreds" {
				base = 200
			}
			switch s.word(i + 2) {
			case "thousands":
				return lower(base*1e3, i+3)
			case "millions":
				return lower(base*1e6, i+3)
			}
		}
		if w == "tens" {
			return n, false
		}
	case "a", "an":
		nx := s.word(i + 1)
		switch nx {
		case "dozen":
			n.value, n.limit = 12, i+2
			return n, true
		case "hundred", "thousand", "million", "billion":
			m, ok := s.wordNumber(i + 1)
			if ok {
				m.first = i
				return m, true
			}
		case "few":
			if sc, ok := scales[s.word(i+2)]; ok && sc >= 100 {
				return lower(2*sc, i+3)
			}
			if s.word(i+2) != "of" || s.word(i+3) != "the" {
				return lower(2, i+2)
			}
		case "couple":
			n.value, n.limit, n.bound = 2, i+2, sitrep.BoundApprox
			if s.word(i+2) == "of" {
				n.limit = i + 3
			}
			return n, true
		case "handful":
			n.value, n.limit, n.bound = 3, i+2, sitrep.BoundApprox
			if s.word(i+2) == "of" {
				n.limit = i + 3
			}
			return n, true
		case "number":
			if s.word(i+2) == "of" {
				return lower(3, i+3)
			}
		case "large", "significant", "big":
			if s.word(i+2) == "number" && s.word(i+3) == "of" {
				return lower(5, i+4)
			}
		}
		return n, false
	}
	if v, ok := plurals[w]; ok {
		if s.word(i-1) == "the" || s.word(i-1) == "by" && w == "dozens" {
			return n, false
		}
		return lower(v, i+1)
	}
	if v, ok := vague[w]; ok {
		// "several hundred", "several thousand"
		if sc, ok := scales[s.word(i+1)]; ok && sc >= 100 {
			return lower(v*sc, i+2)
		}
		return lower(v, i+1)
	}
	return s.wordNumber(i)
}

// wordNumber parses "ten million", "twenty-five", "two hundred and fifty
// thousand", "one" (flagged bare).
func (s *scanner) wordNumber(i int) (number, bool) {
	total, cur := 0.0, 0.0
	j, words := i, 0
	last := ""
	for j < len(s.t) {
		w := s.word(j)
		if u, ok := units[w]; ok && (last == "" || last == "hundred" || last == "and" || scales[last] >= 1000) {
			cur += float64(u)
			j++
			words++
			last = w
			// "twenty-five"
			if u >= 20 && j+1 < len(s.t) && s.t[j].Glued && lex.IsDash(s.t[j].Lo) && s.t[j+1].Glued {
				if v, ok := units[s.word(j+1)]; ok && v < 10 {
					cur += float64(v)
					j += 2
				}
			}
			continue
		}
		if w == "hundred" && last != "" && last != "and" {
			if cur == 0 {
				cur = 1
			}
			cur *= 100
			j++
			words++
			last = w
			continue
		}
		if sc, ok := scales[w]; ok && sc >= 1000 && last != "" && last != "and" {
			if cur == 0 {
				cur = 1
			}
			total += cur * sc
			cur = 0
			j++
			words++
			last = w
			continue
		}
		if w == "and" && (last == "hundred" || scales[last] >= 1000) {
			if _, ok := units[s.word(j+1)]; ok {
				j++
				last = w
				continue
			}
		}
		break
	}
	if words == 0 {
		return number{}, false
	}
	if last == "and" {
		j--
	}
	n := number{first: i, limit: j, value: total + cur, bound: sitrep.BoundExact}
	n.bareOne = words == 1 && s.t[i].Lo == "one"
	return n, true
}

// emit adds a parsed number with its bound, unit, counted noun and kind.
func (s *scanner) emit(n number) {
	first, limit := n.first, n.limit
	unit := ""
	// Currency sign before the number: "$3.5 million".
	if first > 0 && s.t[first-1].Kind == lex.Punct {
		if c, ok := currencySigns[s.t[first-1].Lo]; ok {
			unit = c
			first--
		} else if s.t[first-1].Lo == "$" {
			unit = "USD"
			first--
		}
	}
	if unit == "" && first > 0 && s.word(first-1) == "us" && s.punct(first, "$") {
		unit = "USD"
	}
	// A number inside a name ("Route 1", "Task Force 3"): a capitalised word
	// just before, that does not open the sentence.
	if unit == "" && s.t[n.first].Kind == lex.Num && first > 0 && s.t[first-1].Kind == lex.Word && s.t[first-1].Cap && !lex.SentenceBreak(s.t, first-1) && !s.t[first-1].Line {
		if _, ok := unitWords[s.word(limit)]; !ok && !s.punct(limit, "%") {
			return
		}
	}
	// "one of multiple insurgents": a part of the count that follows.
	if s.word(limit) == "of" && limit+1 < len(s.t) {
		if _, ok := s.parse(limit + 1); ok {
			return
		}
	}
	bound := n.bound
	// Bound cue before: "more than", "around", "up to".
	for _, b := range bounds {
		k := len(b.words)
		if first-k < 0 {
			continue
		}
		match := true
		for x, w := range b.words {
			if s.word(first-k+x) != w {
				match = false
				break
			}
		}
		if match {
			first -= k
			bound = b.bound
			break
		}
	}
	// Unit after: "%", "percent", "per cent", "km", "$5m".
	j := limit
	if j < len(s.t) && s.t[j].Glued && s.punct(j, "%") {
		unit, j = "percent", j+1
	} else if w := s.word(j); w == "per" && s.word(j+1) == "cent" {
		unit, j = "percent", j+2
	} else if w == "m" || w == "bn" || w == "k" {
		if unit != "" && s.t[j].Glued {
			switch w {
			case "m":
				n.value *= 1e6
			case "bn":
				n.value *= 1e9
			case "k":
				n.value *= 1e3
			}
			j++
		}
	} else {
		k := j
		if k < len(s.t) && s.t[k].Glued && s.t[k].Kind == lex.Punct && lex.IsDash(s.t[k].Lo) {
			k++
		}
		if u, ok := unitWords[s.word(k)]; ok {
			// "a 20-year-old" is an age.
			if s.t[k].Glued && k+2 < len(s.t) && s.t[k+1].Glued && s.word(k+2) == "old" {
				return
			}
			// Pounds are money with a currency sign or a scale ("5 million
			// pounds"), else weight.
			if u == "GBP" && unit == "" && n.value == math.Trunc(n.value) && !(k > 0 && scales[s.word(k-1)] > 0) {
				u = "lb"
			}
			if unit == "" || u == "USD" {
				unit = u
			}
			j = k + 1
		}
	}
	if unit == "" {
		if c, ok := currencySigns[s.word(j)]; ok {
			unit = c
		}
	}
	// "or more", "or so"
	if s.word(j) == "or" && (s.word(j+1) == "more" || s.word(j+1) == "so") && !n.hasMax {
		if s.word(j+1) == "more" {
			bound = sitrep.BoundLower
		} else {
			bound = sitrep.BoundApprox
		}
		j += 2
	}
	of, head, npEnd := "", -1, j
	if unit == "" || unit == "year" || unit == "month" || unit == "week" || unit == "day" {
		if unit == "" {
			of, head, npEnd = s.noun(j)
		}
	}
	kind := ""
	if unit == "" {
		kind = s.kindAfter(npEnd)
		if kind == "" {
			kind = s.kindBefore(first)
		}
		if things[strings.ToLower(of)] {
			kind = ""
		}
		if k, ok := kindHeads[strings.ToLower(of)]; ok && k != "" {
			kind = k
		}
	}
	if n.bareOne && kind == "" {
		return
	}
	// "the two", "the three of them": a reference back, not a new count.
	if of == "" && unit == "" && kind == "" && s.word(first-1) == "the" {
		return
	}
	if of == "" && unit == "" {
		of = s.inherit(first)
	}
	if head >= 0 {
		if s.heads == nil {
			s.heads = map[int]bool{}
		}
		s.heads[head] = true
	}
	a, b := s.t[first].Start, s.t[j-1].End
	q := sitrep.Quantity{Start: a, End: b, Text: s.text[a:b], Value: ptr(n.value), Bound: bound,
		Unit: sitrep.NullString(unit), Of: sitrep.NullString(of), Kind: sitrep.NullString(kind)}
	if n.hasMax {
		q.Max = ptr(n.max)
	}
	s.out = append(s.out, q)
}

func ptr(v float64) *float64 { return &v }

// inherit returns the counted noun of the previous count in the same
// sentence, for elliptical counts; first is the count's first token.
func (s *scanner) inherit(first int) string {
	for k := len(s.out) - 1; k >= 0; k-- {
		q := s.out[k]
		if q.Of != "" && q.Unit == "" {
			// Walk back to the earlier count: any sentence break between
			// ends the search.
			for j := first; j > 0 && s.t[j-1].End > q.End; j-- {
				if lex.SentenceBreak(s.t, j) {
					return ""
				}
			}
			return string(q.Of)
		}
	}
	return ""
}

// noun returns the head of the counted noun phrase starting at token j
// ("suspected insurgents", "of civilians", "Uyghurs"), its token index and
// the token after the phrase.
func (s *scanner) noun(j int) (string, int, int) {
	k := j
	for n := 0; n < 3 && k < len(s.t); n++ {
		w := s.word(k)
		if !leadMods[w] {
			break
		}
		k++
		if w == "of" && (s.word(k) == "the" || s.word(k) == "those" || s.word(k) == "these" || s.word(k) == "his" || s.word(k) == "their") {
			k++
		}
	}
	head, words := -1, 0
	for k < len(s.t) && words < 5 {
		t := s.t[k]
		if t.Kind == lex.Punct {
			// Hyphenated compounds: "rocket-propelled", "Afghan-led".
			if lex.IsDash(t.Lo) && t.Glued && k+1 < len(s.t) && s.t[k+1].Glued && s.t[k+1].Kind == lex.Word && words > 0 {
				k += 2
				head = k - 1
				continue
			}
			break
		}
		if t.Kind != lex.Word {
			break
		}
		w := t.Lo
		if stop[w] || kinds[w] != "" && !(words == 0 && (w == "wounded" || w == "injured" || w == "missing" || w == "displaced" || w == "dead") && s.nounNext(k+1)) {
			break
		}
		if _, ok := units[w]; ok || aux[w] {
			break
		}
		if words > 0 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") && w != "building" && w != "ceiling") {
			break
		}
		if words > 0 && t.Cap && !s.t[head].Cap && !(s.t[head].Kind == lex.Word && strings.HasSuffix(s.t[head].Lo, "ed")) {
			// "two insurgents Sunday": a capital after a lower-case noun
			// starts something else.
			break
		}
		head = k
		words++
		k++
		// A plural noun usually ends the phrase: "insurgents", "people".
		if words > 0 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3 && !t.Cap {
			if nx := s.word(k); !strings.HasSuffix(nx, "s") || stop[nx] {
				break
			}
		}
	}
	if head < 0 {
		return "", -1, k
	}
	h := s.t[head]
	return s.text[h.Start:h.End], head, head + 1
}

// nounNext reports whether token k is a word that can continue a noun
// phrase ("wounded insurgents", not "wounded and").
func (s *scanner) nounNext(k int) bool {
	w := s.word(k)
	return w != "" && !stop[w] && kinds[w] == "" && !aux[w]
}

// kindAfter looks for a casualty participle after the counted phrase:
// "two suspected insurgents were detained", "civilians trapped".
func (s *scanner) kindAfter(j int) string {
	if s.word(j) == "of" && s.det(j+1) {
		// "two associates of the weapons dealer were detained": pass over
		// the phrase's complement.
		k := j + 2
		for ; k < j+6 && s.t[k-1].Kind != lex.Punct && s.nounNext(k); k++ {
		}
		if k < len(s.t) && aux[s.word(k)] {
			j = k
		}
	}
	for n := 0; n < 5 && j < len(s.t); n++ {
		w := s.word(j)
		if w == "taken" && s.word(j+1) == "into" && s.word(j+2) == "custody" || w == "in" && s.word(j+1) == "custody" {
			return "arrested"
		}
		if k := kinds[w]; k != "" {
			// "killed" right after a count can be an active verb with the
			// count as subject; a following object makes it so ("three
			// insurgents killed two soldiers").
			return k
		}
		if !aux[w] {
			return ""
		}
		j++
	}
	return ""
}

// kindBefore looks back from the count to a casualty verb whose object it
// is: "killed three insurgents", "detained a leader and two associates",
// "the capture of two men".
func (s *scanner) kindBefore(first int) string {
	for j, n := first-1, 0; j >= 0 && n < 14; j, n = j-1, n+1 {
		if lex.SentenceBreak(s.t, j+1) {
			return ""
		}
		t := s.t[j]
		if t.Kind == lex.Punct {
			if t.Lo == "," || (lex.IsDash(t.Lo) && t.Glued) || lex.IsQuote(t.Lo) {
				continue
			}
			return ""
		}
		if t.Kind == lex.Num {
			continue
		}
		w := t.Lo
		if w == "of" && j > 0 {
			if k := kindNouns[s.word(j-1)]; k != "" {
				return k
			}
			// "an Islamic Movement of Uzbekistan facilitator"
			if s.t[j-1].Cap && j+1 < len(s.t) && s.t[j+1].Cap {
				continue
			}
			return ""
		}
		// Coordination: "a leader along with two associates", "as well as".
		if w == "with" && s.word(j-1) == "along" {
			j, n = j-1, n+1
			continue
		}
		if w == "as" && s.word(j-1) == "well" && s.word(j-2) == "as" {
			j, n = j-2, n+2
			continue
		}
		if k := kinds[w]; k != "" {
			if w == "dead" || w == "missing" || w == "homeless" || s.word(j-1) == "to" && !strings.HasSuffix(w, "ing") {
				return ""
			}
			return k
		}
		switch w {
		case "and", "the", "a", "an", "his", "their", "its", "another", "also", "other", "additional", "one", "two", "three":
			continue
		}
		if stop[w] {
			return ""
		}
		// A verb right before an object ("seized multiple firearms").
		if (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing")) && (j == first-1 || s.det(j+1)) && !t.Cap {
			return ""
		}
	}
	return ""
}

// det reports whether token j opens a noun phrase.
func (s *scanner) det(j int) bool {
	if j >= len(s.t) {
		return false
	}
	if s.t[j].Kind == lex.Num {
		return true
	}
	switch s.word(j) {
	case "a", "an", "the", "his", "their", "its", "another", "one", "two", "three", "four", "five", "several", "multiple", "numerous":
		return true
	}
	return false
}

// singulars counts singular person phrases taken by casualty verbs: "killed
// the Taliban leader", "a Haqqani leader was detained".
func (s *scanner) singulars() {
	for v := range s.t {
		if s.t[v].Kind != lex.Word {
			continue
		}
		w := s.t[v].Lo
		kind := kinds[w]
		if s.word(v-1) == "to" && !strings.HasSuffix(w, "ing") {
			// "an operation to capture a leader": intended, not done
			// ("in addition to detaining" is done).
			continue
		}
		if kind == "" || w == "dead" || w == "missing" || w == "homeless" {
			// "the capture of a leader"
			if k := kindNouns[w]; k != "" && s.word(v+1) == "of" {
				s.object(v+1, k)
			}
			continue
		}
		// Passive: "a leader was detained", "the commander has been killed".
		// Adverbs and a first participle may come between: "he was
		// subsequently killed", "he was engaged and killed".
		a := v - 1
		for a > v-6 {
			w := s.word(a)
			switch {
			case aux[w] && !finiteAux[w]:
				a--
				continue
			case len(w) > 4 && strings.HasSuffix(w, "ly"):
				a--
				continue
			case w == "and" && strings.HasSuffix(s.word(a-1), "ed"):
				a -= 2
				continue
			}
			break
		}
		if sw := s.word(a); sw == "was" || sw == "is" || sw == "has" || sw == "had" {
			if h := a - 1; s.person(h) {
				if d := s.detBack(h); d >= 0 {
					s.single(d, h, kind)
				}
			} else if w := s.word(h); w == "he" || w == "she" {
				s.single(h, h, kind)
			}
			continue
		}
		if sw := s.word(a); sw == "were" || sw == "are" || sw == "have" {
			// Coordinated singular subjects: "a Taliban leader and a
			// suspected insurgent were captured".
			s.coordinated(a-1, kind)
			continue
		}
		s.object(v, kind)
	}
}

// object counts the singular person phrases after the verb at v, with
// coordination: "killed the Taliban commander Fayez Jan and ...".
func (s *scanner) object(v int, kind string) {
	{
		j := v + 1
		if s.word(j) == "of" {
			j++
		}
		for guard := 0; guard < 4 && j < len(s.t); guard++ {
			d := s.word(j)
			if d != "a" && d != "an" && d != "the" && d != "another" {
				if guard == 0 {
					s.bareObject(j, kind)
				}
				break
			}
			h := -1
			for k := j + 1; k < len(s.t) && k <= j+10; k++ {
				t := s.t[k]
				if s.punct(k, "(") && k+2 < len(s.t) && s.t[k+1].Cap && s.punct(k+2, ")") {
					// A name's acronym: "a senior Islamic Movement of
					// Uzbekistan (IMU) leader".
					k += 2
					continue
				}
				if t.Kind == lex.Punct && !(lex.IsDash(t.Lo) && t.Glued) {
					break
				}
				if t.Kind == lex.Word && stop[t.Lo] && !(t.Lo == "of" && s.t[k-1].Cap && k+1 < len(s.t) && s.t[k+1].Cap) {
					break
				}
				if s.person(k) {
					h = k
					// "leader" in "leader facilitator": take the last.
					continue
				}
				if h >= 0 {
					break
				}
			}
			if h < 0 {
				break
			}
			s.single(j, h, kind)
			// Appositive name: "the Taliban leader, Alaudin," or "Fayez Jan".
			k := h + 1
			if s.punct(k, ",") {
				k++
			}
			for k < len(s.t) && s.t[k].Kind == lex.Word && s.t[k].Cap {
				k++
			}
			if s.punct(k, ",") {
				k++
			}
			switch {
			case s.word(k) == "and":
				k++
			case s.word(k) == "along" && s.word(k+1) == "with":
				k += 2
			case s.word(k) == "as" && s.word(k+1) == "well" && s.word(k+2) == "as":
				k += 3
			}
			j = k
		}
	}
}

// bareObject counts an object without a determiner that is one person:
// a pronoun ("killing him") or a title before a name ("killed Taliban
// leader Saifullah", "killed al-Qaeda associated Taliban leader, Wali").
func (s *scanner) bareObject(j int, kind string) {
	if w := s.word(j); w == "him" || w == "her" {
		s.single(j, j, kind)
		return
	}
	for k := j; k < len(s.t) && k < j+7; k++ {
		t := s.t[k]
		if t.Kind == lex.Punct {
			if lex.IsDash(t.Lo) && t.Glued {
				continue
			}
			return
		}
		if t.Kind != lex.Word || stop[t.Lo] || kinds[t.Lo] != "" {
			return
		}
		if !s.person(k) {
			continue
		}
		n := k + 1
		if s.punct(n, ",") {
			n++
		}
		// The name is on the same line: "Capture of Taliban Leader\nISAF
		// Joint Command" is a headline, then a byline.
		if n < len(s.t) && s.t[n].Kind == lex.Word && s.t[n].Cap && !s.t[n].Line && !stop[s.t[n].Lo] {
			s.single(j, k, kind)
		}
		return
	}
}

// finiteAux are the auxiliaries that open a passive: "was detained",
// "were captured", "has been killed".
var finiteAux = map[string]bool{"was": true, "is": true, "has": true, "had": true, "were": true, "are": true, "have": true}

// coordinated counts the singular person phrases joined by "and" that end
// at token h, the subject of a plural passive, when all of them are
// singular phrases with an indefinite determiner ("a leader and a suspect
// were captured"); a definite one is someone counted before.
func (s *scanner) coordinated(h int, kind string) {
	type np struct{ d, h int }
	var nps []np
	for len(nps) < 4 && s.person(h) {
		d := s.detBack(h)
		if d < 0 || s.word(d) == "the" {
			return
		}
		nps = append(nps, np{d, h})
		if s.word(d-1) != "and" {
			break
		}
		h = d - 2
		if s.punct(h, ",") {
			h--
		}
	}
	if len(nps) < 2 {
		return
	}
	for _, p := range nps {
		s.single(p.d, p.h, kind)
	}
}

// person reports whether token h is a singular noun for a person.
func (s *scanner) person(h int) bool {
	return persons[s.word(h)]
}

// detBack finds the determiner opening the singular phrase ending at h.
func (s *scanner) detBack(h int) int {
	for j := h - 1; j >= 0 && j >= h-6; j-- {
		t := s.t[j]
		if t.Kind == lex.Punct && !(lex.IsDash(t.Lo) && t.Glued) {
			return -1
		}
		switch t.Lo {
		case "a", "an", "the", "another":
			return j
		}
		if t.Kind == lex.Word && stop[t.Lo] {
			return -1
		}
	}
	return -1
}

func (s *scanner) single(d, h int, kind string) {
	if s.heads[h] {
		return
	}
	if s.heads == nil {
		s.heads = map[int]bool{}
	}
	s.heads[h] = true
	a, b := s.t[d].Start, s.t[h].End
	s.out = append(s.out, sitrep.Quantity{Start: a, End: b, Text: s.text[a:b], Value: ptr(1), Bound: sitrep.BoundExact,
		Of: sitrep.NullString(s.t[h].Lo), Kind: sitrep.NullString(kind)})
}

// MinCount returns the smallest count a quantity commits to: "more than
// 30" is 31, "several" 3, "20 to 30" 20.
func MinCount(q sitrep.Quantity) int {
	if q.Value == nil {
		return 0
	}
	v := *q.Value
	if q.Bound == sitrep.BoundLower && q.Max == nil {
		lt := strings.ToLower(q.Text)
		for _, p := range []string{"more than", "over", "greater than", "upwards of", "in excess of", "just over"} {
			if strings.HasPrefix(lt, p) {
				return int(math.Floor(v)) + 1
			}
		}
	}
	return int(math.Ceil(v))
}
