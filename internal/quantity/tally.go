package quantity

import (
	"slices"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/timex/lex"
)

// Tally returns the smallest number of people the document reports under
// casualty kind (killed, wounded, arrested ...), reading counts the way a
// coder of incident reports does:
//  1. counts add up ("captured a leader ... also detained two suspects" is 3);
//  2. a definite "the leader" or a pronoun ("killing him") adds only
//     when nobody is counted yet;
//  3. an exact count equal to an earlier one of the same noun restates it;
//  4. an exact count in a later sentence than a vague one ("several
//     insurgents ... killing one insurgent") replaces the vague one,
//     unless it is a singular phrase for someone else ("several suspects
//     ... a Taliban leader");
//  5. a vague count after a vague one of an earlier sentence restates it
//     (the larger is kept);
//  6. a precise plural count told in parts by later sentences ("killed
//     17 insurgents ... three were killed by an air weapons team") adds
//     only what the parts exceed it by, unless a part is marked as more
//     ("also", "separate", "another");
//  7. a part of those counted ("two of the detainees") adds nothing, and a
//     count "including the commander" takes in the commander counted
//     before;
//  8. counts in a sentence that sums up a period ("have detained more than
//     35 leaders since the first of the year"), that dates itself before
//     the month of publication ("In June, ... killing more than 30"), or
//     in a relative clause about another event ("an attack that killed four
//     soldiers") are not this event's.
func Tally(doc *sitrep.Doc, kind string) int {
	return TallyFunc(doc, kind, nil)
}

// TallyFunc is Tally over the quantities keep accepts (all when keep is
// nil): an evaluation can count only the enemy dead, for example.
func TallyFunc(doc *sitrep.Doc, kind string, keep func(sitrep.Quantity) bool) int {
	type counted struct {
		n, sent int
		of      string
		vague   bool
		used    bool
		// parts is what later sentences told of this count, for a
		// precise plural count that a story goes on to break down.
		parts int
	}
	var seen []counted
	var starts []int
	if len(doc.Sentences) == 0 {
		starts = sentenceStarts(doc.Text)
	}
	// Sentence totals, definite singulars included, to spot a sentence
	// that restates an earlier one as a whole ("detained four suspects
	// including a commander ... the commander and three additional
	// suspects were detained").
	sentOf := func(off int) int {
		if starts != nil {
			return index(starts, off)
		}
		return doc.SentenceAt(off)
	}
	sums := map[int]int{}
	for _, q := range doc.Quantities {
		if string(q.Kind) == kind && q.Value != nil && (keep == nil || keep(q)) {
			sums[sentOf(q.Start)] += MinCount(q)
		}
	}
	restates := func(k int) bool {
		for j, v := range sums {
			if j < k && v == sums[k] {
				return true
			}
		}
		return false
	}
	total := 0
	for _, q := range doc.Quantities {
		if string(q.Kind) != kind || q.Value == nil || q.Text == "" {
			continue
		}
		if k := sentOf(q.Start); sums[k] > 1 && restates(k) {
			continue
		}
		if keep != nil && !keep(q) {
			continue
		}
		if cumulative(sentenceText(doc, starts, q.Start)) || background(doc, q) || historical(doc, starts, q.Start) {
			continue
		}
		n := MinCount(q)
		of := stem(strings.ToLower(string(q.Of)))
		lt := strings.ToLower(q.Text)
		sent := 0
		if starts != nil {
			sent = index(starts, q.Start)
		} else {
			sent = doc.SentenceAt(q.Start)
		}
		if total > 0 && partitive(doc.Text[q.End:]) {
			// "two of the detainees", "one of the insurgents detained":
			// some of those already counted.
			continue
		}
		if strings.HasPrefix(lt, "the ") || pronouns[lt] {
			if total == 0 {
				total = n
				seen = append(seen, counted{n: n, sent: sent, of: of})
			}
			continue
		}
		vague := q.Bound == sitrep.BoundLower && q.Max == nil && !unicode.IsDigit(rune(lt[0])) && !strings.HasPrefix(lt, "more") && !strings.HasPrefix(lt, "over") && !strings.HasPrefix(lt, "at least")
		adds := additive(sentenceText(doc, starts, q.Start))
		// A singular noun phrase ("a Taliban leader", "Taliban leader
		// Saifullah"), not a numeral.
		single := n == 1 && q.Of != "" && strings.Contains(lt, " ") && strings.HasSuffix(lt, strings.ToLower(string(q.Of))) && !strings.HasPrefix(lt, "one ")
		done := false
		for k := range seen {
			c := &seen[k]
			switch {
			case !c.vague && c.n >= 2 && c.sent < sent && !adds && sameKindOfPeople(c.of, of):
				// Rule 6: the story tells the lede's count in parts
				// ("killed 17 insurgents ... three armed insurgents were
				// killed by an air weapons team ... killing four"): parts
				// add only past the lede's count.
				if n == c.n && c.parts == 0 {
					// The whole count again: the lede restating a headline.
					done = true
					break
				}
				c.parts += n
				if c.parts > c.n {
					total += c.parts - c.n
					c.n = c.parts
				}
				done = true
			case c.vague && !c.used && c.sent < sent && !(single && of != c.of):
				// (A singular "a Taliban leader" after "several suspected
				// insurgents" is someone else, not the several told
				// exactly.)
				if vague {
					if n > c.n {
						total += n - c.n
						c.n = n
					}
				} else {
					total += n - c.n
					c.used = true
					seen = append(seen, counted{n: n, sent: sent, of: of})
				}
				done = true
			case !vague && !c.vague && c.n == n && (c.of == of || c.of == "" || of == "") && c.sent < sent:
				done = true
			}
			if done {
				break
			}
		}
		if done {
			continue
		}
		if ws := includedDefinite(doc.Text[q.End:min(len(doc.Text), q.End+90)]); ws != nil {
			// "detained several insurgents including the commander": the
			// commander counted before is one of these.
			for k := range seen {
				if c := &seen[k]; c.n == 1 && slices.Contains(ws, c.of) && c.sent < sent {
					total -= c.n
					c.n = 0
					break
				}
			}
		}
		total += n
		seen = append(seen, counted{n: n, sent: sent, of: of, vague: vague})
	}
	return max(total, 0)
}

// includedDefinite returns the word stems of "including the X" (up to
// three words) when rest, the text after a count, has that clause before
// the sentence ends; nil otherwise.
func includedDefinite(rest string) []string {
	rest = strings.ToLower(rest)
	if e := strings.IndexAny(rest, ".;"); e >= 0 {
		rest = rest[:e]
	}
	k := strings.Index(rest, " including the ")
	if k < 0 || k > 50 {
		return nil
	}
	w := rest[k+len(" including the "):]
	if e := strings.IndexAny(w, ",()"); e >= 0 {
		w = w[:e]
	}
	f := strings.Fields(w)
	f = f[:min(len(f), 3)]
	for i := range f {
		f[i] = stem(f[i])
	}
	return f
}

// pronouns stand for someone named before, like "the leader".
var pronouns = map[string]bool{"he": true, "him": true, "she": true, "her": true}

// partitive reports whether the text after a count opens "of the",
// "of them", "of those", "of these", "of whom" or "of which".
func partitive(rest string) bool {
	if len(rest) > 12 {
		rest = rest[:12]
	}
	rest = strings.ToLower(rest)
	for _, p := range []string{" of the ", " of them", " of those ", " of these ", " of whom", " of which"} {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return false
}

// additiveCues mark a sentence that adds to what was counted before:
// "also detained two", "in a separate operation".
var additiveCues = []string{" also ", " separate ", " another ", "in addition", " second ", " as well"}

// additive reports whether a sentence adds people to an earlier count.
func additive(sent string) bool {
	ls := " " + strings.ToLower(sent)
	for _, c := range additiveCues {
		if strings.Contains(ls, c) {
			return true
		}
	}
	return false
}

// bystanders are counted nouns for people outside the fighting; a count
// of them is not a part of a count of fighters, nor the reverse.
var bystanders = map[string]bool{
	"civilian": true, "women": true, "woman": true, "children": true,
	"child": true, "girl": true, "boy": true, "villager": true,
	"resident": true, "people": true, "familie": true, "bodie": true,
}

// sameKindOfPeople reports whether counts of nouns a and b (stems) can be
// parts of one another.
func sameKindOfPeople(a, b string) bool {
	return a == b || bystanders[a] == bystanders[b]
}

// cumulativeCues mark a sentence that sums up a period.
var cumulativeCues = []string{"since ", "so far", "to date", "past month", "past year",
	"past several", "past few", "past weeks", "past two weeks", "this year", "last year", "last month",
	"recently", "recent months", "recent weeks"}

// cumulative reports whether a sentence sums up a period.
func cumulative(sent string) bool {
	ls := strings.ToLower(sent)
	for _, c := range cumulativeCues {
		if strings.Contains(ls, c) {
			return true
		}
	}
	return false
}

// background reports a count in a relative clause that tells of another
// event: "an attack that killed four soldiers".
func background(doc *sitrep.Doc, q sitrep.Quantity) bool {
	before := strings.ToLower(doc.Text[max(0, q.Start-40):q.Start])
	f := strings.Fields(before)
	if len(f) < 2 {
		return false
	}
	verb, rel := f[len(f)-1], f[len(f)-2]
	return (rel == "that" || rel == "which") && kinds[verb] != ""
}

// historical reports whether the sentence around off names a year or
// month before the publication month ("in 2009", "In June").
func historical(doc *sitrep.Doc, starts []int, off int) bool {
	pub := string(doc.Published)
	if len(pub) < 7 {
		return false
	}
	a, b := sentenceBounds(doc, starts, off)
	for _, t := range doc.Times {
		if t.Start < a || t.End > b || (t.Type != sitrep.TimeDate && t.Type != sitrep.TimeRelative) {
			continue
		}
		v := string(t.Value)
		switch len(v) {
		case 4:
			if v < pub[:4] {
				return true
			}
		case 7:
			if v < pub[:7] {
				return true
			}
		}
	}
	return false
}

// sentenceBounds returns the byte span of the sentence around off.
func sentenceBounds(doc *sitrep.Doc, starts []int, off int) (int, int) {
	if starts == nil {
		if k := doc.SentenceAt(off); k >= 0 {
			return doc.Sentences[k].Start, doc.Sentences[k].End
		}
		return off, off
	}
	k := index(starts, off)
	end := len(doc.Text)
	if k+1 < len(starts) {
		end = starts[k+1]
	}
	return starts[k], end
}

// sentenceText returns the sentence around off.
func sentenceText(doc *sitrep.Doc, starts []int, off int) string {
	if starts == nil {
		if k := doc.SentenceAt(off); k >= 0 {
			return doc.Text[doc.Sentences[k].Start:doc.Sentences[k].End]
		}
		return ""
	}
	k := index(starts, off)
	end := len(doc.Text)
	if k+1 < len(starts) {
		end = starts[k+1]
	}
	return doc.Text[starts[k]:end]
}

// stem drops a plural s so "insurgent" and "insurgents" compare equal.
func stem(w string) string { return strings.TrimSuffix(w, "s") }

// sentenceStarts splits text by the scanner's sentence heuristic, for
// documents the segmenter has not seen.
func sentenceStarts(text string) []int {
	t := lex.Scan(nil, text, lex.Lower(text))
	starts := []int{0}
	for i := 1; i < len(t); i++ {
		if lex.SentenceBreak(t, i) {
			starts = append(starts, t[i].Start)
		}
	}
	return starts
}

// index returns the index of the last start <= off.
func index(starts []int, off int) int {
	lo, hi := 0, len(starts)
	for lo < hi {
		m := (lo + hi) / 2
		if starts[m] <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo - 1
}
