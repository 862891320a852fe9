package timex

import (
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
)

// DateIn returns the date of what the text in span reports: the value of
// the first time expression inside span that names a day, month or year
// (not a duration or decade; the start of an interval), or "" when there is
// none. Events use it for Event.Date.
func DateIn(doc *sitrep.Doc, span sitrep.Span) string {
	for _, t := range doc.Times {
		if t.Start < span.Start || t.End > span.End || t.Value == "" {
			continue
		}
		if t.Type == sitrep.TimeDate || t.Type == sitrep.TimeRelative {
			v := string(t.Value)
			if k := strings.IndexByte(v, '/'); k >= 0 {
				v = v[:k]
			}
			return v
		}
	}
	return ""
}

// EventDate returns the date of the document's main event, the way a
// coder of wire reports reads it: the first day named in the body after
// any dated dateline ("yesterday", "Sunday", "Feb. 6"), else the first day
// of "the past N days", else the publication date; "" when none is known.
func EventDate(doc *sitrep.Doc) string {
	d, _ := eventDate(doc)
	return d
}

// eventDate is EventDate with the rule that decided it, for evaluation
// reports. Within the first sentence that names a day, the most specific
// day wins: a date or weekday over "yesterday", and that over "today" or
// "overnight" (so "confirmed today the arrest ... Friday" is Friday), and
// any of them over a date that names another event ("the July 2
// attack").
func eventDate(doc *sitrep.Doc) (string, string) {
	body := 0
	if dl, ok := FindDateline(doc.Text); ok {
		body = dl.HeaderEnd
	}
	pub := string(doc.Published)
	best, bestRank, bestText, sent := "", 0, "", -1
	var cur sentenceCursor
	for _, t := range doc.Times {
		if t.Start < body || t.Value == "" {
			continue
		}
		// "since Oct. 1" opens a period; "Tuesday's attack" names another
		// event.
		if lt := strings.ToLower(t.Text); strings.HasPrefix(lt, "since ") || possessive(doc.Text[t.End:]) {
			continue
		}
		v := string(t.Value)
		if k := strings.IndexByte(v, '/'); k >= 0 {
			v = v[:k]
		}
		rank := 0
		switch t.Type {
		case sitrep.TimeDate, sitrep.TimeRelative:
			if len(v) == 10 && v[4] == '-' && (pub == "" || v <= pub) {
				rank = 2 * specificity(t.Text)
				// "the July 2 attack", "an attack Jan. 7": the day of an
				// event the story refers to, kept only when its sentence
				// names no other day.
				if attributive(doc.Text[:t.Start], doc.Text[t.End:]) {
					rank = 1
				}
			}
		case sitrep.TimeDuration:
			lt := strings.ToLower(t.Text)
			if pub == "" || !(strings.HasPrefix(lt, "the past") || strings.HasPrefix(lt, "past") || strings.HasPrefix(lt, "the last")) {
				continue
			}
			if d := durationDays(v); d > 0 {
				if p, err := time.Parse("2006-01-02", pub); err == nil {
					v, rank = p.AddDate(0, 0, -d).Format("2006-01-02"), 4
				}
			}
		}
		if rank == 0 {
			continue
		}
		k := cur.sentence(doc, t.Start)
		if sent >= 0 && k != sent {
			break
		}
		sent = k
		if rank > bestRank {
			best, bestRank, bestText = v, rank, t.Text
		}
	}
	if best != "" {
		return best, "time " + strconv.Quote(bestText)
	}
	return pub, "published"
}

// specificity ranks a day expression: 1 for the day of writing (today,
// overnight), 2 for yesterday, 3 for a named day or date.
func specificity(text string) int {
	lt := strings.ToLower(text)
	for _, p := range []string{"today", "tonight", "this ", "overnight", "earlier today", "later today"} {
		if strings.HasPrefix(lt, p) {
			return 1
		}
	}
	if strings.HasPrefix(lt, "yesterday") || strings.HasPrefix(lt, "last night") {
		return 2
	}
	return 3
}

// sentenceCursor numbers sentences for increasing offsets: the
// segmenter's sentence when it ran, else the count of sentence-final
// punctuation marks before the offset (kept between calls, so a pass over
// a document is linear).
type sentenceCursor struct{ pos, n int }

func (c *sentenceCursor) sentence(doc *sitrep.Doc, off int) int {
	if len(doc.Sentences) > 0 {
		return doc.SentenceAt(off)
	}
	t := doc.Text
	for ; c.pos < off && c.pos < len(t); c.pos++ {
		switch t[c.pos] {
		case '!', '?', '\n':
			c.n++
		case '.':
			// "Feb. 6": a dot before a number ends nothing.
			if !(c.pos+2 < len(t) && t[c.pos+1] == ' ' && t[c.pos+2] >= '0' && t[c.pos+2] <= '9') {
				c.n++
			}
		}
	}
	return c.n
}

// durationDays converts P2D, P1W or PT48H to the days back to the first
// day of the period (the past 24 hours are reported as the day of writing).
func durationDays(v string) int {
	switch {
	case strings.HasPrefix(v, "PT") && strings.HasSuffix(v, "H"):
		h, err := strconv.Atoi(v[2 : len(v)-1])
		if err != nil {
			return 0
		}
		return (h - 1) / 24 // the past 24 hours: today
	case strings.HasPrefix(v, "P") && strings.HasSuffix(v, "D"):
		d, _ := strconv.Atoi(v[1 : len(v)-1])
		return d
	case strings.HasPrefix(v, "P") && strings.HasSuffix(v, "W"):
		w, _ := strconv.Atoi(v[1 : len(v)-1])
		return 7 * w
	}
	return 0
}

// eventNouns name a happening that a following date can belong to: "an
// attack Jan. 7".
var eventNouns = map[string]bool{
	"attack": true, "attacks": true, "bombing": true, "bombings": true,
	"kidnapping": true, "ambush": true, "assault": true, "raid": true,
	"explosion": true, "blast": true, "incident": true, "killing": true,
	"killings": true, "shooting": true, "abduction": true, "strike": true,
}

// attributive reports a date that names another event: set before a noun
// ("the July 2 attack") or after one ("responsible for an attack Jan.
// 7"). before and after are the text around the date.
func attributive(before, after string) bool {
	before = strings.TrimRight(before, " ")
	k := strings.LastIndexAny(before, " \n\t(")
	prev := strings.ToLower(before[k+1:])
	if eventNouns[prev] {
		return true
	}
	if prev != "the" || len(after) < 3 || after[0] != ' ' {
		return false
	}
	// The next word is a lower-case noun, not a preposition or verb.
	w := after[1:]
	if e := strings.IndexAny(w, " ,.;:)\n"); e >= 0 {
		w = w[:e]
	}
	if w == "" || w[0] < 'a' || w[0] > 'z' {
		return false
	}
	switch w {
	case "and", "or", "to", "in", "at", "on", "of", "for", "with", "when", "as", "by", "from", "was", "were", "is", "that", "which":
		return false
	}
	return true
}

// possessive reports whether rest opens with 's.
func possessive(rest string) bool {
	return strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s")
}
