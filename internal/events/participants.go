package events

import (
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/attrib"
)

// attribution returns the token range [lo, hi] of the attribution that
// closes sentence [first, limit) ("..., relief officials in Nairobi
// said.", "..., according to the ministry."), or -1, -1. Who reports an
// event is not its participant, nor where the reporter sits its place.
func (w *work) attribution(first, limit int) (int, int) {
	// The last comma of the sentence.
	cm := -1
	for j := limit - 1; j > first; j-- {
		if w.low[j] == "," {
			cm = j
			break
		}
		if isBoundary(w.low[j]) && w.low[j] != "”" && w.low[j] != "\"" {
			return -1, -1
		}
	}
	if cm < 0 {
		return -1, -1
	}
	hi := limit - 1
	for hi > cm && isPunct(w.low[hi]) {
		hi--
	}
	if hi <= cm {
		return -1, -1
	}
	if w.low[cm+1] == "according" && cm+2 <= hi && w.low[cm+2] == "to" {
		return cm, hi
	}
	// ", NP said|told|reported|believe [a few words]": the cue within eight
	// tokens of the comma, at most five tokens after it and no verb there
	// ("said on Monday", "told AFP by phone Sunday").
	for k := cm + 1; k <= hi && k <= cm+9; k++ {
		cu, n := w.cueAt(k, CueReported, CueBelieved, CueDenied)
		if cu == nil {
			continue
		}
		rest := k + n
		if hi-rest+1 > 5 {
			return -1, -1
		}
		for j := rest; j <= hi; j++ {
			if w.pos(j) == "VERB" || w.lem[j] != "" && w.mAt[j] < 0 && w.pos(j) == "" || isBoundary(w.low[j]) {
				return -1, -1
			}
		}
		return cm, hi
	}
	return -1, -1
}

// dropReporters removes from the candidates' participants the words that
// only report them: a quote's speaker for the events told in the quote
// ("... Uyghur insurgents, The Mirror can reveal") and the closing
// attribution of the sentence for the events before it.
func (w *work) dropReporters(sc []*cand, first, limit int) {
	lo, hi := w.attribution(first, limit)
	for _, c := range sc {
		var spk []sitrep.Span
		// A speaker before the content may be the event's own source
		// ("Italy announced a suspension of ..."); one after it, the
		// outlet, or an "according to" source only reports ("According
		// to the army, rebels attacked ...").
		if q := attrib.QuoteAt(w.doc, w.span(c.first, c.last)); q != nil && q.Speaker.End > q.Speaker.Start &&
			(q.Speaker.Start > w.doc.Tokens[c.last].End || q.Speaker.Kind == sitrep.SpeakerOutlet || w.accordingTo(q, c.first)) {
			spk = append(spk, sitrep.Span{Start: q.Speaker.Start, End: q.Speaker.End})
		}
		if lo >= 0 && c.head < lo {
			spk = append(spk, w.span(lo, hi))
		}
		if len(spk) == 0 {
			continue
		}
		out := func(r ref) bool {
			s := w.span(r.first, r.last)
			for _, a := range spk {
				if a.Overlaps(s) {
					return true
				}
			}
			return false
		}
		keep := func(rs []ref) []ref {
			var o []ref
			for _, r := range rs {
				if !out(r) {
					o = append(o, r)
				}
			}
			return o
		}
		c.src, c.tgt = keep(c.src), keep(c.tgt)
		if len(c.pairs) > 0 {
			var ps [][2]*ref
			for _, p := range c.pairs {
				if !out(*p[0]) && !out(*p[1]) {
					ps = append(ps, p)
				}
			}
			c.pairs = ps
		}
		if c.instigator != nil && out(*c.instigator) {
			c.instigator = nil
		}
	}
}

// accordingTo reports whether q is "According to X, ..." with the event at
// token i after the comma that closes X's phrase: X only reports it.
func (w *work) accordingTo(q *sitrep.Quote, i int) bool {
	at := w.doc.Tokens[i].Start
	return strings.EqualFold(string(q.Cue), "according to") && q.Speaker.End < at &&
		strings.Contains(w.doc.Text[q.Speaker.End:at], ",")
}

// announcerSource gives a nominal event with no source the speaker who
// announces it.
func (w *work) announcerSource(sc []*cand) {
	for _, c := range sc {
		if c.verbal || len(c.src) > 0 || len(c.pairs) > 0 {
			continue
		}
		switch c.plover {
		case "AID", "AGREE", "SUPPORT", "COOPERATE", "SANCTION", "CONCEDE", "RETREAT", "MOBILIZE":
		default:
			continue // what the speaker gives or does, not "unrest" they respond to
		}
		q := attrib.QuoteAt(w.doc, w.span(c.first, c.last))
		if q == nil || q.Speaker.End <= q.Speaker.Start || q.Speaker.End > w.doc.Tokens[c.first].Start {
			continue
		}
		cue := strings.Fields(strings.ToLower(string(q.Cue)))
		if len(cue) == 0 || !w.lex.isWord(CueAnnounce, cue[0]) {
			continue
		}
		f, l := w.tokRange(q.Speaker.Start, q.Speaker.End)
		for j := l; f >= 0 && j >= f; j-- {
			if mi := w.mAt[j]; mi >= 0 {
				if r := w.mentionRef(mi); len(c.tgt) == 0 || c.tgt[0].actor != r.actor {
					c.src = []ref{r}
				}
				break
			}
		}
	}
}

// claimedBy gives the attacks of a sentence with no source the actor that
// claimed them ("in an attack claimed by Islamic State").
func (w *work) claimedBy(sc []*cand, first, limit int) {
	for j := first; j+2 < limit; j++ {
		if w.low[j] != "claimed" || w.low[j+1] != "by" || w.mAt[j+2] < 0 {
			continue
		}
		r := w.mentionRef(w.mAt[j+2])
		for _, c := range sc {
			if c.plover == "ASSAULT" && len(c.src) == 0 && len(c.pairs) == 0 && (len(c.tgt) == 0 || c.tgt[0].actor != r.actor) {
				c.src = []ref{r}
			}
		}
	}
}

// complementTarget gives an event with a source but no target the first
// actor named in its complement: the purpose or object of a protest or
// demand ("a hunger strike to demand the resignation of Algerian
// President X", "demanded an admission by Moscow", "confiscated weapons
// from Palestinian armed groups", "promised aid to Mozambique"). It stops
// at a comma or clause boundary, skips locative phrases ("in Kirkuk") and
// the source's own actor, and never reaches into the sentence's closing
// attribution.
func (w *work) complementTarget(c *cand, first, limit int) {
	if len(c.tgt) > 0 || len(c.pairs) > 0 || len(c.src) == 0 {
		return
	}
	end := limit - 1
	if lo, _ := w.attribution(first, limit); lo >= 0 && lo > c.end {
		end = lo - 1
	}
	// A modifier ("Albanian rebel-held territory") serves when nothing
	// else is named.
	mod := int32(-1)
	defer func() {
		if len(c.tgt) == 0 && mod >= 0 {
			c.tgt = []ref{w.mentionRef(mod)}
		}
	}()
	for j := c.end + 1; j <= end && j <= c.end+14; j++ {
		l := w.low[j]
		if l == "," || l == ";" || isBoundary(l) && !(l == "that" && j == c.end+1) ||
			isSubordinator(l) && !(l == "as" && (w.low[j-1] == "such" || w.low[j-1] == "so")) {
			return
		}
		// Nor into another predicate ("fighting ... has left streets
		// littered with bodies and civilians trapped"), but through an
		// infinitive or gerund complement ("a hunger strike to demand",
		// "prepared to resume shelling").
		if w.mAt[j] < 0 && (isAux(l) && l != "to" || w.pos(j) == "AUX" || w.finiteAfterNoun(j)) {
			return
		}
		// A coordinated predicate has its own object ("condemned the
		// attack and promised generators for Ukrainian cities").
		if isConj(l) && j+1 <= end && (w.pos(j+1) == "VERB" || w.pos(j+1) == "" && w.lem[j+1] != "" && w.mAt[j+1] < 0) {
			return
		}
		mi := w.mAt[j]
		if mi < 0 {
			continue
		}
		m := w.ment[mi]
		j = m.last
		if w.modifierMention(mi) {
			if mod < 0 && (len(c.src) == 0 || c.src[0].actor != m.actor) {
				mod = mi
			}
			continue
		}
		same := false
		for _, s := range c.src {
			if s.actor == m.actor {
				same = true
			}
		}
		if same {
			continue
		}
		k := m.first - 1
		for k > c.end && (isDet(w.low[k]) || w.pos(k) == "ADJ") {
			k--
		}
		switch w.low[k] {
		case "in", "at", "near", "around", "across", "throughout", "inside", "outside", "on", "within":
			continue
		}
		c.tgt = w.coordinated(mi, false)
		return
	}
}

// actorPlace reports whether the place span s names (part of) a
// participant of an event of the sentence or is used as a modifier ("the
// U.S.-backed government", "Afghan forces"): a place so used is an actor,
// not where the event happened.
func (w *work) actorPlace(s sitrep.Span, sc []*cand) bool {
	f, l := w.tokRange(s.Start, s.End)
	if f < 0 {
		return false
	}
	if w.pos(l) == "ADJ" || l+1 < len(w.low) && w.hyphenated(l+1) {
		return true
	}
	if t := w.doc.Tokens[l]; s.End < t.End && w.doc.Text[s.End] == '-' {
		return true // "U.S.-backed" as one token
	}
	// The place's words name an actor that takes part in an event of the
	// sentence (a pronoun ref, "their withdrawal", stands for it).
	isPart := func(r ref, c *cand) bool {
		if r.first <= l && f <= r.last {
			return true
		}
		if p := w.low[r.first]; w.mAt[r.first] >= 0 && !(isPossPron(p) || isSubjPron(p) || isObjPron(p)) {
			return false
		}
		for t := f; t <= l; t++ {
			if mi := w.mAt[t]; mi >= 0 && w.ment[mi].actor == r.actor {
				return true
			}
		}
		return false
	}
	for _, c := range sc {
		for _, rs := range [][]ref{c.src, c.tgt} {
			for _, r := range rs {
				if isPart(r, c) {
					return true
				}
			}
		}
		for _, p := range c.pairs {
			for _, r := range p {
				if isPart(*r, c) {
					return true
				}
			}
		}
	}
	return false
}

// finiteAfterNoun reports whether token j is a finite verb right after a
// noun, the start of another clause's predicate ("the fighting left").
func (w *work) finiteAfterNoun(j int) bool {
	switch w.doc.Tokens[j].Tag {
	case "VBZ", "VBD", "VBP":
	default:
		return false
	}
	p := w.pos(j - 1)
	return p == "NOUN" || p == "PROPN" || p == "PRON" || w.mAt[j-1] >= 0
}
