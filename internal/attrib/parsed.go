package attrib

import (
	"strings"

	"github.com/sitrep/sitrep"
)

// parsed finds reported speech the lexical frames missed, from the
// dependency parse: a cue verb whose clausal complement (ccomp, else
// xcomp, else object) is the content and whose active subject is the
// source ("Democratic leaders praised her plan", "he warned them to
// leave"). It runs after the lexical pass and adds only claims that no
// earlier candidate already covers. Without a parse it does nothing.
func (f *finder) parsed() {
	dts := f.doc.Tokens
	if len(dts) == 0 || len(dts) != len(f.sc.of) {
		return
	}
	parsed := false
	for _, t := range dts {
		if t.Head >= 0 && t.Dep != "" {
			parsed = true
			break
		}
	}
	if !parsed {
		return
	}
	f.tree = f.buildTree()
	ch, lo, hi := f.tree.ch, f.tree.lo, f.tree.hi
	toks := f.sc.toks
	f.narrowSpeakers()
	for _, s := range f.sc.sents {
		first, lim := s[0], s[1]
		for i := toks[first].dt; int(i) < len(dts) && f.sc.of[i] < int32(lim); i++ {
			t := dts[i]
			if t.POS == "NOUN" && nounCues[strings.ToLower(t.Lemma)] {
				f.nounCue(int(i), ch[i].poss, ch[i].clause, lo, hi, first, lim)
				continue
			}
			if t.POS != "VERB" {
				continue
			}
			subj, comp := ch[i].subj, ch[i].ccomp
			byAgent := false
			if subj < 0 && t.Dep == "conj" && t.Head >= 0 && dts[t.Head].POS == "VERB" {
				// "X said ... and added that ...": the shared subject.
				subj = int32(conjSubject(dts, int(i), int(ch[t.Head].subj)))
			}
			if subj < 0 && ch[i].agent >= 0 {
				// "was first reported by X": the agent is the source and
				// the passive subject, without a clause, the content.
				subj, byAgent = ch[i].agent, true
				if comp < 0 {
					comp = ch[i].pass
				}
			}
			if subj < 0 {
				continue
			}
			ti := int(f.sc.of[i])
			if f.inReg[ti] >= 0 || f.cueTaken(ti) || negated(dts, f.depTree(), int(i)) {
				continue
			}
			lemma := strings.ToLower(t.Lemma)
			e, ok := f.lx.cues[lemma]
			if !ok {
				e, ok = f.lx.cues[toks[ti].low]
			}
			if !ok && f.lx.parseCues[toks[ti].low] && !f.lx.noClaim[lemma] {
				e, ok = cue{lemma: lemma, class: "learned"}, true
			}
			if !ok || e.class == "" || !parseCueClass[e.class] || byAgent && (e.class == "learned" || e.class == "evaluation") {
				continue // a passive action ("was backed by X") is no report
			}
			if comp < 0 {
				comp = ch[i].xcomp
			}
			if comp < 0 && e.class != "cognition" {
				comp = ch[i].obj
			}
			if comp < 0 {
				continue
			}
			ca, cb := int(f.sc.of[lo[comp]]), int(f.sc.of[hi[comp]])+1
			if ob := ch[i].obj; comp == ch[i].xcomp && ob >= 0 && ob < comp {
				// "called her behavior “outrageous”", "urged them to
				// leave": the object before the predicate is in the claim.
				ca = int(f.sc.of[lo[ob]])
			}
			sa, sb := int(f.sc.of[lo[subj]]), int(f.sc.of[hi[subj]])+1
			if byAgent && sa < lim && toks[sa].low == "by" {
				sa++
			}
			for sa+1 < sb && sa < lim && (dts[toks[sa].dt].POS == "ADP" || dts[toks[sa].dt].POS == "SCONJ") {
				sa++ // "as officials": the preposition a misparse hung on it
			}
			// The source ends before a comma: an appositive or relative
			// clause describes it ("Senator Ortiz, who said ...").
			for k := sa + 1; k < sb; k++ {
				if toks[k].low == "," {
					sb = k
					break
				}
			}
			if ca < first || cb > lim || sa < first || sb > lim {
				continue
			}
			// Trim punctuation and a "that" complementiser at the edges.
			for ca < cb && (toks[ca].kind != tWord || toks[ca].low == "that") {
				ca++
			}
			for cb > ca && toks[cb-1].kind != tWord && toks[cb-1].kind != tDQ {
				cb--
			}
			if f.words(ca, cb) < 2 || ca <= ti && ti < cb || sa <= ti && ti < sb || adverbialMarks[toks[ca].low] {
				continue // an adverbial clause taken for a complement
			}
			c := cand{cs: toks[ca].s, ce: toks[cb-1].e, spk: span{sa, sb}, cue: span{ti, ti + 1}, inherit: -1, para: toks[ti].para}
			if f.covered(c.cs, c.ce) {
				continue
			}
			f.add(c)
		}
	}
}

// adverbialMarks open adverbial clauses, never reported content.
var adverbialMarks = set("after", "before", "when", "while", "because", "since", "until", "as", "once", "although", "though", "unless", "so")

// parseCueClass are the cue classes the parse pass trusts.
var parseCueClass = map[string]bool{"speech": true, "cognition": true, "evidence": true, "evaluation": true, "learned": true}

// cueTaken reports whether token i is already the cue of a candidate.
func (f *finder) cueTaken(i int) bool {
	for _, c := range f.cands {
		if c.cue.a <= i && i < c.cue.b {
			return true
		}
	}
	return false
}

// covered reports whether an existing candidate's content overlaps the
// byte span [s, e) by half of either.
func (f *finder) covered(s, e int) bool {
	for _, c := range f.cands {
		ov := min(e, c.ce) - max(s, c.cs)
		if ov > 0 && (2*ov >= e-s || 2*ov >= c.ce-c.cs) {
			return true
		}
	}
	return false
}

// hasCaseBy reports whether token i has a "by" case marker.
func hasCaseBy(dts []sitrep.Token, i int) bool {
	for j := i - 1; j >= 0 && i-j <= 6; j-- {
		if dts[j].Head == i && dts[j].Dep == "case" {
			return strings.EqualFold(dts[j].Text, "by")
		}
	}
	return false
}

// nounCues are nouns that report a claim of their possessor ("Trump's
// claim that ...", "the agency's warning that ...").
var nounCues = set("claim", "statement", "assertion", "belief", "argument", "warning",
	"allegation", "suggestion", "promise", "pledge", "insistence", "contention", "view",
	"assessment", "conclusion", "prediction", "accusation", "charge", "announcement", "report")

// nounCue adds "X's NOUN that CONTENT" when the parse gives the
// possessor and a complement clause.
func (f *finder) nounCue(i int, poss, clause int32, lo, hi []int32, first, lim int) {
	if poss < 0 || clause < 0 {
		return
	}
	toks := f.sc.toks
	ti := int(f.sc.of[i])
	if f.inReg[ti] >= 0 || f.cueTaken(ti) {
		return
	}
	ca, cb := int(f.sc.of[lo[clause]]), int(f.sc.of[hi[clause]])+1
	sa, sb := int(f.sc.of[lo[poss]]), int(f.sc.of[hi[poss]])+1
	if ca <= ti || ca < first || cb > lim || sa < first || sb > ti {
		return
	}
	if toks[ca].low != "that" {
		return
	}
	ca++
	for cb > ca && toks[cb-1].kind != tWord && toks[cb-1].kind != tDQ {
		cb--
	}
	if f.words(ca, cb) < 3 {
		return
	}
	c := cand{cs: toks[ca].s, ce: toks[cb-1].e, spk: span{sa, sb}, cue: span{ti, ti + 1}, inherit: -1, para: toks[ti].para}
	if !f.covered(c.cs, c.ce) {
		f.add(c)
	}
}

// kids are the first dependents of a token in the relations read here.
type kids struct{ subj, ccomp, xcomp, obj, pass, agent, poss, clause int32 }

// tree is the parse in the form the rules read: dependents per head and
// the token extent of every subtree.
type tree struct {
	ch     []kids
	lo, hi []int32
}

func (f *finder) buildTree() *tree {
	dts := f.doc.Tokens
	ch := make([]kids, len(dts))
	for i := range ch {
		ch[i] = kids{-1, -1, -1, -1, -1, -1, -1, -1}
	}
	for i, t := range dts {
		h := t.Head
		if h < 0 || h >= len(dts) {
			continue
		}
		k := &ch[h]
		switch t.Dep {
		case "nsubj":
			if k.subj < 0 {
				k.subj = int32(i)
			}
		case "ccomp":
			if k.ccomp < 0 {
				k.ccomp = int32(i)
			}
		case "xcomp":
			if k.xcomp < 0 {
				k.xcomp = int32(i)
			}
		case "obj", "dobj":
			if k.obj < 0 {
				k.obj = int32(i)
			}
		case "nmod:poss":
			if k.poss < 0 {
				k.poss = int32(i)
			}
		case "acl", "acl:relcl":
			// "the claim that ...": a complement clause opened by "that"
			// with a subject of its own, not a relative clause.
			if k.clause < 0 && i > 0 && ch[i].subj >= 0 {
				k.clause = int32(i)
			}
		case "nsubj:pass", "nsubjpass":
			if k.pass < 0 {
				k.pass = int32(i)
			}
		case "obl:agent", "obl":
			// "was reported by X": an oblique opened by "by".
			if k.agent < 0 && i > 0 && hasCaseBy(dts, i) {
				k.agent = int32(i)
			}
		}
	}
	// Subtree extents, by climbing from every token (heads are few levels
	// deep in news sentences; the climb is bounded).
	lo := make([]int32, len(dts))
	hi := make([]int32, len(dts))
	for i := range dts {
		lo[i], hi[i] = int32(i), int32(i)
	}
	for i := range dts {
		h := dts[i].Head
		for n := 0; h >= 0 && h < len(dts) && n < 64; n++ {
			if int32(i) < lo[h] {
				lo[h] = int32(i)
			}
			if int32(i) > hi[h] {
				hi[h] = int32(i)
			}
			h = dts[h].Head
		}
	}
	return &tree{ch: ch, lo: lo, hi: hi}
}

// narrowSpeakers shrinks a lexical speaker that holds more than the
// parse's subject of the cue verb to that subject: "The minister met the
// envoys and later warned them" is said by "The minister".
func (f *finder) narrowSpeakers() {
	toks, dts, t := f.sc.toks, f.doc.Tokens, f.tree
	for ci := range f.cands {
		c := &f.cands[ci]
		if !c.spk.ok() || !c.cue.ok() {
			continue
		}
		v := -1
		for k := c.cue.b - 1; k >= c.cue.a; k-- {
			if d := toks[k].dt; dts[d].POS == "VERB" {
				v = int(d)
				break
			}
		}
		if v < 0 {
			continue
		}
		subj := t.ch[v].subj
		if subj < 0 && dts[v].Dep == "conj" && dts[v].Head >= 0 {
			subj = t.ch[dts[v].Head].subj
		}
		if subj < 0 {
			continue
		}
		sa, sb := int(f.sc.of[t.lo[subj]]), int(f.sc.of[t.hi[subj]])+1
		if c.spk.a <= sa && sb <= c.spk.b && sb-sa < c.spk.b-c.spk.a && f.hasVerb(sb, c.spk.b) {
			c.spk = span{sa, sb}
		}
	}
}

// hasVerb reports whether tokens [a, b) hold a verb.
func (f *finder) hasVerb(a, b int) bool {
	if len(f.doc.Tokens) != len(f.sc.of) {
		return false // not tagged (the stage run alone)
	}
	for i := a; i < b; i++ {
		if f.doc.Tokens[f.sc.toks[i].dt].POS == "VERB" {
			return true
		}
	}
	return false
}
