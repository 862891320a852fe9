package attrib

import (
	"strings"

	"github.com/sitrep/sitrep"
)

// Frame kinds: which dependent of a verb holds what it attributes.
const (
	FrameComp  = "comp"  // a clausal complement: "warned that ...", "said the plan fails"
	FrameXcomp = "xcomp" // an open complement: "vowed to repeal", "called him a liar"
	FrameObj   = "obj"   // an object and what follows it in the verb phrase: "praised her plan"
	FrameObl   = "obl"   // a prepositional phrase: "talked about trade", "called for calm"
	// Passive frames: the passive subject is the content, the by-phrase
	// (if any) the source.
	FramePass  = "pass"  // "Clinton has been endorsed by the union"
	FramePassX = "passx" // "The efforts are expected to continue": subject and complement
	// FrameNoun is a noun with a possessor and a complement: "his
	// determination to act alone", "Trump's comments about Machado".
	FrameNoun = "noun"
)

// Frame is one verb (or adjective predicate, or noun) of a parsed sentence
// read as an attribution frame: its subject (by-agent, possessor) as the
// source and its complement (passive subject) as the content.
// Token ranges index Doc.Tokens and are half-open; a passive frame
// without a by-phrase has no source (SA = SB = -1).
type Frame struct {
	Verb   int    // the head: a verb, an adjective predicate or a noun
	Lemma  string // lower-cased
	Kind   string
	CA, CB int // content
	// CBShort ends the content after the object alone in obj and obl
	// frames ("praised | her plan", not "praised | her plan in a
	// statement"); it is CB in the other kinds.
	CBShort int
	SA, SB  int    // source
	Subj    string // the subject's class: pron | name | noun | other; agent | none in passive frames
}

// depTree is the parse with ordered child lists and subtree extents.
type depTree struct {
	first, next []int32 // first child, next sibling, in text order; -1 ends
	lo, hi      []int32
}

func newDepTree(dts []sitrep.Token) *depTree {
	n := len(dts)
	t := &depTree{first: make([]int32, n), next: make([]int32, n), lo: make([]int32, n), hi: make([]int32, n)}
	for i := range n {
		t.first[i], t.next[i] = -1, -1
		t.lo[i], t.hi[i] = int32(i), int32(i)
	}
	// Pushing children in reverse order leaves each list in text order.
	for i := n - 1; i >= 0; i-- {
		if h := dts[i].Head; h >= 0 && h < n && h != i {
			t.next[i] = t.first[h]
			t.first[h] = int32(i)
		}
	}
	for i := range n {
		h := dts[i].Head
		for d := 0; h >= 0 && h < n && d < 64; d++ {
			t.lo[h] = min(t.lo[h], int32(i))
			t.hi[h] = max(t.hi[h], int32(i))
			h = dts[h].Head
		}
	}
	return t
}

func (t *depTree) child(dts []sitrep.Token, v int, deps ...string) int {
	for c := t.first[v]; c >= 0; c = t.next[c] {
		for _, d := range deps {
			if dts[c].Dep == d {
				return int(c)
			}
		}
	}
	return -1
}

// hasParse reports whether the tokens carry a dependency parse.
func hasParse(dts []sitrep.Token) bool {
	for _, t := range dts {
		if t.Head >= 0 && t.Dep != "" {
			return true
		}
	}
	return false
}

// ParseFrames returns the attribution frames of doc's parse (none without
// one): every verb or adjective predicate with an active subject and a
// complement, every passive verb with its subject, and every possessed
// noun with a complement. The generator counts them against annotated
// attributions; the stage reads them with the learned counts.
func ParseFrames(doc *sitrep.Doc) []Frame {
	dts := doc.Tokens
	if !hasParse(dts) {
		return nil
	}
	t := newDepTree(dts)
	var out []Frame
	for _, s := range doc.Sentences {
		for v := s.First; v < s.Limit && v < len(dts); v++ {
			if fr, ok := t.frame(dts, v, s.First, s.Limit); ok {
				out = append(out, fr)
			}
		}
	}
	return out
}

// frame reads verb v of the sentence [first, lim) as a frame.
func (t *depTree) frame(dts []sitrep.Token, v, first, lim int) (Frame, bool) {
	d := dts[v]
	if d.POS == "NOUN" {
		return t.nounFrame(dts, v, first, lim)
	}
	// A verb, or an adjective predicate ("aides were coy about whether
	// ...", "officials are confident that ...").
	if d.POS != "VERB" && (d.POS != "ADJ" || t.child(dts, v, "cop") < 0) {
		return Frame{}, false
	}
	fr := Frame{Verb: v, Lemma: strings.ToLower(d.Lemma)}
	if fr.Lemma == "" {
		fr.Lemma = strings.ToLower(d.Text)
	}
	subj := t.child(dts, v, "nsubj")
	if subj < 0 && d.Dep == "conj" && d.Head >= 0 && t.child(dts, v, "nsubj:pass") < 0 {
		// "X met them and praised ...": the subject of the first verb.
		subj = conjSubject(dts, v, t.child(dts, d.Head, "nsubj"))
	}
	if subj < 0 && d.Dep == "advcl" && d.Head >= 0 && d.Head < v && strings.HasSuffix(strings.ToLower(d.Text), "ing") && t.child(dts, v, "mark") < 0 {
		// "..., saying the plan fails": a participle set off after its
		// clause shares that clause's subject.
		k := v - 1
		for k > 0 && dts[k].POS == "ADV" {
			k-- // ", perhaps recognizing that ..."
		}
		if k >= 0 && dts[k].Text == "," {
			subj = t.child(dts, d.Head, "nsubj")
		}
	}
	if ps := t.child(dts, v, "nsubj:pass"); subj < 0 && ps >= 0 && ps < v {
		return t.passive(dts, fr, v, ps, first, lim)
	}
	if subj < 0 || subj > v {
		return Frame{}, false
	}
	if t.child(dts, v, "aux:pass", "nsubj:pass") >= 0 {
		return Frame{}, false
	}
	fr.SA, fr.SB = int(t.lo[subj]), int(t.hi[subj])+1
	for fr.SA < subj && (dts[fr.SA].POS == "ADP" || dts[fr.SA].POS == "SCONJ") {
		fr.SA++ // "as officials": the preposition a misparse hung on it
	}
	// The source ends before a comma: an appositive or relative clause
	// describes it ("Senator Ortiz, who ...").
	for k := fr.SA + 1; k < fr.SB; k++ {
		if dts[k].Text == "," {
			fr.SB = k
			break
		}
	}
	if fr.SB > v {
		fr.SB = v
	}
	switch dts[subj].POS {
	case "PRON":
		fr.Subj = "pron"
	case "PROPN":
		fr.Subj = "name"
	case "NOUN":
		fr.Subj = "noun"
	default:
		fr.Subj = "other"
	}
	var ok bool
	fr.Kind, fr.CA, fr.CB, fr.CBShort, ok = t.complement(dts, v)
	if !ok {
		return Frame{}, false
	}
	if fr.CB-fr.CA < 1 || fr.CA <= v || fr.CB > lim {
		return Frame{}, false
	}
	return fr, true
}

// vpRest is the rest of v's phrase from its dependent a: the objects,
// obliques and complements after the verb, up to a comma, a coordinated
// clause or an adverbial clause set off from them.
func (t *depTree) vpRest(dts []sitrep.Token, v, a int) (int, int) {
	ca, cb := int(t.lo[a]), int(t.hi[a])+1
	for c := t.first[v]; c >= 0; c = t.next[c] {
		ci := int(c)
		if ci <= a {
			continue
		}
		switch dts[ci].Dep {
		case "obj", "iobj", "obl", "xcomp", "ccomp", "compound:prt", "dep", "obl:tmod", "obl:npmod":
			if gap := punctBetween(dts, cb, int(t.lo[ci])); gap {
				return ca, cb
			}
			cb = int(t.hi[ci]) + 1
		case "advcl":
			if punctBetween(dts, cb, int(t.lo[ci])) || adverbialMarks[strings.ToLower(dts[t.lo[ci]].Text)] {
				return ca, cb
			}
			cb = int(t.hi[ci]) + 1
		case "punct", "cc", "conj", "parataxis":
			return ca, cb
		}
	}
	return ca, cb
}

func punctBetween(dts []sitrep.Token, a, b int) bool {
	for k := a; k < b && k < len(dts); k++ {
		switch dts[k].Text {
		case ",", ";", ":", "—", "–", "(":
			return true
		}
	}
	return false
}

// trimEdges drops punctuation and a "that" complementiser at the edges of
// a content range, keeping quotation marks.
func trimEdges(dts []sitrep.Token, a, b int) (int, int) {
	for a < b && (dts[a].POS == "PUNCT" && !isQuoteMark(dts[a].Norm) || strings.EqualFold(dts[a].Text, "that") && dts[a].Dep == "mark") {
		a++
	}
	for b > a && dts[b-1].POS == "PUNCT" && !isQuoteMark(dts[b-1].Norm) {
		b--
	}
	return a, b
}

func isQuoteMark(s string) bool { return s == `"` || s == "'" || s == "``" || s == "''" }

// complement returns the kind and token range of verb v's complement: its
// clausal complement, else its open complement (with an object before
// it), else its object or oblique and the rest of its phrase.
func (t *depTree) complement(dts []sitrep.Token, v int) (kind string, ca, cb, short int, ok bool) {
	comp, xcomp, obj, obl := -1, -1, -1, -1
	for c := t.first[v]; c >= 0; c = t.next[c] {
		if int(c) < v {
			continue
		}
		switch dts[c].Dep {
		case "ccomp":
			if comp < 0 {
				comp = int(c)
			}
		case "xcomp":
			if xcomp < 0 {
				xcomp = int(c)
			}
		case "obj", "iobj", "dobj":
			if obj < 0 {
				obj = int(c)
			}
		case "obl":
			if obl < 0 {
				obl = int(c)
			}
		}
	}
	switch {
	case comp >= 0:
		kind = FrameComp
		ca, cb = int(t.lo[comp]), int(t.hi[comp])+1
		if obj >= 0 && obj < comp && int(t.lo[obj]) > v {
			// "told reporters that ...": the hearer is not the claim.
			ca = max(ca, int(t.hi[obj])+1)
		}
	case xcomp >= 0:
		kind = FrameXcomp
		ca, cb = int(t.lo[xcomp]), int(t.hi[xcomp])+1
		if obj >= 0 && obj < xcomp {
			ca = int(t.lo[obj])
		}
	case obj >= 0 || obl >= 0:
		kind = FrameObj
		a := obj
		if a < 0 || (obl >= 0 && obl < obj) {
			a = obl
		}
		if obj < 0 {
			kind = FrameObl
		}
		ca, cb = t.vpRest(dts, v, a)
		short = int(t.hi[a]) + 1
	default:
		return "", 0, 0, 0, false
	}
	if ca < len(dts) && adverbialMarks[strings.ToLower(dts[ca].Text)] {
		return "", 0, 0, 0, false // an adverbial clause taken for a complement
	}
	ca, cb = trimEdges(dts, ca, cb)
	if kind == FrameObl && ca < cb && dts[ca].POS == "ADP" {
		// "called for calm", "talked about trade": the preposition goes
		// with the cue.
		ca++
	}
	if short <= ca || short > cb {
		short = cb
	} else {
		_, short = trimEdges(dts, ca, short)
	}
	return kind, ca, cb, short, true
}

// passive reads a passive verb v with subject ps: "X has been endorsed by
// Y" (content X, source Y), "X is expected to win" (content X ... to win,
// no source).
func (t *depTree) passive(dts []sitrep.Token, fr Frame, v, ps, first, lim int) (Frame, bool) {
	if w := strings.ToLower(dts[ps].Text); w == "it" || w == "who" || w == "which" || w == "that" {
		return Frame{}, false // "it was announced that ...", a relative clause
	}
	fr.Kind, fr.Subj = FramePass, "none"
	fr.CA, fr.CB = int(t.lo[ps]), int(t.hi[ps])+1
	for k := fr.CA + 1; k < fr.CB; k++ {
		if dts[k].Text == "," {
			fr.CB = k
			break
		}
	}
	if x := t.child(dts, v, "xcomp"); x > v {
		fr.Kind, fr.CB = FramePassX, int(t.hi[x])+1
	}
	fr.SA, fr.SB = -1, -1
	for c := t.first[v]; c >= 0; c = t.next[c] {
		if ci := int(c); ci > v && (dts[ci].Dep == "obl:agent" || dts[ci].Dep == "obl" && hasCaseBy(dts, ci)) {
			fr.SA, fr.SB = int(t.lo[ci]), int(t.hi[ci])+1
			if strings.EqualFold(dts[fr.SA].Text, "by") {
				fr.SA++
			}
			fr.Subj = "agent"
			break
		}
	}
	fr.CA, fr.CB = trimEdges(dts, fr.CA, fr.CB)
	fr.CBShort = fr.CB
	if fr.CB <= fr.CA || fr.CA < first || fr.CB > lim || fr.SA >= fr.SB && fr.SA >= 0 {
		return Frame{}, false
	}
	return fr, true
}

// nounFrame reads noun v with a possessor (the source) and a clause or
// prepositional complement after it (the content).
func (t *depTree) nounFrame(dts []sitrep.Token, v, first, lim int) (Frame, bool) {
	poss := t.child(dts, v, "nmod:poss")
	if poss < 0 || poss > v {
		return Frame{}, false
	}
	comp := -1
	for c := t.first[v]; c >= 0; c = t.next[c] {
		if ci := int(c); ci > v {
			switch dts[ci].Dep {
			case "acl", "acl:relcl", "ccomp", "nmod":
				comp = ci
			}
			break
		}
	}
	if comp < 0 || dts[comp].Dep == "acl:relcl" && !(t.lo[comp] < int32(len(dts)) && strings.EqualFold(dts[t.lo[comp]].Text, "that")) {
		return Frame{}, false // a relative clause, not the noun's content
	}
	fr := Frame{Verb: v, Lemma: strings.ToLower(dts[v].Lemma), Kind: FrameNoun}
	if fr.Lemma == "" {
		fr.Lemma = strings.ToLower(dts[v].Text)
	}
	fr.SA, fr.SB = int(t.lo[poss]), int(t.hi[poss])+1
	if fr.SB > fr.SA+1 && (dts[fr.SB-1].Norm == "'s" || dts[fr.SB-1].Norm == "'") {
		fr.SB-- // "Trump's": the possessive ending is no part of the name
	}
	switch dts[poss].POS {
	case "PRON":
		fr.Subj = "pron"
	case "PROPN":
		fr.Subj = "name"
	default:
		fr.Subj = "noun"
	}
	fr.CA, fr.CB = int(t.lo[comp]), int(t.hi[comp])+1
	fr.CA, fr.CB = trimEdges(dts, fr.CA, fr.CB)
	if dts[comp].Dep == "nmod" && fr.CA < fr.CB && dts[fr.CA].POS == "ADP" {
		fr.CA++ // "comments about | Machado"
	}
	fr.CBShort = fr.CB
	if fr.CB <= fr.CA || fr.CA <= v || fr.SA < first || fr.CB > lim || fr.SB <= fr.SA {
		return Frame{}, false
	}
	return fr, true
}

// conjSubject is the subject of verb v, a conjunct without a subject of
// its own: the subject of the first verb (subj), unless no conjunction
// joins them and a noun stands right before v, a clause the parser chained
// on ("The footage came as officials praised ...").
func conjSubject(dts []sitrep.Token, v, subj int) int {
	h := dts[v].Head
	for k := v - 1; k > h && k >= 0; k-- {
		if dts[k].Head == v && dts[k].Dep == "cc" {
			return subj
		}
	}
	if k := nounBefore(dts, v); k > h {
		return k
	}
	return subj
}

// nounBefore returns the noun or pronoun right before verb v, past
// adverbs and auxiliaries, or -1.
func nounBefore(dts []sitrep.Token, v int) int {
	k := v - 1
	for k >= 0 && (dts[k].POS == "ADV" || dts[k].POS == "AUX") {
		k--
	}
	if k < 0 {
		return -1
	}
	switch dts[k].POS {
	case "NOUN", "PROPN", "PRON":
		return k
	}
	return -1
}
