package events

import (
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/attrib"
)

// args are the participants read around a verb.
type args struct {
	subj []ref
	obj  []ref
	pp   map[string][]ref
}

// verbRoles assigns source and target of a verbal event.
func (w *work) verbRoles(c *cand, first, limit int) {
	c.vg = w.verbGroup(c.head, first)
	c.passive, c.neg = w.voiceNeg(c)
	if c.passive && c.e.Ctl && c.end+1 < limit && w.low[c.end+1] == "to" {
		// "is committed to", "is prepared to": adjectival, not passive.
		c.passive = false
	}
	a := w.verbArgs(c.head, c.vg, c.end, c.cs, c.ce, first, limit)
	// Pattern-final prepositions ("crack down on X") take the phrase after
	// the pattern as their object.
	if n := len(c.e.Slots); n > 1 {
		if p := c.e.Slots[n-1]; len(p) == 1 && isPrep(p[0]) && len(a.obj) > 0 {
			if a.pp == nil {
				a.pp = map[string][]ref{}
			}
			if len(a.pp[p[0]]) == 0 {
				a.pp[p[0]] = a.obj
			}
			a.obj = nil
		}
	}
	if src, ok := w.hyphenAgent(c.head); ok {
		// "the U.S.-backed government": the prefix is the source, the noun
		// the target.
		c.src = src
		c.tgt = w.object(c.head+1, c.ce)
		return
	}
	if c.passive {
		// Passive: the subject is the target, the by-agent the source.
		c.tgt = a.subj
		c.src = a.pp["by"]
		if len(c.src) == 0 && c.plover == "COERCE" {
			// State repression located in a country is that country's.
			for _, r := range a.pp["in"] {
				if w.doc.Actors[r.actor].Type == sitrep.ActorCountry {
					c.src = []ref{r}
					break
				}
			}
		}
		if len(c.tgt) == 0 {
			c.tgt = a.obj
		}
	} else {
		c.src = a.subj
		if w.concernedAbout(c.head, first) {
			// "The UN is concerned about fighting near Goma": the UN
			// fights nobody.
			c.src = nil
		}
		for _, t := range c.e.Tgt {
			var rs []ref
			switch t {
			case "obj":
				rs = a.obj
			case "subj":
			default:
				rs = a.pp[t]
			}
			if len(rs) > 0 {
				c.tgt = rs
				break
			}
		}
	}
	if c.e.Recip == "subj" && len(c.tgt) == 0 && len(c.src) > 1 {
		c.pairs = pairsOf(c.src)
	}
	if c.e.PlaceObj != nil {
		for j := c.end + 1; j <= c.ce && j <= c.end+4; j++ {
			if w.plAt[j] >= 0 && w.mAt[j] < 0 {
				c.plover, c.mode, c.cameo = c.e.PlaceObj.Plover, c.e.PlaceObj.Mode, c.e.PlaceObj.Cameo
				break
			}
			if isPrep(w.low[j]) || isPunct(w.low[j]) {
				break
			}
		}
	}
}

// concernedAbout reports whether the gerund at h is the object of a
// concern ("deeply concerned about fighting", "alarmed by attacking").
func (w *work) concernedAbout(h, first int) bool {
	if !hasSuffix(w.low[h], "ing") || h-1 <= first {
		return false
	}
	switch w.low[h-1] {
	case "about", "over", "at", "by":
	default:
		return false
	}
	j := h - 2
	for j > first && isAdverb(w.low[j]) {
		j--
	}
	cu, _ := w.cueAt(j, CueConcern)
	return cu != nil
}

func pairsOf(rs []ref) [][2]*ref {
	var out [][2]*ref
	for i := range rs {
		for j := i + 1; j < len(rs); j++ {
			if rs[i].actor != rs[j].actor {
				out = append(out, [2]*ref{&rs[i], &rs[j]})
			}
		}
	}
	return out
}

// verbGroup returns the first token of the verb group ending at token h:
// auxiliaries, adverbs, negation, "to" and transparent verbs before it.
func (w *work) verbGroup(h, first int) int {
	vg := h
	for j := h - 1; j >= first; j-- {
		l := w.low[j]
		// Not a name ending in -ly ("Italy announced").
		if isAux(l) || isAdverb(l) && w.mAt[j] < 0 && w.pos(j) != "PROPN" || w.pos(j) == "AUX" || w.pos(j) == "ADV" && w.mAt[j] < 0 {
			vg = j
			continue
		}
		if cu, _ := w.cueAt(j, CueTransparent); cu != nil && w.lem[j] != "" {
			vg = j
			continue
		}
		break
	}
	return vg
}

// voiceNeg reads the voice and negation of the verb group of c.
// agentWithoutBy reports whether the parse gave verb chunk vp an agent
// that no "by" introduces.
func (w *work) agentWithoutBy(vp int) bool {
	for _, ch := range w.doc.Chunks {
		if ch.Kind == sitrep.ChunkNP && ch.Verb == vp && ch.Role == "agent" && (ch.First == 0 || w.low[ch.First-1] != "by") {
			return true
		}
	}
	return false
}

func (w *work) voiceNeg(c *cand) (passive, neg bool) {
	if w.hasCh {
		if ci := w.chAt[c.head]; ci >= 0 {
			ch := w.doc.Chunks[ci]
			if ch.Kind == sitrep.ChunkVP {
				passive, neg = ch.Voice == "passive", ch.Neg
				// A bare participle read as a reduced relative ("a minister
				// threatened today to ...") in a sentence with no main verb
				// is the main verb misparsed: active.
				if passive && ch.Role == "acl" && !w.hasMainVP(ch.Sentence, int(ci)) {
					passive = false
				}
				// Nor is one whose "agent" lacks its "by" ("airstrikes
				// killed at least 20 people, officials said").
				if passive && ch.Role == "acl" && !w.beBefore(c.head, ch.First) && w.agentWithoutBy(int(ci)) {
					passive = false
				}
				// A main-clause passive needs its auxiliary ("shortened by
				// one hour the curfew" is active), and no passive
				// participle takes a direct object ("Serb forces killed
				// three Albanians").
				if passive && (ch.Role == "" && !w.beBefore(c.head, ch.First) || !w.beBefore(c.head, ch.First) && w.hasObject(int(ci))) {
					passive = false
				}
				// Nor one that takes an infinitive without an auxiliary
				// ("a French minister threatened today to impose ...").
				if passive && !w.beBefore(c.head, ch.First) && w.infinitiveAfter(c.head) {
					passive = false
				}
			}
		}
	}
	t := w.doc.Tokens[c.head]
	participle := t.Tag == "VBN" || t.Tag == "" && (hasSuffix(w.low[c.head], "ed") || hasSuffix(w.low[c.head], "en") || w.lem[c.head] != "" && w.lem[c.head] != w.low[c.head] && !hasSuffix(w.low[c.head], "ing") && !hasSuffix(w.low[c.head], "s"))
	for j := c.vg; j < c.head; j++ {
		l := w.low[j]
		if isNegWord(l) {
			neg = true
		}
		if isBe(l) && participle && !passive {
			// "has been oppressed", "were killed"; not "is oppressing".
			passive = true
		}
	}
	if j := c.head - 1; j >= 0 && w.low[j] == "no" && w.low[c.head] != "" {
		neg = true
	}
	return passive, neg
}

// verbArgs collects the participants of the verb with head h.
func (w *work) verbArgs(h, vg, end, cs, ce, first, limit int) args {
	var a args
	if w.hasCh {
		a = w.chunkArgs(h)
	}
	if vg-2 >= first && isPrep(w.low[vg-1]) && w.pos(vg-2) == "NOUN" && w.mAt[vg-2] < 0 {
		// "help in oppressing X": a gerund completing a noun has no
		// subject of its own, whatever the parse attached it to.
		switch w.low[vg-1] {
		case "in", "for", "of", "with", "on", "at":
			a.subj = nil
		}
	} else if len(a.subj) == 0 || w.causativeBefore(vg, first) {
		// A causative's object is the subject of its infinitive ("getting
		// organisations such as the Taliban to outlaw X"), whatever
		// subject the parse shares down.
		if s := w.subject(vg, cs, first); len(s) > 0 || len(a.subj) == 0 {
			a.subj = s
		}
	}
	if len(a.obj) == 0 {
		a.obj = w.object(end+1, ce)
	}
	if len(a.obj) == 0 && end > h+1 {
		// The object inside a split pattern: "supported X with weapons".
		a.obj = w.object(h+1, end-1)
	}
	if a.pp == nil {
		a.pp = map[string][]ref{}
	}
	w.pobjs(end+1, ce, a.pp)
	// Relative clause: the antecedent fills the empty role.
	if cs > first && isRelPron(w.low[cs-1]) && !w.complementizer(cs-1) {
		if ante := w.antecedent(cs-1, first); len(ante) > 0 {
			if len(a.subj) == 0 {
				a.subj = ante
			} else if len(a.obj) == 0 {
				a.obj = ante
			}
		}
	}
	return a
}

// chunkArgs reads subject, object and prepositional objects from the
// chunker's roles for the VP containing token h: NPs attached to the VP
// and NPs that fill a role of it as understood arguments (Chunk.Extra:
// relative antecedents, controllers, shared subjects). A relative pronoun
// stands for its antecedent (Chunk.Ref).
func (w *work) chunkArgs(h int) args {
	var a args
	vp := w.chAt[h]
	if vp < 0 || w.doc.Chunks[vp].Kind != sitrep.ChunkVP {
		return a
	}
	a.pp = map[string][]ref{}
	chunks := w.doc.Chunks
	add := func(role, prep string, ci int) {
		ch := chunks[ci]
		if ch.Ref >= 0 && ch.Ref < len(chunks) {
			ch = chunks[ch.Ref]
		}
		rs := w.npRefs(ch.First, ch.Limit-1, ch.Head, role == "subj")
		if len(rs) == 0 {
			return
		}
		switch role {
		case "subj":
			a.subj = appendRefs(a.subj, rs)
		case "obj", "iobj":
			a.obj = appendRefs(a.obj, rs)
		case "agent":
			if ch.First > 0 && w.low[ch.First-1] != "by" {
				// An agent without "by" is a misparsed object.
				a.obj = appendRefs(a.obj, rs)
				break
			}
			a.pp["by"] = appendRefs(a.pp["by"], rs)
		case "pobj":
			if p := lowerASCII(prep); p != "" {
				a.pp[p] = appendRefs(a.pp[p], rs)
			}
		}
	}
	for ci, ch := range chunks {
		if ch.Kind != sitrep.ChunkNP {
			continue
		}
		if ch.Verb == int(vp) {
			add(ch.Role, ch.Prep, ci)
		}
		for _, x := range ch.Extra {
			if x.Verb == int(vp) {
				add(x.Role, ch.Prep, ci)
			}
		}
	}
	return a
}

// appendRefs appends the refs of rs whose actor is not already in dst.
func appendRefs(dst, rs []ref) []ref {
	for _, r := range rs {
		dup := false
		for _, d := range dst {
			if d.actor == r.actor {
				dup = true
				break
			}
		}
		if !dup {
			dst = append(dst, r)
		}
	}
	return dst
}

// npRefs returns the head mention of the tokens [f, l] with its
// coordinated mentions; a pronoun is resolved.
func (w *work) npRefs(f, l, h int, subj bool) []ref {
	head := int32(-1)
	if h >= f && h <= l && w.mAt[h] >= 0 && !w.modifierMention(w.mAt[h]) {
		head = w.mAt[h]
	}
	for j := f; head < 0 && j <= l && j < len(w.mAt); j++ {
		if w.mAt[j] < 0 && isPrep(w.low[j]) && w.low[j] != "of" && j > h {
			// The phrase's modifiers begin: "a rebel commander in an
			// operation near the border with Venezuela" is no Venezuela.
			break
		}
		if head >= 0 && w.low[j] == "," && j+1 <= l && isDet(w.low[j+1]) {
			break // an apposition: "Pakistan, a key U.S. ally, ..."
		}
		if mi := w.mAt[j]; mi >= 0 && !w.modifierMention(mi) {
			head = mi
		}
	}
	if head < 0 {
		for j := f; j <= l && j < len(w.low); j++ {
			if isSubjPron(w.low[j]) || isObjPron(w.low[j]) {
				if r, ok := w.resolvePron(j, -1); ok {
					return []ref{r}
				}
			}
		}
		return nil
	}
	return w.coordinated(head, subj)
}

// modifierMention reports whether mention mi only modifies a following
// noun through a hyphenated participle ("U.S.-backed government").
func (w *work) modifierMention(mi int32) bool {
	m := w.ment[mi]
	j := m.last + 1
	if j >= len(w.low) {
		return false
	}
	d := w.doc.Tokens
	if w.low[j] == "-" && j+1 < len(w.low) && d[j].Start == d[m.last].End {
		return true
	}
	if d[j].Start == m.end && len(w.low[j]) > 1 && w.low[j][0] == '-' {
		return true
	}
	// Mention ending inside a hyphenated token.
	if m.last < len(d) && d[m.last].End > m.end && w.doc.Text[m.end] == '-' {
		return true
	}
	return false
}

// subject finds the subject of the verb group starting at vg in the
// clause starting at cs.
func (w *work) subject(vg, cs, first int) []ref {
	if vg-1 >= first {
		p := w.low[vg-1]
		// A gerund after a preposition: "by getting ..." takes the main
		// clause's subject, "help in oppressing ..." has none of its own.
		if isPrep(p) {
			switch p {
			case "by", "while", "after", "before", "through", "without", "despite", "since":
				if pv := w.prevVerb(vg-2, first); pv >= 0 {
					return w.subject(w.verbGroup(pv, first), cs, first)
				}
			}
			return nil
		}
		// Coordinated verb phrase: "X attacked Y and killed Z".
		if p == "and" || p == "or" {
			if pv := w.prevVerb(vg-2, cs); pv >= 0 {
				return w.subject(w.verbGroup(pv, first), cs, first)
			}
		}
	}
	stop := cs
	if stop < vg-15 {
		stop = vg - 15
	}
	for j := vg - 1; j >= stop; j-- {
		l := w.low[j]
		if mi := w.mAt[j]; mi >= 0 {
			m := w.ment[mi]
			if w.inPP(m.first, first) && !w.adjacent(m.last, vg) && !w.memberOf(m.first, stop) {
				j = m.first
				continue
			}
			if w.inPP(m.first, first) {
				// "The Red Cross operating in Iraq said": the phrase's head
				// before its modifier.
				if h := w.npHeadBefore(m.first, stop); h >= 0 {
					return w.coordinated(h, true)
				}
			}
			if w.modifierMention(mi) {
				j = m.first
				continue
			}
			return w.coordinated(mi, true)
		}
		if isSubjPron(l) {
			if r, ok := w.resolvePron(j, -1); ok {
				return []ref{r}
			}
			return nil
		}
		if w.isVerbTok(j) && j < vg-1 && !isAux(l) && w.pos(j) == "VERB" {
			// Another finite verb: its object is not our subject (a
			// participle, "existing members", is a modifier).
			if tg := w.doc.Tokens[j].Tag; tg != "VBG" && tg != "VBN" {
				break
			}
		}
	}
	return nil
}

// adjacent reports whether only adverbs lie between token a and token b.
func (w *work) adjacent(a, b int) bool {
	for j := a + 1; j < b; j++ {
		if !isAdverb(w.low[j]) {
			return false
		}
	}
	return true
}

// inPP reports whether the noun phrase ending with the token at f starts
// right after a preposition.
func (w *work) inPP(f, first int) bool {
	j := f - 1
	for j >= first {
		l := w.low[j]
		if isDet(l) && l != "'s" && j-1 >= first && !isDet(w.low[j-1]) && !isPrep(w.low[j-1]) && w.pos(j-1) != "ADP" {
			// A determiner opens the phrase: "for money the Taliban".
			return false
		}
		if isDet(l) || w.mAt[j] >= 0 || l == "-" || (!isPunct(l) && !isPrep(l) && !w.isVerbTok(j) && !isConj(l) && !isBoundary(l) && !isAux(l) && w.pos(j) != "ADP") {
			j--
			continue
		}
		break
	}
	if j < first {
		return false
	}
	// "organisations such as the Taliban", "groups including X": named
	// members, not a prepositional phrase.
	if l := w.low[j]; l == "as" && j > first && w.low[j-1] == "such" || l == "including" || l == "like" {
		return false
	}
	return isPrep(w.low[j]) || w.pos(j) == "ADP"
}

// prevVerb returns the nearest verb token at or before j, not before lo.
func (w *work) prevVerb(j, lo int) int {
	for ; j >= lo && j >= 0; j-- {
		if isBoundary(w.low[j]) || w.low[j] == ";" {
			return -1
		}
		if w.lem[j] != "" && !isAux(w.low[j]) && w.mAt[j] < 0 && w.pos(j) != "NOUN" && w.pos(j) != "ADJ" {
			return j
		}
		// A verb outside the lexicon: tagged, or an -ing/-ed form after an
		// auxiliary.
		if w.pos(j) == "VERB" || w.pos(j) == "" && j > 0 && isAux(w.low[j-1]) && (hasSuffix(w.low[j], "ing") || hasSuffix(w.low[j], "ed")) {
			return j
		}
	}
	return -1
}

// object finds the direct object phrase starting at token from.
func (w *work) object(from, ce int) []ref {
	head := int32(-1)
	seenNoun := false
	for j := from; j <= ce && j < from+10; j++ {
		l := w.low[j]
		if mi := w.mAt[j]; mi >= 0 {
			m := w.ment[mi]
			if !w.modifierMention(mi) {
				head = mi
			}
			j = m.last
			seenNoun = true
			continue
		}
		if l == "such" && j+1 <= ce && w.low[j+1] == "as" || l == "including" || l == "like" || l == "namely" {
			if head >= 0 {
				break
			}
			continue
		}
		if l == "as" && j > from && w.low[j-1] == "such" {
			continue
		}
		if isObjPron(l) && j == from {
			if r, ok := w.resolvePron(j, -1); ok {
				return []ref{r}
			}
			return nil
		}
		if isPrep(l) || isPunct(l) && l != "-" || isBoundary(l) || isConj(l) || w.pos(j) == "ADP" {
			break
		}
		if w.hyphenated(j) {
			continue // "the U.S.-backed government"
		}
		if j > from && w.isVerbTok(j) && w.pos(j) == "VERB" || j > from && w.lem[j] != "" && w.pos(j) == "" && isAux(l) || head >= 0 && w.lem[j] != "" && w.pos(j) == "" {
			break
		}
		if isDet(l) && seenNoun && head < 0 && l != "'s" {
			// A new noun phrase starts ("gave the Taliban a boost").
			seenNoun = false
		}
		if !isDet(l) && !isAdverb(l) {
			seenNoun = true
		}
	}
	if head < 0 {
		return nil
	}
	return w.coordinated(head, false)
}

// pobjs fills pp with the first mention after each preposition in
// [from, ce].
func (w *work) pobjs(from, ce int, pp map[string][]ref) {
	for j := from; j <= ce; j++ {
		p := w.low[j]
		if p == "," || p == ";" {
			// Past a comma a preposition attaches to something else ("Herat,
			// near the border with Iran").
			return
		}
		if !isPrep(p) {
			continue
		}
		if len(pp[p]) > 0 {
			continue
		}
		if rs := w.ppObject(j+1, ce); len(rs) > 0 {
			pp[p] = rs
		}
	}
}

// ppObject returns the mentions of the noun phrase starting at token from.
func (w *work) ppObject(from, ce int) []ref {
	head := int32(-1)
	for j := from; j <= ce && j < from+8; j++ {
		l := w.low[j]
		if mi := w.mAt[j]; mi >= 0 {
			if !w.modifierMention(mi) {
				head = mi
			}
			j = w.ment[mi].last
			continue
		}
		if j == from && (isObjPron(l) || isSubjPron(l)) {
			if r, ok := w.resolvePron(j, -1); ok {
				return []ref{r}
			}
			return nil
		}
		if l == "such" || l == "as" && j > from && w.low[j-1] == "such" || l == "including" {
			if head >= 0 {
				break
			}
			continue
		}
		if isPrep(l) && l != "of" || isPunct(l) && l != "-" || isBoundary(l) || isConj(l) || w.isVerbTok(j) && w.pos(j) == "VERB" {
			break
		}
		if l == "of" && head >= 0 || head >= 0 && (w.lem[j] != "" || isAux(l)) {
			break
		}
	}
	if head < 0 {
		return nil
	}
	return w.coordinated(head, false)
}

// coordinated returns mention mi with the mentions coordinated with it
// ("Russia, Pakistan and other countries"; "the UK and US").
func (w *work) coordinated(mi int32, left bool) []ref {
	n := len(w.low)
	// "foreign forces such as the UK and US": the named members.
	if j := w.ment[mi].last + 1; j+1 < n {
		k := -1
		switch {
		case w.low[j] == "such" && w.low[j+1] == "as":
			k = j + 2
		case w.low[j] == "including" || w.low[j] == "notably" || w.low[j] == "namely":
			k = j + 1
		}
		for k >= 0 && k < n && k < j+5 && isDet(w.low[k]) {
			k++
		}
		if k >= 0 && k < n && w.mAt[k] >= 0 && w.mAt[k] != mi {
			return w.coordinated(w.mAt[k], false)
		}
	}
	out := []ref{w.mentionRef(mi)}
	// Rightwards.
	j := w.ment[mi].last + 1
	for j < n {
		if !(isConj(w.low[j]) || w.low[j] == "as" && j+2 < n && w.low[j+1] == "well" && w.low[j+2] == "as") {
			break
		}
		if w.low[j] == "," && j+1 < n && (w.low[j+1] == "a" || w.low[j+1] == "an") {
			break // an apposition: "Pakistan, a key US ally"
		}
		if w.low[j] == "as" {
			j += 3
		} else {
			j++
		}
		for j < n && isConj(w.low[j]) {
			j++
		}
		found := int32(-1)
		sawWord := false
		for k := j; k < n && k < j+5; k++ {
			if m := w.mAt[k]; m >= 0 {
				found = m
				break
			}
			l := w.low[k]
			if isDet(l) && sawWord || isPrep(l) || isPunct(l) || isBoundary(l) || w.isVerbTok(k) && w.pos(k) != "AUX" {
				break
			}
			sawWord = !isDet(l)
		}
		if found < 0 {
			break
		}
		out = append(out, w.mentionRef(found))
		j = w.ment[found].last + 1
	}
	if !left {
		return out
	}
	// Leftwards, for subjects: "the UK and US", "the army and the
	// paramilitary RSF".
	j = w.ment[mi].first - 1
	for j >= 0 {
		k := j
		for k >= 0 && (isDet(w.low[k]) || w.pos(k) == "ADJ" && w.mAt[k] < 0) {
			k--
		}
		if k < 0 || !(w.low[k] == "and" || w.low[k] == "," || w.low[k] == "or") {
			break
		}
		k--
		for k >= 0 && (w.low[k] == "," || isDet(w.low[k])) {
			k--
		}
		if k < 0 || w.mAt[k] < 0 {
			break
		}
		m := w.mAt[k]
		out = append(out, w.mentionRef(m))
		j = w.ment[m].first - 1
	}
	return out
}

// complementizer reports whether "that" at token j introduces a
// complement clause ("said that") rather than a relative clause.
func (w *work) complementizer(j int) bool {
	if w.low[j] != "that" {
		return false
	}
	if w.doc.Tokens[j].Tag == "WDT" {
		return false
	}
	if j == 0 {
		return true
	}
	p := w.low[j-1]
	return w.lem[j-1] != "" || isAux(p) || isAdverb(p) || isPunct(p) || w.pos(j-1) == "VERB" || w.pos(j-1) == "ADJ"
}

// antecedent returns the mention a relative pronoun at token r refers to.
func (w *work) antecedent(r, first int) []ref {
	for j := r - 1; j >= first && j >= r-7; j-- {
		if mi := w.mAt[j]; mi >= 0 {
			return []ref{w.mentionRef(mi)}
		}
		if isBoundary(w.low[j]) || w.isVerbTok(j) && w.pos(j) == "VERB" {
			break
		}
	}
	return nil
}

// resolvePron resolves the pronoun at token j to the nearest earlier
// actor mention that is not in a prepositional phrase (in the sentence,
// then the two before), skipping mention skip.
func (w *work) resolvePron(j int, skip int32) (ref, bool) {
	if mi := w.mAt[j]; mi >= 0 {
		return w.mentionRef(mi), true
	}
	pron := w.low[j]
	if isFirstPerson(pron) {
		// "We will not accept ...", said the minister: inside a quote the
		// speaker; outside one, nobody named.
		q := attrib.QuoteAt(w.doc, w.span(j, j))
		if q == nil || !q.Direct || q.Speaker.Actor == "" {
			return ref{}, false
		}
		for i := range w.doc.Actors {
			if w.doc.Actors[i].ID == string(q.Speaker.Actor) {
				return ref{actor: i, first: j, last: j}, true
			}
		}
		return ref{}, false
	}
	si := w.doc.SentenceAt(w.doc.Tokens[j].Start)
	lo := 0
	if si >= 2 {
		lo = w.doc.Sentences[si-2].First
	}
	person := pron == "he" || pron == "she" || pron == "his" || pron == "her" || pron == "him"
	var fallback int32 = -1
	for k := j - 1; k >= lo; k-- {
		mi := w.mAt[k]
		if mi < 0 || mi == skip {
			continue
		}
		m := w.ment[mi]
		k = m.first
		if m.last+1 < len(w.low) && isRelPron(w.low[m.last+1]) && m.last+1 < j {
			// The antecedent of a relative clause we are inside.
			if w.insideRel(m.last+1, j) {
				continue
			}
		}
		typ := w.doc.Actors[m.actor].Type
		if person != (typ == sitrep.ActorPerson) {
			if fallback < 0 {
				fallback = mi
			}
			continue
		}
		sFirst := 0
		if s := w.doc.SentenceAt(w.doc.Tokens[k].Start); s >= 0 {
			sFirst = w.doc.Sentences[s].First
		}
		if w.inPP(m.first, sFirst) {
			if fallback < 0 {
				fallback = mi
			}
			continue
		}
		return ref{actor: m.actor, first: j, last: j}, true
	}
	if fallback >= 0 {
		return ref{actor: w.ment[fallback].actor, first: j, last: j}, true
	}
	return ref{}, false
}

// insideRel reports whether token j lies in the relative clause opened at r.
func (w *work) insideRel(r, j int) bool {
	for k := r + 1; k < j; k++ {
		if l := w.low[k]; l == ";" || l == "." || isStrongBoundary(l) {
			return false
		}
	}
	return true
}

// nounRoles assigns source and target of a nominal event.
func (w *work) nounRoles(c *cand, sc []*cand, first, limit int) {
	// Noun phrase extent to the left of the pattern.
	np := c.first
	sawDet := false
	for j := c.first - 1; j >= first; j-- {
		l := w.low[j]
		if sawDet && !isDet(l) && !(w.mAt[j] >= 0 && j+1 < c.first && w.low[j+1] == "'s") {
			// A noun before a determiner ends another phrase ("countries
			// the China support").
			break
		}
		if isDet(l) && l != "'s" {
			sawDet = true
		}
		hyph := j > first && (w.low[j-1] == "-" || w.doc.Tokens[j-1].End == w.doc.Tokens[j].Start && hasSuffix(w.low[j-1], "-"))
		if isDet(l) || w.mAt[j] >= 0 || l == "-" || l == "'s" || len(l) > 1 && l[0] == '-' || hyph || isAdverb(l) && l != "not" ||
			(!isPunct(l) && !isPrep(l) && !isConj(l) && !isBoundary(l) && !isAux(l) && w.lem[j] == "" && w.pos(j) != "VERB" && w.pos(j) != "ADP") {
			np = j
			continue
		}
		break
	}
	c.vg = np
	roles := map[string][]ref{}
	// Possessive and modifiers inside the noun phrase.
	for j := np; j < c.first; j++ {
		l := w.low[j]
		if isPossPron(l) {
			// "complete their withdrawal": the possessor is the subject of
			// the governing verb when there is one.
			if gv := w.governor(np, first); gv >= 0 {
				if s := w.subject(w.verbGroup(gv, first), c.cs, first); len(s) > 0 {
					rs := make([]ref, len(s))
					for k := range s {
						rs[k] = ref{actor: s[k].actor, first: j, last: j}
					}
					roles["poss"] = rs
					continue
				}
			}
		}
		if mi := w.mAt[j]; mi >= 0 {
			m := w.ment[mi]
			if m.last+1 < len(w.low) && w.low[m.last+1] == "'s" || w.doc.Text[min(m.end, len(w.doc.Text)-1)] == '\'' {
				roles["poss"] = []ref{w.mentionRef(mi)}
			} else {
				roles["mod"] = []ref{w.mentionRef(mi)}
			}
			j = m.last
			continue
		}
		if isPossPron(l) {
			if gv := w.governor(np, first); gv >= 0 {
				if s := w.subject(w.verbGroup(gv, first), c.cs, first); len(s) > 0 {
					rs := make([]ref, len(s))
					for k := range s {
						rs[k] = ref{actor: s[k].actor, first: j, last: j}
					}
					roles["poss"] = rs
					continue
				}
			}
			if r, ok := w.resolvePron(j, -1); ok {
				roles["poss"] = []ref{r}
			}
		}
		if l == "no" || l == "without" {
			c.neg = true
		}
	}
	if np > first && (w.low[np-1] == "no" || w.low[np-1] == "without") {
		c.neg = true
	}
	// Prepositional chain after the pattern, past the nouns that head a
	// compound ("military aid package for Ukraine").
	end := c.last
	for end+1 < limit && end < c.last+2 && w.pos(end+1) == "NOUN" && w.mAt[end+1] < 0 && w.lem[end+1] == "" {
		end++
	}
	for j := end + 1; j < limit; {
		p := w.low[j]
		if !isPrep(p) || j > c.last+16 {
			break
		}
		rs := w.ppObject(j+1, limit-1)
		if len(rs) > 0 && len(roles[p]) == 0 {
			roles[p] = rs
		}
		// Skip to the end of that phrase: past its last coordinated
		// mention, else over its words.
		k := j + 1
		for _, r := range rs {
			if r.last+1 > k {
				k = r.last + 1
			}
		}
		for k < limit && !isPrep(w.low[k]) && !isPunct(w.low[k]) && !isBoundary(w.low[k]) && !isConj(w.low[k]) && !(w.isVerbTok(k) && k > j+1 && w.mAt[k] < 0) {
			if w.mAt[k] >= 0 {
				k = w.ment[w.mAt[k]].last
			}
			k++
		}
		end = k - 1
		j = k
	}
	c.end = end
	gov := w.governor(np, first)
	for _, s := range c.e.Src {
		if len(roles[s]) > 0 {
			c.src = roles[s]
			break
		}
	}
	for _, t := range c.e.Tgt {
		if rs := roles[t]; len(rs) > 0 && (len(c.src) == 0 || rs[0].actor != c.src[0].actor) {
			c.tgt = rs
			break
		}
	}
	if c.e.Recip != "" {
		if rs := roles[c.e.Recip]; len(rs) > 1 {
			c.pairs = pairsOf(rs)
		} else if len(rs) == 1 && len(c.src) == 0 {
			c.src = rs
		}
	}
	if gov >= 0 {
		gvg := w.verbGroup(gov, first)
		if cu, _ := w.cueAt(gov, CueDenied); cu != nil && c.plover == "ACCUSE" && len(c.src) == 0 && len(c.tgt) == 0 {
			// "Ethiopia denied the accusation": the accused denies it; the
			// accuser is named elsewhere, if at all.
			c.tgt = w.subject(gvg, c.cs, first)
		} else if len(c.src) == 0 && len(c.pairs) == 0 && !w.judges(gov, sc) && !w.lex.isWord(CueWitness, w.lem[gov]) {
			c.src = w.subject(gvg, c.cs, first)
			if len(c.src) == 0 && c.cs > first && isRelPron(w.low[c.cs-1]) && !w.complementizer(c.cs-1) {
				c.src = w.antecedent(c.cs-1, first)
			}
		}
		if len(c.tgt) == 0 && np > gov+1 {
			// "give Tanzania a grant": the indirect object.
			if io := w.object(gov+1, np-1); len(io) > 0 && (len(c.src) == 0 || io[0].actor != c.src[0].actor) {
				c.tgt = io
			}
		}
		if len(c.tgt) == 0 {
			pp := map[string][]ref{}
			w.pobjs(end+1, c.ce, pp)
			for _, p := range []string{"to", "with", "against", "on", "for"} {
				if rs := pp[p]; len(rs) > 0 {
					c.tgt = rs
					break
				}
			}
		}
		// The governing verb's voice and negation apply.
		gc := &cand{head: gov, vg: gvg}
		_, neg := w.voiceNeg(gc)
		c.neg = c.neg || neg
	} else if len(c.tgt) == 0 && len(c.pairs) == 0 && (len(c.src) > 0 || c.e.Plover == "SUPPORT" || c.e.Plover == "AID") {
		// A nominal subject: the object of its verb is the target ("the
		// China support has given the Taliban a boost").
		finite := false
		for j := end + 1; j <= c.ce && j < end+6; j++ {
			l := w.low[j]
			if isAux(l) && l != "to" {
				finite = true
				continue
			}
			if w.lem[j] != "" && w.mAt[j] < 0 && (finite || hasSuffix(l, "ed") || w.pos(j) == "VERB") && !hasSuffix(l, "ing") {
				c.tgt = w.object(j+1, c.ce)
				break
			}
			if isPunct(l) || isPrep(l) || w.lem[j] != "" || w.mAt[j] >= 0 || isDet(l) {
				break
			}
		}
	}
	if len(c.src) > 0 && len(c.tgt) > 0 && c.src[0].actor == c.tgt[0].actor && len(c.tgt) == 1 {
		c.tgt = nil
	}
}

// judges reports whether the verb at gov is an event that judges, asks
// for or backs the happening it governs ("condemned the attack",
// "requested aid", "backed the offensive"): its subject is not the
// happening's agent.
func (w *work) judges(gov int, sc []*cand) bool {
	for _, o := range sc {
		if o.verbal && gov >= o.first && gov <= o.last {
			switch o.plover {
			case "ACCUSE", "REJECT", "REQUEST", "SUPPORT":
				return true
			}
		}
	}
	return false
}

// governor returns the verb governing the noun phrase starting at np (the
// token before it, past a particle), or -1.
func (w *work) governor(np, first int) int {
	j := np - 1
	if j >= first && (w.low[j] == "out" || w.low[j] == "up" || w.low[j] == "on") {
		j--
	}
	if j < first || w.mAt[j] >= 0 {
		return -1
	}
	if w.lex.lemma[w.low[j]] != "" && !isModalOrBe(w.low[j]) && w.pos(j) != "NOUN" && w.pos(j) != "ADJ" {
		return j
	}
	// A light verb the tagger took for an adjective ("the US complete/JJ
	// their withdrawal").
	if cu, _ := w.cueAt(j, CueLight); cu != nil && (isDet(w.low[np]) || isPossPron(w.low[np])) && j > first && w.mAt[j-1] >= 0 {
		return j
	}
	// A verb outside the lexicon governs only a determined phrase ("other
	// neighbouring countries" is not governed by "neighbouring").
	if w.pos(j) == "VERB" && (isDet(w.low[np]) || isPossPron(w.low[np])) {
		return j
	}
	return -1
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// control links infinitive complements to control verbs and causatives.
func (w *work) control(sc []*cand) {
	for i, a := range sc {
		if !a.verbal {
			continue
		}
		// "demanded that the US cancel ...": the that-clause's subject.
		that := -1
		for j := a.end + 1; j < len(w.low) && j <= a.end+3; j++ {
			if w.low[j] == "that" {
				that = j
				break
			}
		}
		if a.e.Ctl && len(a.tgt) == 0 && that > 0 {
			for j := that + 1; j < len(w.low) && j < that+7; j++ {
				if mi := w.mAt[j]; mi >= 0 {
					a.tgt = w.coordinated(mi, false)
					break
				}
				if w.isVerbTok(j) && !isAux(w.low[j]) {
					break
				}
			}
		}
		// "undertaken not to ...": the content is negated.
		if a.e.Ctl && a.end+2 < len(w.low) && w.low[a.end+1] == "not" && w.low[a.end+2] == "to" {
			a.neg = true
		}
		for _, b := range sc[i+1:] {
			if !b.verbal || b.head-a.end > 8 || b.absorbed {
				continue
			}
			if !w.infinitive(b) || !w.plain(a.end+1, b.vg) {
				continue
			}
			if a.e.Ctl {
				b.absorbed = true
				a.complement = b
				if b.neg {
					a.neg = true
				}
				if len(a.tgt) == 0 {
					a.tgt = b.tgt
				}
			}
			break
		}
	}
	// A nominal complement: "promised to continue military aid to X".
	for _, a := range sc {
		if !a.verbal || !a.e.Ctl || a.complement != nil {
			continue
		}
		for _, b := range sc {
			if b.verbal || b.absorbed || b.head <= a.end || b.head-a.end > 8 {
				continue
			}
			gov := w.governor(b.vg, w.doc.Sentences[b.sent].First)
			if gov < 0 || gov > a.end+3 || !w.plain(a.end+1, b.vg) {
				continue
			}
			if to := w.verbGroup(gov, a.end+1); w.low[to] != "to" && !(to > 0 && w.low[to-1] == "to") {
				continue
			}
			b.absorbed = true
			a.complement = b
			if len(a.tgt) == 0 {
				a.tgt = b.tgt
			}
			break
		}
	}
	// Causatives: "getting X to outlaw Y": X is the source, the causer's
	// subject the instigator.
	for _, b := range sc {
		if !b.verbal || !w.infinitive(b) {
			continue
		}
		for j := b.vg - 1; j >= b.vg-8 && j >= 0; j-- {
			if w.lem[j] == "" {
				continue
			}
			if cu, _ := w.cueAt(j, CueCausative); cu != nil {
				first := w.doc.Sentences[b.sent].First
				if s := w.subject(w.verbGroup(j, first), first, first); len(s) > 0 {
					r := s[0]
					b.instigator = &r
				}
				if b.modality == "" {
					b.modality = sitrep.ModIntended
				}
			}
			break
		}
	}
}

// infinitive reports whether c's verb group opens with "to".
func (w *work) infinitive(c *cand) bool {
	for j := c.vg; j <= c.head; j++ {
		if w.low[j] == "to" {
			return true
		}
	}
	return false
}

// plain reports whether tokens [a, b) hold no clause boundary or
// punctuation.
func (w *work) plain(a, b int) bool {
	for j := a; j < b; j++ {
		l := w.low[j]
		if isPunct(l) && l != "-" || isBoundary(l) {
			return false
		}
	}
	return true
}

// recode applies the entry's conditional recodings.
func (w *work) recode(c *cand) {
	if c.plover == "ASSAULT" && len(c.src) > 0 && w.lex.isWord(CueProtester, w.low[c.src[0].last]) {
		// "Protesters clashed with police": a violent demonstration.
		c.plover, c.mode, c.cameo = "PROTEST", "riot", "145"
	}
	if c.e.Armed != nil {
		for _, r := range c.tgt {
			a := w.doc.Actors[r.actor]
			if a.Type == sitrep.ActorArmedGroup || a.Sector == "INS" || a.Sector == "REB" {
				c.plover, c.mode, c.cameo = c.e.Armed.Plover, c.e.Armed.Mode, c.e.Armed.Cameo
				break
			}
		}
	}
	// Intent to cooperate is agreement in CAMEO (03x): "Portugal will
	// support Turkey's bid".
	if c.modality == sitrep.ModIntended && c.instigator == nil {
		if code, ok := intentCode[c.plover]; ok {
			c.plover, c.mode, c.cameo = "AGREE", "", code
		}
	}
	// Intent to harm is a threat (13x): "they would boycott all contact",
	// "plans to impose restrictions".
	if (c.modality == sitrep.ModIntended || c.modality == sitrep.ModHypothetical && c.would) && c.instigator == nil && !c.neg {
		if code, ok := threatCode[c.plover]; ok {
			c.plover, c.mode, c.cameo = "THREATEN", "", code
		}
	}
	if c.e.Intent && c.complement != nil {
		switch c.complement.plover {
		case "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "REJECT", "ACCUSE", "REQUEST":
			// A promise of harm is a threat; a promise to refrain from it
			// ("undertaken not to attack") an agreement.
			if !c.complement.neg {
				c.plover, c.mode, c.cameo = "THREATEN", "", "130"
			} else {
				c.plover, c.mode, c.cameo = "AGREE", "", "030"
			}
		default:
			c.plover, c.mode, c.cameo = "AGREE", "", "030"
		}
	}
}

// hyphenAgent returns the mention glued by a hyphen before verb token h
// ("U.S.-backed", "US -led").
func (w *work) hyphenAgent(h int) ([]ref, bool) {
	d := w.doc
	t := d.Tokens[h]
	// The mention ends inside the verb's token: "U.S.-backed" as one token.
	if j := h; w.mAt[j] >= 0 {
		m := w.ment[w.mAt[j]]
		if m.end < t.End && d.Text[m.end] == '-' {
			return []ref{w.mentionRef(w.mAt[j])}, true
		}
	}
	if h >= 2 && w.low[h-1] == "-" && d.Tokens[h-1].End == t.Start && w.mAt[h-2] >= 0 {
		return []ref{w.mentionRef(w.mAt[h-2])}, true
	}
	if h >= 1 && w.mAt[h-1] >= 0 && t.Start > 0 && d.Text[t.Start-1] == '-' {
		return []ref{w.mentionRef(w.mAt[h-1])}, true
	}
	return nil, false
}

func isModalOrBe(w string) bool {
	return isModal(w) || isBe(w) || w == "to" || w == "not" || w == "n't" || w == "can" || w == "must"
}

// hyphenated reports whether token j is glued by a hyphen to the token
// before it ("U.S.-backed", "US -led").
func (w *work) hyphenated(j int) bool {
	if j == 0 {
		return false
	}
	d := w.doc.Tokens
	if w.low[j-1] == "-" || strings.HasPrefix(w.low[j], "-") {
		return true
	}
	return d[j-1].End == d[j].Start && strings.HasSuffix(w.low[j-1], "-")
}

// intentCode maps a cooperative type to CAMEO's "express intent to" code.
var intentCode = map[string]string{
	"COOPERATE": "031", "SUPPORT": "032", "AID": "033", "CONCEDE": "034", "RETREAT": "034", "CONSULT": "036",
}

// absorb drops events that only spell out the content of another: a
// nominal governed by an event verb ("rejected a U.S. request") and what
// follows an accusation, rejection, demand or threat in its clause
// ("blamed Israel for the bombing"). Events linked by a relation stay.
// sameHappening returns the earlier event of c's type in c's sentence that
// c only elaborates: a participle after it (", killing five people", "and
// wounding 17") or a nominal in its object ("launched a wave of missile and
// drone attacks"), or nil.
func (w *work) sameHappening(c *cand, sc []*cand) *cand {
	for _, o := range sc {
		if o == c || o.absorbed || o.plover != c.plover || o.sent != c.sent || o.head >= c.head {
			continue
		}
		if c.verbal && hasSuffix(w.low[c.head], "ing") && c.vg > 0 && (w.low[c.vg-1] == "," || w.low[c.vg-1] == "and") {
			return o
		}
		if !c.verbal && o.verbal && c.first > o.end && c.first-o.end <= 6 && w.phraseBetween(o.end+1, c.first) {
			return o
		}
		if !c.verbal && o.verbal && c.vg >= 2 && w.low[c.vg-1] == "in" && isDet(w.low[c.vg]) {
			return o // "killed 12 people ..., in an attack claimed by ..."
		}
	}
	return nil
}

// phraseBetween reports whether tokens [a, b) stay inside one noun phrase
// ("of missile and", "a wave of").
func (w *work) phraseBetween(a, b int) bool {
	for j := a; j < b; j++ {
		l := w.low[j]
		if isPunct(l) || isBoundary(l) || w.isVerbTok(j) || isPrep(l) && l != "of" {
			return false
		}
	}
	return true
}

// predicateOf returns the verbal event of c's own type whose subject c's
// phrase is ("the attack killed", "clashes left 30 dead"), or nil.
func (w *work) predicateOf(c *cand, sc []*cand) *cand {
	for _, o := range sc {
		if o != c && o.verbal && !o.absorbed && o.plover == c.plover && !o.passive && o.vg == c.end+1 {
			return o
		}
	}
	return nil
}

func (w *work) absorb(sc []*cand) {
	for _, c := range sc {
		// "staged demonstrations to demand reforms", "demonstrated ...
		// calling for independence": the demand is what the protest says
		// (PLOVER codes it with the PROTEST), not a second event, even
		// where a purpose relation was read.
		if c.verbal && c.plover == "REQUEST" && c.vg > 0 && (w.low[c.vg] == "to" || hasSuffix(w.low[c.head], "ing")) && !c.absorbed {
			for _, o := range sc {
				if o != c && o.plover == "PROTEST" && o.head < c.head && c.head-o.end < 8 && w.plain(o.end+1, c.vg) {
					c.absorbed = true
					if len(o.tgt) == 0 || o.locTgt {
						if len(c.tgt) > 0 {
							o.tgt, o.locTgt = c.tgt, false
						}
					}
				}
			}
		}
		if c.relIn || c.absorbed {
			continue
		}
		if o := w.sameHappening(c, sc); o != nil {
			// "launched missile and drone attacks on Kyiv, killing five
			// people and wounding 17": one attack, whose victims the
			// participles name.
			c.absorbed = true
			if (len(o.tgt) == 0 || o.locTgt) && len(c.tgt) > 0 {
				o.tgt, o.locTgt = c.tgt, false
			}
			continue
		}
		if !c.verbal {
			if o := w.predicateOf(c, sc); o != nil {
				// "Israeli airstrikes killed 20 people": the nominal and
				// its verb tell one happening; the verb keeps the roles,
				// the nominal lends its source and its finer code. A
				// nominal between two sides ("clashes between the army and
				// rebels killed ...") keeps them, and the verb goes.
				if len(c.pairs) > 0 {
					o.absorbed = true
					continue
				}
				c.absorbed = true
				if len(o.src) == 0 {
					o.src = c.src
				}
				if len(o.cameo) == 3 && o.cameo[2] == '0' && len(c.cameo) >= 3 && c.cameo[:2] == o.cameo[:2] {
					o.cameo, o.mode = c.cameo, c.mode
				}
				continue
			}
			gov := w.governor(c.vg, w.doc.Sentences[c.sent].First)
			if gov < 0 && c.vg >= 2 && isPrep(w.low[c.vg-1]) {
				// "conceded to demands from UNITA": the nominal in the
				// verb's own prepositional phrase.
				for _, o := range sc {
					if o != c && o.verbal && o.end == c.vg-2 {
						gov = o.head
					}
				}
			}
			if gov >= 0 {
				for _, o := range sc {
					if o != c && o.verbal && gov >= o.first && gov <= o.last {
						c.absorbed = true
						// "rejected calls by Belarus's rulers": the
						// callers are the target.
						if len(o.tgt) == 0 || o.locTgt {
							if len(c.src) > 0 {
								o.tgt, o.locTgt = c.src, false
							} else if len(o.tgt) == 0 {
								o.tgt = c.tgt
							}
						}
					}
				}
			}
		}
		if c.absorbed {
			continue
		}
		if c.verbal && c.vg > 0 && (w.low[c.vg-1] == "and" || w.low[c.vg-1] == "but") && !hasSuffix(w.low[c.head], "ing") {
			continue // a second predicate ("condemned the coup and demanded ...")
		}
		for _, o := range sc {
			if o == c || !o.verbal || o.absorbed || o.cs != c.cs || c.head <= o.end {
				continue
			}
			switch o.plover {
			case "ACCUSE", "REJECT", "REQUEST", "THREATEN":
				c.absorbed = true
				// "denounced as a crime Serbia's suppression of ...": whose
				// act is denounced is the target.
				if (len(o.tgt) == 0 || o.locTgt) && len(c.src) > 0 && (len(o.src) == 0 || o.src[0].actor != c.src[0].actor) {
					o.tgt, o.locTgt = c.src, false
				}
			}
		}
	}
}

// mustDemands codes "X said (that) Y must V" as X demanding of Y (CAMEO
// 10), absorbing V.
func (w *work) mustDemands(sc []*cand, first, limit int) []*cand {
	var out []*cand
	for j := first + 2; j < limit; j++ {
		if w.low[j] != "must" {
			continue
		}
		// Y: the subject of "must".
		tgt := w.subject(j, first, first)
		if len(tgt) == 0 {
			continue
		}
		// X: the subject of a speech or reporting verb before Y.
		k := tgt[0].first - 1
		for k > first && (w.low[k] == "that" || isDet(w.low[k]) || isAdverb(w.low[k]) || isPrep(w.low[k]) || w.mAt[k] >= 0) {
			k--
		}
		sp := -1
		for ; k >= first && k > tgt[0].first-10; k-- {
			if cu, _ := w.cueAt(k, CueReported); cu != nil || w.lem[k] == "insist" || w.low[k] == "reiterated" || w.low[k] == "concluded" || w.low[k] == "reminder" || w.low[k] == "warned" {
				sp = k
				break
			}
		}
		if sp < 0 {
			continue
		}
		src := w.subject(w.verbGroup(sp, first), first, first)
		if len(src) == 0 || src[0].actor == tgt[0].actor {
			continue
		}
		var e *Entry
		for _, x := range w.lex.verbs["demand"] {
			if len(x.Slots) == 1 {
				e = x
			}
		}
		if e == nil {
			continue
		}
		c := &cand{sent: w.doc.SentenceAt(w.doc.Tokens[j].Start), e: e, verbal: true, plover: "REQUEST", mode: "demand", cameo: "100",
			first: j, last: j, head: j, vg: j, end: j, src: src, tgt: tgt}
		c.cs, c.ce = w.clause(j, first, limit)
		for _, o := range sc {
			if o.head > j && o.cs == c.cs && !o.relIn {
				o.absorbed = true
			}
		}
		out = append(out, c)
	}
	return out
}

// threatCode maps a hostile type to CAMEO's threat code.
var threatCode = map[string]string{
	"REJECT": "130", "SANCTION": "131", "PROTEST": "133", "COERCE": "137", "ASSAULT": "138",
}

// causativeBefore reports whether the infinitive whose verb group starts
// at vg is the complement of a causative verb ("get X to V").
func (w *work) causativeBefore(vg, first int) bool {
	if w.low[vg] != "to" {
		return false
	}
	for j := vg - 1; j >= first && j >= vg-8; j-- {
		if w.lem[j] == "" {
			continue
		}
		cu, _ := w.cueAt(j, CueCausative)
		return cu != nil
	}
	return false
}

// hasMainVP reports whether sentence si has a main-clause verb group other
// than chunk skip.
func (w *work) hasMainVP(si, skip int) bool {
	for i, ch := range w.doc.Chunks {
		if i != skip && ch.Sentence == si && ch.Kind == sitrep.ChunkVP && ch.Role == "" && ch.Verb < 0 {
			return true
		}
	}
	return false
}

// beBefore reports whether a form of "be" or "get" lies in [from, h).
func (w *work) beBefore(h, from int) bool {
	for j := max(from, h-4); j < h; j++ {
		if isBe(w.low[j]) {
			return true
		}
	}
	return false
}

// hasObject reports whether an NP is the direct object of VP chunk vp.
func (w *work) hasObject(vp int) bool {
	for _, ch := range w.doc.Chunks {
		if ch.Kind == sitrep.ChunkNP && ch.Verb == vp && ch.Role == "obj" {
			return true
		}
	}
	return false
}

// infinitiveAfter reports whether "to" and a verb follow token h, past
// adverbs ("threatened today to impose").
func (w *work) infinitiveAfter(h int) bool {
	j := h + 1
	for j < len(w.low) && j <= h+3 && isAdverb(w.low[j]) {
		j++
	}
	return j+1 < len(w.low) && w.low[j] == "to" && (w.pos(j+1) == "VERB" || w.lem[j+1] != "" && w.mAt[j+1] < 0)
}

// npHeadBefore returns the mention that a prepositional modifier starting
// before token f belongs to ("the Red Cross operating in Iraq", "forces
// in Helmand"), or -1: the mention right before the preposition, or
// before a participle that governs it.
func (w *work) npHeadBefore(f, stop int) int32 {
	j := f - 1
	for j >= stop && (isDet(w.low[j]) || w.pos(j) == "ADJ") {
		j--
	}
	if j < stop || !isPrep(w.low[j]) || w.low[j] == "of" {
		return -1
	}
	j--
	if j >= stop && w.mAt[j] < 0 && (hasSuffix(w.low[j], "ing") || hasSuffix(w.low[j], "ed")) {
		j--
	}
	if j >= stop && w.mAt[j] >= 0 {
		return w.mAt[j]
	}
	return -1
}

// memberOf reports whether the mention starting at token f names what the
// person before "of" belongs to ("a member of the Syrian parliament", "a
// spokesman for the ministry"): the person acts for it.
func (w *work) memberOf(f, stop int) bool {
	j := f - 1
	for j >= stop && isDet(w.low[j]) {
		j--
	}
	if j-1 < stop || w.low[j] != "of" && w.low[j] != "for" {
		return false
	}
	switch w.low[j-1] {
	case "member", "members", "leader", "leaders", "head", "chief", "spokesman", "spokeswoman", "spokesperson",
		"official", "officials", "representative", "representatives", "delegation", "envoy", "minister", "president":
		return true
	}
	return false
}
