package events

import (
	"slices"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep"
)

// mention is an actor mention mapped onto tokens.
type mention struct {
	actor       int // index in Doc.Actors
	start, end  int // bytes
	first, last int // tokens
}

// ref is a resolved participant: an actor and the words that named it
// (a pronoun keeps its own span and borrows its antecedent's actor).
type ref struct {
	actor       int
	first, last int
}

// cand is an event candidate while the document is coded.
type cand struct {
	sent                int
	e                   *Entry
	verbal              bool
	plover, mode, cameo string
	first, last, head   int // trigger tokens
	vg                  int // first token of the verb group (verbs) or noun phrase (nouns)
	end                 int // last token of the pattern and its phrase
	cs, ce              int // clause token range [cs, ce]
	src, tgt            []ref
	pairs               [][2]*ref
	instigator          *ref
	passive, neg        bool
	modality            string
	historical          bool
	absorbed            bool
	would               bool // the modality came from "would"
	locTgt              bool // the target is the event's location
	complement          *cand
	relIn               bool
	id                  string
}

// work is the per-document state of the coder.
type work struct {
	lex     *Lexicon
	doc     *sitrep.Doc
	low     []string // lower-cased token norms
	lem     []string // verb lemma per token ("" when not a known verb form)
	ment    []mention
	mAt     []int32 // token -> mention index, -1
	plAt    []int32 // token -> place index, -1
	timeTok []bool  // token inside a time expression of the time layer
	chAt    []int32 // token -> chunk index, -1
	cueAt0  []bool  // a cue may start at the token
	hasCh   bool
	cands   []*cand
	rels    []pendingRel
}

// Code fills doc.Events and doc.Relations from the other layers.
func (c *Coder) Code(doc *sitrep.Doc) {
	doc.Events = doc.Events[:0]
	doc.Relations = doc.Relations[:0]
	if len(doc.Tokens) == 0 || len(doc.Sentences) == 0 {
		return
	}
	w := &work{lex: c.lex, doc: doc}
	w.index()
	for si := range doc.Sentences {
		w.sentence(si)
	}
	w.emit()
}

func (w *work) index() {
	d := w.doc
	n := len(d.Tokens)
	w.low = make([]string, n)
	w.lem = make([]string, n)
	w.mAt = make([]int32, n)
	w.plAt = make([]int32, n)
	w.chAt = make([]int32, n)
	w.cueAt0 = make([]bool, n)
	for i := range d.Tokens {
		t := &d.Tokens[i]
		s := t.Norm
		if s == "" {
			s = t.Text
		}
		w.low[i] = lowerASCII(s)
		// The lexicon's own verb forms first: the tagger's lemmatizer
		// errs on some ("shelled" as "shel").
		w.lem[i] = w.lex.lemma[w.low[i]]
		if w.lem[i] == "" && t.Lemma != "" && (t.POS == "VERB" || t.POS == "AUX") {
			w.lem[i] = lowerASCII(t.Lemma)
		}
		if w.lem[i] == "" {
			// "U.S.-backed": the participle after the hyphen.
			if k := strings.LastIndexByte(w.low[i], '-'); k > 0 && k < len(w.low[i])-1 {
				w.lem[i] = w.lex.lemma[w.low[i][k+1:]]
			}
		}
		w.mAt[i], w.plAt[i], w.chAt[i] = -1, -1, -1
		w.cueAt0[i] = w.lex.cues[w.low[i]] != nil || w.lem[i] != "" && w.lex.cues[w.lem[i]] != nil
	}
	for ai, a := range d.Actors {
		for _, m := range a.Mentions {
			f, l := w.tokRange(m.Start, m.End)
			if f < 0 {
				continue
			}
			w.ment = append(w.ment, mention{actor: ai, start: m.Start, end: m.End, first: f, last: l})
		}
	}
	slices.SortFunc(w.ment, func(a, b mention) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	for mi, m := range w.ment {
		for t := m.first; t <= m.last; t++ {
			if cur := w.mAt[t]; cur >= 0 && w.ment[cur].end-w.ment[cur].start >= m.end-m.start {
				continue
			}
			w.mAt[t] = int32(mi)
		}
	}
	w.timeTok = make([]bool, n)
	for _, t := range d.Times {
		f, l := w.tokRange(t.Start, t.End)
		for k := f; f >= 0 && k <= l; k++ {
			w.timeTok[k] = true
		}
	}
	for pi, p := range d.Places {
		for _, m := range p.Mentions {
			f, l := w.tokRange(m.Start, m.End)
			for t := f; f >= 0 && t <= l; t++ {
				w.plAt[t] = int32(pi)
			}
		}
	}
	for ci, ch := range d.Chunks {
		for t := ch.First; t < ch.Limit && t < n; t++ {
			if t >= 0 {
				w.chAt[t] = int32(ci)
			}
		}
	}
	w.hasCh = len(d.Chunks) > 0
}

// tokRange maps a byte span to its first and last token, or -1.
// inName reports whether token i lies in the mention of a named actor (a
// country, organisation, group or person), not of a kind of people.
func (w *work) inName(i int) bool {
	m := w.ment[w.mAt[i]]
	if t := w.doc.Tokens[i]; t.Start < m.start || t.End > m.end {
		return false // "US-backed": the name is only part of the word
	}
	switch w.doc.Actors[m.actor].Type {
	case sitrep.ActorAgent, sitrep.ActorEthnicGroup:
		return false
	}
	return true
}

func (w *work) tokRange(start, end int) (int, int) {
	f := w.doc.TokenAt(start)
	if f < 0 || end <= start {
		return -1, -1
	}
	l := w.doc.TokenAt(end - 1)
	if l < f {
		l = f
	}
	return f, l
}

func (w *work) pos(i int) string { return w.doc.Tokens[i].POS }

// isVerbTok reports whether token i is (likely) a verb.
func (w *work) isVerbTok(i int) bool {
	switch w.pos(i) {
	case "VERB", "AUX":
		return true
	case "NOUN", "PROPN", "ADJ", "DET", "ADP", "PRON", "NUM", "PUNCT", "CCONJ", "SCONJ", "ADV", "PART":
		return false
	}
	return w.lem[i] != "" && w.mAt[i] < 0
}

// mentionRef returns the ref for mention mi.
func (w *work) mentionRef(mi int32) ref {
	m := w.ment[mi]
	return ref{actor: m.actor, first: m.first, last: m.last}
}

// sentence finds and codes the events of sentence si.
func (w *work) sentence(si int) {
	s := w.doc.Sentences[si]
	first, limit := s.First, s.Limit
	if limit > len(w.doc.Tokens) {
		limit = len(w.doc.Tokens)
	}
	if first >= limit {
		return
	}
	var sc []*cand
	used := make(map[int]bool)
	for i := first; i < limit; i++ {
		if used[i] {
			continue
		}
		c := w.trigger(si, i, first, limit, used)
		if c == nil {
			continue
		}
		if w.nonevent(c, first) || w.inTime(c) {
			continue
		}
		for t := c.first; t <= c.last; t++ {
			used[t] = true
		}
		sc = append(sc, c)
	}
	if len(sc) == 0 {
		return
	}
	for _, c := range sc {
		c.cs, c.ce = w.clause(c.head, first, limit)
		if c.verbal {
			w.verbRoles(c, first, limit)
		}
	}
	// Nominal roles read the roles of the verbs that govern them.
	for _, c := range sc {
		if !c.verbal {
			w.nounRoles(c, sc, first, limit)
		}
	}
	w.shareTargets(sc, first)
	w.control(sc)
	w.dropReporters(sc, first, limit)
	w.announcerSource(sc)
	w.claimedBy(sc, first, limit)
	for _, c := range sc {
		w.locTarget(c)
		w.complementTarget(c, first, limit)
		w.modes(c, first, limit)
		w.recode(c)
	}
	w.relations(sc, first, limit)
	w.absorb(sc)
	sc = append(sc, w.mustDemands(sc, first, limit)...)
	w.cands = append(w.cands, sc...)
}

// nonevent reports whether c follows a phrase after which nothing is coded.
func (w *work) nonevent(c *cand, first int) bool {
	for _, cu := range w.lex.cues[w.low[c.head]] {
		if cu.Class == CueNonevent && w.matchWords(cu.Words, c.head) > 0 {
			return true
		}
	}
	if c.verbal && w.lem[c.head] != "" {
		for _, cu := range w.lex.cues[w.lem[c.head]] {
			if cu.Class == CueNonevent && w.matchWords(cu.Words[1:], c.end+1) > 0 {
				return true
			}
		}
	}
	return false
}

// matchWords matches words at token i exactly (lower case, or lemma for
// the first word); it returns the number of tokens matched, 0 if none.
func (w *work) matchWords(words []string, i int) int {
	n := len(w.doc.Tokens)
	for k, wd := range words {
		j := i + k
		if j >= n {
			return 0
		}
		if w.low[j] != wd && !(k == 0 && w.lem[j] == wd) {
			return 0
		}
	}
	return len(words)
}

// cueAt returns the cue of one of the classes that starts at token i and
// its length.
func (w *work) cueAt(i int, classes ...string) (*Cue, int) {
	if !w.cueAt0[i] {
		return nil, 0
	}
	var best *Cue
	bn := 0
	try := func(key string) {
		for _, cu := range w.lex.cues[key] {
			if !slices.Contains(classes, cu.Class) {
				continue
			}
			if n := w.matchWords(cu.Words, i); n > bn {
				best, bn = cu, n
			}
		}
	}
	try(w.low[i])
	if l := w.lem[i]; l != "" && l != w.low[i] {
		try(l)
	}
	return best, bn
}

// trigger returns the event candidate whose head is token i, or nil.
func (w *work) trigger(si, i, first, limit int, used map[int]bool) *cand {
	low := w.low[i]
	if isPunct(low) || w.mAt[i] >= 0 && (w.pos(i) == "PROPN" || w.inName(i)) {
		return nil // part of a name: "the Rapid Support Forces" support nobody
	}
	var vbest *Entry
	vend := -1
	if l := w.lem[i]; l != "" {
		for _, e := range w.lex.verbs[l] {
			if end := w.matchVerb(e, i, limit); end >= 0 && (vbest == nil || len(e.Slots) > len(vbest.Slots)) {
				vbest, vend = e, end
			}
		}
	}
	var nbest *Entry
	nf, nl := -1, -1
	heads := []string{low}
	if lm := w.doc.Tokens[i].Lemma; lm != "" && w.pos(i) == "NOUN" {
		heads = append(heads, lowerASCII(lm))
	}
	heads = append(heads, singular(low)...)
	for _, h := range heads {
		for _, e := range w.lex.nouns[h] {
			if f, l := w.matchNoun(e, i, first, limit, used); f >= 0 && (nbest == nil || len(e.Slots) > len(nbest.Slots)) {
				nbest, nf, nl = e, f, l
			}
		}
	}
	if vbest != nil && w.notVerbHere(i, first, limit) {
		vbest = nil
	}
	if vbest != nil && w.adjectival(i, first) {
		vbest = nil
	}
	if vbest != nil && low == "back" && w.particleBack(i, first) {
		vbest = nil
	}
	if nbest != nil && nl+1 < limit && nl == i && (w.pos(nl+1) == "NOUN" || w.pos(nl+1) == "PROPN") && w.mAt[nl+1] < 0 {
		// A noun modifying the next one is not an event ("border patrol
		// agents", "war crimes court").
		nbest = nil
	}
	if vbest == nil && nbest == nil {
		return nil
	}
	verbal := vbest != nil
	if vbest != nil && nbest != nil {
		verbal = w.verbReading(i, nf)
		if len(nbest.Slots) > 1 && len(vbest.Slots) == 1 {
			verbal = false
		}
	} else if vbest != nil {
		// A verb entry alone: trust a tagger that says noun; without one,
		// no verb follows a determiner.
		switch w.pos(i) {
		case "NOUN", "PROPN", "NUM":
			// A particle pattern overrides the tagger ("crack/NN down on"),
			// and so does an inflected verb form right after its subject
			// ("the parliament threatened/NN on Monday").
			if len(vbest.Slots) == 1 && !(w.lem[i] != low && (hasSuffix(low, "ed") || hasSuffix(low, "ened")) && i > first && (w.mAt[i-1] >= 0 || isSubjPron(w.low[i-1]))) {
				return nil
			}
		case "":
			if strings.IndexByte(low, '-') > 0 {
				break // "the U.S.-backed government"
			}
			if i > first && (isDet(w.low[i-1]) && w.low[i-1] != "that" || w.low[i-1] == "'s") {
				return nil
			}
			// Nor right after another verb ("buy arms"), but for helping
			// verbs ("help crack down").
			if i > first && w.lem[i-1] != "" && !isAux(w.low[i-1]) && w.mAt[i-1] < 0 && !hasSuffix(low, "ing") {
				if cu, _ := w.cueAt(i-1, CueTransparent, CueCausative, CueHoped, CueIntended, CueBelieved, CueReported, CueDenied); cu == nil {
					return nil
				}
			}
		}
	}
	c := &cand{sent: -1, head: i}
	if verbal {
		c.e, c.verbal, c.first, c.last, c.end = vbest, true, i, vend, vend
	} else {
		c.e, c.first, c.last, c.end = nbest, nf, nl, nl
	}
	c.sent = si
	c.plover, c.mode, c.cameo = c.e.Plover, c.e.Mode, c.e.Cameo
	return c
}

// verbReading decides between the verb and the noun reading of token i
// (nf is the first token of the noun pattern).
func (w *work) verbReading(i, nf int) bool {
	// Context first: taggers often call a nominal -ing form a verb
	// ("financial backing", "backing from Russia").
	if nf > 0 {
		p := w.low[nf-1]
		if isDet(p) || p == "'s" || w.pos(nf-1) == "ADJ" && !isAdverb(p) {
			return false
		}
		if w.mAt[nf-1] >= 0 && !isSubjPron(p) {
			// "the China support" is a noun; "the US attacks Iraq" a verb
			// with its object.
			if i+1 < len(w.low) && (w.mAt[i+1] >= 0 || isDet(w.low[i+1]) && w.low[i+1] != "'s") {
				return true
			}
			return false
		}
	}
	if i+1 < len(w.low) {
		switch n := w.low[i+1]; {
		case n == "of" || n == "from" || n == "between" || n == "by" || n == "against":
			if !hasSuffix(w.low[i], "ed") {
				return false
			}
		case hasSuffix(w.low[i], "ing") && isAux(n) && n != "to" && n != "not":
			// A gerund subject: "Fighting has been heavy".
			return false
		}
	}
	switch w.pos(i) {
	case "VERB", "AUX":
		return true
	case "NOUN", "PROPN":
		return false
	}
	if nf > 0 {
		p := w.low[nf-1]
		if isAux(p) || isAdverb(p) {
			return true
		}
		if isPrep(p) && !hasSuffix(w.low[i], "ing") {
			return false
		}
	}
	return true
}

func hasSuffix(s, suf string) bool { return len(s) >= len(suf) && s[len(s)-len(suf):] == suf }

// slotMatch reports whether token j matches one of the slot's words.
func (w *work) slotMatch(slot []string, j int) bool {
	low := w.low[j]
	for _, a := range slot {
		if low == a || w.lem[j] == a {
			return true
		}
		for _, s := range singular(low) {
			if s == a {
				return true
			}
		}
	}
	return false
}

// matchVerb matches the rest of verb entry e after its verb at token i;
// it returns the last matched token or -1.
func (w *work) matchVerb(e *Entry, i, limit int) int {
	pos := i
	for _, slot := range e.Slots[1:] {
		found := -1
		gap := 6
		if isParticle(slot) {
			// Particles stay by their verb ("give in" is not "given the
			// Taliban a boost in its bid").
			gap = 2
		}
		for j := pos + 1; j < limit && j <= pos+gap; j++ {
			if w.slotMatch(slot, j) && !(isPrep(w.low[j]) && j+1 < limit && w.timeTok[j+1]) {
				// Not a modifier of a following noun ("war games").
				if j+1 < limit && w.modifierOfNoun(j, limit) {
					break
				}
				found = j
				break
			}
			if l := w.low[j]; l == "," || l == ";" || l == "." || isBoundary(l) && l != "that" {
				break
			}
		}
		if found < 0 {
			return -1
		}
		pos = found
	}
	return pos
}

// matchNoun matches noun entry e with its head at token i; it returns the
// pattern's token range or -1, -1.
func (w *work) matchNoun(e *Entry, i, first, limit int, used map[int]bool) (int, int) {
	f := i
	for k := e.Head - 1; k >= 0; k-- {
		j := f - 1
		if j < first || used != nil && used[j] || !w.slotMatch(e.Slots[k], j) {
			return -1, -1
		}
		f = j
	}
	l := i
	for k := e.Head + 1; k < len(e.Slots); k++ {
		j := l + 1
		if j >= limit || !w.slotMatch(e.Slots[k], j) {
			return -1, -1
		}
		l = j
	}
	return f, l
}

// clause returns the token range of the clause around token i.
func (w *work) clause(i, first, limit int) (int, int) {
	cs := i
	for cs > first && !isBoundary(w.low[cs-1]) {
		if w.low[cs-1] == "," && w.subordinateBefore(cs-1, first) {
			break
		}
		cs--
	}
	sub := cs > first && isSubordinator(w.low[cs-1]) || cs == first && isSubordinator(w.low[cs])
	ce := i
	for ce+1 < limit && !isBoundary(w.low[ce+1]) {
		if sub && w.low[ce+1] == "," {
			break
		}
		ce++
	}
	// A parenthesis inside a clause is an aside: "facilities (UCF) in
	// central Iran".
	for ce+1 < limit && w.low[ce+1] == "(" {
		k := ce + 2
		for k < limit && k < ce+8 && w.low[k] != ")" {
			k++
		}
		if k >= limit || w.low[k] != ")" || k+1 >= limit || isPunct(w.low[k+1]) {
			break
		}
		ce = k + 1
		for ce+1 < limit && !isBoundary(w.low[ce+1]) {
			ce++
		}
	}
	// Drop final punctuation.
	for ce > i && isPunct(w.low[ce]) {
		ce--
	}
	return cs, ce
}

func (w *work) span(first, last int) sitrep.Span {
	return sitrep.Span{Start: w.doc.Tokens[first].Start, End: w.doc.Tokens[last].End}
}

// eventID formats the n-th event id.
func eventID(n int) string { return "e" + strconv.Itoa(n) }

// notVerbHere reports whether the verb reading of token i is ruled out: a
// modifier of a nominal pattern ("arms deals"), a transparent verb before
// another verb ("helping crack down"), or a plural noun in a coordination
// ("arms and supplies").
func (w *work) notVerbHere(i, first, limit int) bool {
	if cu, _ := w.cueAt(i, CueTransparent); cu != nil {
		j := i + 1
		if j < limit && w.low[j] == "to" {
			j++
		}
		if j < limit && w.lem[j] != "" && w.mAt[j] < 0 && !isAux(w.low[j]) {
			return true
		}
	}
	if w.pos(i) == "VERB" {
		return false
	}
	if i+1 < limit {
		for _, h := range append([]string{w.low[i+1]}, singular(w.low[i+1])...) {
			for _, e := range w.lex.nouns[h] {
				if e.Head > 0 {
					if f, _ := w.matchNoun(e, i+1, first, limit, nil); f >= 0 && f <= i {
						return true
					}
				}
			}
		}
	}
	if cu, _ := w.cueAt(i, CueTransparent); cu != nil {
		j := i + 1
		if j < limit && w.low[j] == "to" {
			j++
		}
		if j < limit && w.lem[j] != "" && w.mAt[j] < 0 && !isAux(w.low[j]) {
			return true
		}
	}
	if i-2 >= first && (w.low[i-1] == "and" || w.low[i-1] == "or") && hasSuffix(w.low[i], "s") && w.pos(i) == "" {
		p := i - 2
		if w.mAt[p] < 0 && !isPunct(w.low[p]) && !isSubjPron(w.low[p]) && hasSuffix(w.low[p], "s") && (p == first || w.mAt[p-1] < 0 && !isSubjPron(w.low[p-1])) {
			return true
		}
	}
	return false
}

// subordinateBefore reports whether the comma at token j closes a fronted
// subordinate clause ("Whereas X did Y, it is believed ...").
func (w *work) subordinateBefore(j, first int) bool {
	k := j - 1
	if k < first {
		return false
	}
	for k > first && !isBoundary(w.low[k-1]) && w.low[k-1] != "," {
		k--
	}
	if k > first && isSubordinator(w.low[k-1]) {
		return true
	}
	return isSubordinator(w.low[k])
}

func isSubordinator(w string) bool {
	switch w {
	case "whereas", "although", "though", "while", "because", "if", "unless", "since", "when", "once", "as":
		return true
	}
	return false
}

// shareTargets gives a nominal in a fronted "along with" phrase the target
// of the next event of its kind ("Along with backing from Russia, the
// China support has given the Taliban a boost").
func (w *work) shareTargets(sc []*cand, first int) {
	for i, c := range sc {
		if c.verbal || len(c.tgt) > 0 || len(c.src) == 0 || c.vg-1 < first {
			continue
		}
		p := w.low[c.vg-1]
		if !(p == "with" && c.vg-2 >= first && (w.low[c.vg-2] == "along" || w.low[c.vg-2] == "together") || p == "to" && c.vg-2 >= first && w.low[c.vg-2] == "addition") {
			continue
		}
		for _, o := range sc[i+1:] {
			if o.e.Plover == c.e.Plover && len(o.tgt) > 0 {
				c.tgt = retext(o.tgt)
				break
			}
		}
	}
}

// inTime reports whether a nominal trigger lies inside a time expression
// ("after 20 years of war").
func (w *work) inTime(c *cand) bool {
	if c.verbal {
		return false
	}
	sp := w.span(c.first, c.last)
	for _, t := range w.doc.Times {
		if (sitrep.Span{Start: t.Start, End: t.End}).Contains(sp) {
			return true
		}
	}
	// Without a time layer: "N years of war" (not "10 days of war games").
	if c.first == c.last && c.first >= 2 && w.low[c.first-1] == "of" {
		switch w.low[c.first-2] {
		case "years", "months", "weeks", "days", "decades":
			return true
		}
	}
	return false
}

// modifierOfNoun reports whether token j is the modifier of a nominal
// pattern headed by the next token ("war" in "war games").
func (w *work) modifierOfNoun(j, limit int) bool {
	for _, h := range append([]string{w.low[j+1]}, singular(w.low[j+1])...) {
		for _, e := range w.lex.nouns[h] {
			if e.Head > 0 {
				if f, _ := w.matchNoun(e, j+1, 0, limit, nil); f >= 0 && f <= j {
					return true
				}
			}
		}
	}
	return false
}

// locTarget gives an event without a target the country named as its
// location ("lifted the curfew in Montenegro", "demonstrated in Serbia"),
// as CAMEO coders do; not for nominal violence ("fighting in X"), whose
// location says nothing of who was fought.
func (w *work) locTarget(c *cand) {
	if len(c.tgt) > 0 || len(c.pairs) > 0 || c.plover == "ASSAULT" && !c.verbal {
		return
	}
	for j := c.end + 1; j <= c.ce; j++ {
		if w.low[j] == "," {
			// Past a comma: the attribution ("..., officials in Nairobi
			// said") or another phrase.
			return
		}
		mi := w.mAt[j]
		if mi < 0 {
			continue
		}
		m := w.ment[mi]
		j = m.last
		if w.doc.Actors[m.actor].Type != sitrep.ActorCountry {
			continue
		}
		if len(c.src) > 0 && c.src[0].actor == m.actor {
			continue
		}
		// Only a place phrase: "in X", "to X", "into X".
		k := m.first - 1
		for k > c.end && (isDet(w.low[k]) || w.low[k] == "south" || w.low[k] == "north" || w.low[k] == "east" || w.low[k] == "west" || w.low[k] == "central" || w.low[k] == "southern" || w.low[k] == "northern" || w.low[k] == "eastern" || w.low[k] == "western") {
			k--
		}
		switch w.low[k] {
		case "in", "to", "into", "inside", "across", "throughout":
			c.tgt, c.locTgt = []ref{w.mentionRef(mi)}, true
			return
		}
	}
}

// isParticle reports whether a pattern slot is a verb particle (not a
// preposition, which may follow an object: "supported X with weapons").
func isParticle(slot []string) bool {
	for _, a := range slot {
		switch a {
		case "up", "down", "out", "off", "back", "away", "over", "in":
			return true
		}
	}
	return false
}

// adjectival reports whether the participle at token i modifies a noun
// ("the occupied West Bank", "the defeated Fatah Party").
func (w *work) adjectival(i, first int) bool {
	low := w.low[i]
	if !hasSuffix(low, "ed") && !hasSuffix(low, "en") || i == first || i+1 >= len(w.low) || strings.IndexByte(low, '-') >= 0 || w.hyphenated(i) {
		return false
	}
	p := w.low[i-1]
	if !(isDet(p) && p != "that" || w.pos(i-1) == "ADJ" || p == "'s") {
		return false
	}
	n := w.pos(i + 1)
	return n == "NOUN" || n == "PROPN" || n == "ADJ" || w.mAt[i+1] >= 0
}

// particleBack reports whether "back" at token i is the particle of a
// verb before it ("send them back to Bulgaria", "pulled back"), not the
// verb "back".
func (w *work) particleBack(i, first int) bool {
	for j := i - 1; j >= first && j >= i-3; j-- {
		l := w.low[j]
		if w.pos(j) == "VERB" || w.lem[j] != "" && w.mAt[j] < 0 && !isAux(l) && l != "to" {
			return true
		}
		if !(isObjPron(l) || w.mAt[j] >= 0 || isDet(l)) {
			return false
		}
	}
	return false
}
