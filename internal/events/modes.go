package events

import (
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/attrib"
)

// modalityRank orders modality cues when several govern one event: the
// stronger reading wins.
var modalityRank = map[string]int{
	sitrep.ModDenied:       6,
	sitrep.ModHypothetical: 5,
	sitrep.ModHoped:        4,
	sitrep.ModIntended:     3,
	sitrep.ModBelieved:     2,
	sitrep.ModReported:     1,
}

// modes sets c's modality and historical flag from the cues around it.
func (w *work) modes(c *cand, first, limit int) {
	// Modality: the nearest cue before the trigger in the same sentence,
	// not across a strong clause boundary. Modal verbs only count inside
	// the verb group; cue verbs ("believe", "hope") scope over their
	// complement clauses.
	start := c.head
	if !c.verbal {
		start = c.vg
	}
	mod := c.modality
	crossedRel := false
	if !c.verbal && c.vg > first {
		switch w.low[c.vg-1] {
		case "since", "after", "before", "during", "following":
			// A happening named as a time reference ("since the US-led
			// invasion") is presupposed, not hoped or reported.
			start = first
		}
	}
	for j := start - 1; j >= first; j-- {
		l := w.low[j]
		if isStrongBoundary(l) {
			break
		}
		if j < c.cs && (l == "who" || l == "which" || l == "whom") {
			crossedRel = true
		}
		if w.mAt[j] >= 0 {
			continue // a name is no cue ("the United States")
		}
		cu, _ := w.cueAt(j, CueHoped, CueIntended, CueHypothetical, CueBelieved, CueReported, CueDenied)
		if cu == nil {
			continue
		}
		// Desire and intent do not reach into a relative clause; belief
		// and report do ("sources believe X shunned groups which it
		// once supported").
		if crossedRel && (cu.Class == CueHoped || cu.Class == CueIntended || cu.Class == CueHypothetical) {
			continue
		}
		if isModal(cu.Words[0]) && len(cu.Words) == 1 {
			// A modal governs its own verb group only (for a nominal, the
			// group of the verb governing it).
			vg := c.vg
			if !c.verbal {
				vg = -1
				if gov := w.governor(c.vg, first); gov >= 0 {
					vg = w.verbGroup(gov, first)
				}
			}
			if vg < 0 || j < vg-1 {
				continue
			}
		}
		if cu.Class == CueReported && j < c.cs && c.verbal && !w.plain(j+1, c.cs-1) {
			continue
		}
		cls := cu.Class
		if cls == CueHypothetical && (cu.Words[0] == "would" || cu.Words[0] == "'d") && w.reportedWould(j, first) {
			// "announced it would send troops": the future of reported
			// speech, an intention.
			cls = CueIntended
		}
		if cls == CueReported && w.deniedBefore(j, first) {
			// "denied reports that ...", "rejected claims that ...": the
			// report is denied.
			cls = CueDenied
		}
		if mod == "" || modalityRank[cls] > modalityRank[mod] && j >= c.cs {
			mod = cls
			c.would = cu.Words[0] == "would" || cu.Words[0] == "'d"
		}
		if j >= c.cs || start-j > 3 {
			break
		}
	}
	if mod == "" {
		// A trailing attribution: "..., western sources believe."
		for j := c.end + 1; j < limit; j++ {
			if w.low[j] == "," {
				if cl := w.trailingCue(j-1, limit); cl != "" {
					mod = cl
				}
				break
			}
		}
	}
	c.modality = mod
	// Historical: "once", "formerly" in the clause before the trigger.
	for j := c.cs; j < c.head; j++ {
		if cu, _ := w.cueAt(j, CueHistorical); cu != nil {
			c.historical = true
			break
		}
	}
}

// reportedWould reports whether "would" at j follows a reporting verb and
// its subject pronoun or "that" ("said it would", "announced that they
// would").
func (w *work) reportedWould(j, first int) bool {
	for k := j - 1; k >= first && k >= j-3; k-- {
		if cu, _ := w.cueAt(k, CueReported); cu != nil {
			return true
		}
		if l := w.low[k]; !isSubjPron(l) && l != "that" && l != "they" && l != "we" {
			return false
		}
	}
	return false
}

func isModal(w string) bool {
	switch w {
	case "will", "'ll", "shall", "would", "'d", "could", "might", "may", "should":
		return true
	}
	return false
}

// trailingCue returns the modality of an attribution that closes the
// sentence after token ce: ", western sources believe ." or "..., he said".
func (w *work) trailingCue(ce, limit int) string {
	j := ce + 1
	for j < limit && (w.low[j] == "," || w.low[j] == "”" || w.low[j] == "\"" || w.low[j] == "'") {
		j++
	}
	if j == ce+1 {
		return ""
	}
	for k := j; k < limit && k < j+6; k++ {
		if cu, n := w.cueAt(k, CueBelieved, CueReported, CueDenied); cu != nil {
			rest := k + n
			for rest < limit && isPunct(w.low[rest]) && w.low[rest] != "(" {
				rest++
			}
			if rest >= limit || w.low[rest] == "(" {
				return cu.Class
			}
		}
	}
	return ""
}

// setWhereWhen fills places, date and quantities of event ev.
func (w *work) setWhereWhen(c *cand, ev *sitrep.Event, sc []*cand) {
	d := w.doc
	sent := d.Sentences[c.sent]
	// Where the reporter sits is not where the event happened.
	var reporter []sitrep.Span
	if lo, hi := w.attribution(sent.First, min(sent.Limit, len(d.Tokens))); lo >= 0 && c.head < lo {
		reporter = append(reporter, w.span(lo, hi))
	}
	if q := attrib.QuoteAt(d, w.span(c.first, c.last)); q != nil && q.Speaker.End > q.Speaker.Start {
		reporter = append(reporter, sitrep.Span{Start: q.Speaker.Start, End: q.Speaker.End})
	}
	actorSpans := func(s sitrep.Span) bool {
		for _, r := range []*sitrep.ActorRef{ev.Source, ev.Target} {
			if r != nil && (sitrep.Span{Start: r.Start, End: r.End}).Overlaps(s) {
				return true
			}
		}
		return false
	}
	// ownPlace: the clause names a place only as a participant ("are
	// being oppressed in China"); then another sentence toponym is no
	// better a guess.
	ownPlace := false
	pick := func(lo, hi int) []string {
		var ids []string
		for j := lo; j <= hi; j++ {
			pi := w.plAt[j]
			if pi < 0 {
				continue
			}
			s := w.span(j, j)
			for j+1 <= hi && w.plAt[j+1] == pi {
				j++
			}
			s.End = d.Tokens[j].End
			if actorSpans(s) || w.actorPlace(s, sc) {
				ownPlace = true
				continue
			}
			inReporter := false
			for _, r := range reporter {
				if r.Overlaps(s) {
					inReporter = true
				}
			}
			if inReporter {
				continue
			}
			// Skip a dateline ("KABUL, Afghanistan (Aug. 6) ..."): where the
			// report was filed, not where the event happened.
			if w.dateline(j) {
				continue
			}
			// Skip non-locative uses: "the border with Iran".
			f := d.TokenAt(s.Start)
			if f > 0 {
				switch w.low[f-1] {
				case "with", "against", "toward", "towards", "via":
					continue
				}
			}
			id := d.Places[pi].ID
			if !contains(ids, id) {
				ids = append(ids, id)
			}
		}
		return ids
	}
	ev.Places = pick(c.cs, c.ce)
	if len(ev.Places) == 0 && !ownPlace {
		ev.Places = pick(sent.First, sent.Limit-1)
	}
	clause := w.span(c.cs, c.ce)
	ss := sent.Span()
	// Date: a dated time expression in the clause, else the sentence.
	var date string
	for pass := 0; pass < 2 && date == ""; pass++ {
		scope := clause
		if pass == 1 {
			scope = ss
		}
		for _, t := range d.Times {
			if !scope.Contains(sitrep.Span{Start: t.Start, End: t.End}) {
				continue
			}
			v := string(t.Value)
			switch t.Type {
			case sitrep.TimeDecade:
				if pass == 0 {
					c.historical = true
				}
				continue
			case sitrep.TimeDuration:
				continue
			}
			if isISODate(v) {
				if pass == 0 && d.Published != "" && len(v) >= 4 && len(d.Published) >= 4 && v[:4] < string(d.Published[:4]) {
					if y1, y2 := atoi4(v), atoi4(string(d.Published)); y2-y1 >= 2 {
						c.historical = true
					}
				}
				if w.boundBefore(t.Start) {
					continue // "the post 9-11 invasion" is after 9/11, not on it
				}
				date = v
				break
			}
		}
	}
	ev.Date = sitrep.NullString(date)
	// A decade written in the clause ("in the 1990s") without a time layer.
	if !c.historical {
		for j := c.cs; j <= c.ce; j++ {
			if l := w.low[j]; len(l) == 5 && l[4] == 's' && isDigits(l[:4]) && l[3] == '0' {
				c.historical = true
			}
		}
	}
	// Quantities: casualty counts in the clause, else the sentence.
	for pass := 0; pass < 2 && len(ev.Quantities) == 0; pass++ {
		scope := clause
		if pass == 1 {
			scope = ss
		}
		for _, q := range d.Quantities {
			if q.Kind == "" || !scope.Contains(sitrep.Span{Start: q.Start, End: q.End}) {
				continue
			}
			ev.Quantities = append(ev.Quantities, q.ID)
		}
	}
}

// boundBefore reports whether the time expression at byte off is a bound
// ("post 9-11", "pre-war", "after January"), not the event's date.
func (w *work) boundBefore(off int) bool {
	i := w.doc.TokenAt(off)
	if i <= 0 {
		return false
	}
	switch w.low[i-1] {
	case "post", "pre", "after", "before", "until", "till":
		return true
	}
	return false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func atoi4(s string) int {
	n := 0
	for i := 0; i < 4 && i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// isISODate reports whether v is YYYY, YYYY-MM or YYYY-MM-DD.
func isISODate(v string) bool {
	switch len(v) {
	case 4:
		return isDigits(v)
	case 7:
		return isDigits(v[:4]) && v[4] == '-' && isDigits(v[5:])
	case 10:
		return isDigits(v[:4]) && v[4] == '-' && isDigits(v[5:7]) && v[7] == '-' && isDigits(v[8:])
	}
	return false
}

// applyQuote sets attribution and adjusts modality from the quote.
func applyQuote(doc *sitrep.Doc, ev *sitrep.Event, trig sitrep.Span) {
	q := attrib.QuoteAt(doc, trig)
	if q == nil {
		return
	}
	ev.Attribution = sitrep.NullString(q.ID)
	switch {
	case ev.Modality != sitrep.ModAsserted && ev.Modality != sitrep.ModReported:
		// A stronger reading from the clause itself stands.
	case q.Hedged:
		ev.Modality = sitrep.ModBelieved
	case q.Speaker.Kind == sitrep.SpeakerOutlet:
		ev.Modality = sitrep.ModAsserted
	default:
		ev.Modality = sitrep.ModReported
	}
}

// dateline reports whether token j is in a dateline: an all-capital place
// opening its line, followed by a comma.
func (w *work) dateline(j int) bool {
	d := w.doc
	f := j
	for f > 0 && w.plAt[f-1] == w.plAt[j] {
		f--
	}
	t := d.Tokens[j].Text
	if strings.ToUpper(t) != t || len(t) < 3 || j+1 >= len(w.low) || w.low[j+1] != "," {
		return false
	}
	if st := d.Tokens[f].Start; st == 0 || d.Text[st-1] == '\n' {
		return true
	}
	// Mid-line: "... For Immediate Release KABUL, Afghanistan (Jan. 10) –".
	for k := j + 2; k < len(w.low) && k <= j+4; k++ {
		if w.low[k] == "(" {
			return true
		}
	}
	return false
}

// deniedBefore reports whether a denial cue governs the report cue at
// token j ("denied reports that", "denied on Sunday the claims that").
func (w *work) deniedBefore(j, first int) bool {
	for k := j - 1; k >= first && k >= j-4; k-- {
		if cu, _ := w.cueAt(k, CueDenied); cu != nil {
			return true
		}
		l := w.low[k]
		if !(isDet(l) || isAdverb(l) || w.pos(k) == "PROPN" || w.pos(k) == "ADP" || l == "on") {
			return false
		}
	}
	return false
}
