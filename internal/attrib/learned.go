package attrib

import (
	"sort"
	"strings"

	"github.com/sitrep/sitrep"
)

// learnedFrames adds the claims of verbs whose parsed frame (subject +
// complement, see ParseFrames) matched the PolNeAR train annotation often
// enough (frames.tsv): "Clinton blasted him for not paying taxes",
// "He wants to extend paid leave". It runs after the other passes and adds
// only what none of them covers.
func (f *finder) learnedFrames() {
	dts := f.doc.Tokens
	if len(f.lx.frames) == 0 || len(dts) == 0 || len(dts) != len(f.sc.of) || !hasParse(dts) {
		return
	}
	t := f.depTree()
	toks := f.sc.toks
	for _, s := range f.doc.Sentences {
		for v := s.First; v < s.Limit && v < len(dts); v++ {
			if dts[v].POS != "VERB" && dts[v].POS != "ADJ" && dts[v].POS != "NOUN" || !f.lx.frameLemmas[strings.ToLower(dts[v].Lemma)] {
				continue
			}
			fr, ok := t.frame(dts, v, s.First, s.Limit)
			if !ok {
				continue
			}
			use, short := f.lx.frameUse(fr)
			if !use || negated(dts, t, v) {
				continue
			}
			if short {
				fr.CB = fr.CBShort
			}
			ti := int(f.sc.of[v])
			if f.inReg[ti] >= 0 || f.cueTaken(ti) || f.inContent(toks[ti].s) {
				continue
			}
			ca, cb := int(f.sc.of[fr.CA]), int(f.sc.of[fr.CB-1])+1
			spk, kind := none, ""
			if fr.SA >= 0 {
				spk = span{int(f.sc.of[fr.SA]), int(f.sc.of[fr.SB-1]) + 1}
			} else {
				kind = sitrep.SpeakerUnattributed
			}
			if f.words(ca, cb) < 1 || fr.SA >= 0 && !spk.ok() {
				continue
			}
			cue := span{ti, ti + 1}
			if ca == ti+2 && leadPreps[toks[ti+1].low] {
				cue.b = ca // "asked for | access"
			}
			c := cand{cs: toks[ca].s, ce: toks[cb-1].e, spk: spk, cue: cue, kind: kind, inherit: -1, para: toks[ti].para}
			if f.covered(c.cs, c.ce) {
				continue
			}
			f.setDirect(&c)
			f.add(c)
		}
	}
}

// raising gives the claims of raising verbs ("The policy appears to be
// helping Republicans", see lexicon.raises) their subject as part of the
// content and no speaker.
func (f *finder) raising() {
	dts := f.doc.Tokens
	if len(dts) == 0 || len(dts) != len(f.sc.of) {
		return
	}
	toks := f.sc.toks
	parsed := hasParse(dts)
	for ci := range f.cands {
		c := &f.cands[ci]
		if !c.spk.ok() || !c.cue.ok() || c.direct || c.inherit >= 0 || c.spk.b > c.cue.a || c.cs < toks[c.cue.b-1].e {
			continue
		}
		v := toks[c.cue.b-1].dt
		if !f.lx.raises(strings.ToLower(dts[v].Lemma)) || f.words(c.spk.b, c.cue.a) > 2 {
			continue
		}
		cs := toks[c.spk.a].s
		if parsed {
			// The whole subject ("The current policy of ... appears").
			t := f.depTree()
			if sj := t.child(dts, int(v), "nsubj"); sj >= 0 && int(t.lo[sj]) < int(v) {
				if a := int(f.sc.of[t.lo[sj]]); f.sentOf[a] == f.sentOf[c.cue.a] && toks[a].s < cs {
					cs = toks[a].s
				}
			}
		}
		c.cs, c.spk, c.kind = cs, none, sitrep.SpeakerUnattributed
	}
}

// negated reports whether verb v is negated ("Cairo has not confirmed
// the offer"): a source that does not say a thing is no source for it.
func negated(dts []sitrep.Token, t *depTree, v int) bool {
	for c := t.first[v]; c >= 0; c = t.next[c] {
		if dts[c].Dep == "advmod" || dts[c].Dep == "neg" {
			switch strings.ToLower(dts[c].Text) {
			case "not", "n't", "never":
				return true
			}
		}
	}
	return false
}

// extendEnds lengthens a claim that follows its cue verb ("found CONTENT")
// to the end of the verb's parsed complement when the two start together:
// the punctuation rules stop at the first comma, while a reported clause
// often runs on through a relative clause ("found that in the three largest
// counties, which include ..., voters have been ..."). Only lengthening is
// taken: where the parse ends a claim earlier it is more often wrong.
func (f *finder) extendEnds() {
	dts := f.doc.Tokens
	if len(dts) == 0 || len(dts) != len(f.sc.of) || !hasParse(dts) {
		return
	}
	t := f.depTree()
	toks := f.sc.toks
	ss := f.doc.Sentences
	for ci := range f.cands {
		c := &f.cands[ci]
		if !c.cue.ok() || c.direct || c.inherit >= 0 || c.cs < toks[c.cue.b-1].e {
			continue
		}
		v := int(toks[c.cue.b-1].dt)
		si := sort.Search(len(ss), func(i int) bool { return ss[i].Limit > v })
		if si >= len(ss) || ss[si].First > v {
			continue
		}
		fr, ok := t.frame(dts, v, ss[si].First, ss[si].Limit)
		if !ok {
			continue
		}
		fa, fb := toks[f.sc.of[fr.CA]].s, toks[f.sc.of[fr.CB-1]].e
		if fa > c.cs || fb <= c.ce || f.inQuote(c.ce) || f.inQuote(fb) {
			continue
		}
		c.ce = f.extensionEnd(c.ce, fb)
	}
}

// extensionEnd is where a claim lengthened from byte ce to fb stops: before
// what the parse puts in the clause but the claim leaves out, a
// participle set off by a comma (", saying ..."), a concessive or place
// clause (", though ...", ", where ..."), a coordinated verb ("and
// warned ...") or a closing relative clause (", which ..." up to fb).
func (f *finder) extensionEnd(ce, fb int) int {
	toks, dts := f.sc.toks, f.doc.Tokens
	k := sort.Search(len(toks), func(i int) bool { return toks[i].s >= ce })
	for ; k+1 < len(toks) && toks[k].e <= fb; k++ {
		n := toks[k+1]
		nd := dts[n.dt]
		switch toks[k].low {
		case ",":
			switch {
			case nd.POS == "VERB" && strings.HasSuffix(n.low, "ing"),
				n.low == "though" || n.low == "although" || n.low == "while" || n.low == "even" || n.low == "where" || n.low == "whereas" || n.low == "including" || n.low == "but" || n.low == "with":
				return f.trimEnd(k, ce)
			case n.low == "which" || n.low == "who":
				if !f.commaBefore(k+2, fb) {
					return f.trimEnd(k, ce)
				}
			}
		case "and", "but":
			if nd.POS == "VERB" || nd.POS == "AUX" || advWords[n.low] {
				return f.trimEnd(k, ce)
			}
		}
	}
	return fb
}

// trimEnd is the end of the last word before token k, at least ce.
func (f *finder) trimEnd(k, ce int) int {
	toks := f.sc.toks
	for k > 0 && toks[k-1].kind != tWord && toks[k-1].kind != tDQ {
		k--
	}
	if k == 0 {
		return ce
	}
	return max(ce, toks[k-1].e)
}

// commaBefore reports whether a comma starts at token k or later, before
// byte offset end.
func (f *finder) commaBefore(k, end int) bool {
	for ; k < len(f.sc.toks) && f.sc.toks[k].s < end; k++ {
		if f.sc.toks[k].low == "," {
			return true
		}
	}
	return false
}

// inContent reports whether byte offset o falls inside the content of a
// candidate: a verb there is part of a reported claim ("The general
// ordered the strike, the report claims").
func (f *finder) inContent(o int) bool {
	for _, c := range f.cands {
		if c.cs <= o && o < c.ce {
			return true
		}
	}
	return false
}

// inQuote reports whether byte offset o falls inside a quotation.
func (f *finder) inQuote(o int) bool {
	for _, r := range f.regs {
		if !r.nested && r.s < o && o < r.e {
			return true
		}
	}
	return false
}

// dashCredits finds quotations credited after a dash at the end of their
// paragraph, the style of pull quotes and reader voices:
// “... our greatest shame.” ― Sonya Herridge
func (f *finder) dashCredits() {
	toks := f.sc.toks
	for _, r := range f.regs {
		if r.nested || r.close < 0 || r.close+2 >= len(toks) {
			continue
		}
		k := r.close + 1
		switch toks[k].low {
		case "―", "—", "–", "-", "--":
		default:
			continue
		}
		if toks[k].para != toks[r.close].para || toks[k+1].para != toks[k].para || !toks[k+1].cap || toks[k+1].kind != tWord {
			continue
		}
		// The credit: a few words, then nothing but punctuation to the end
		// of the paragraph.
		e := k + 1
		for e < len(toks) && toks[e].para == toks[k].para && toks[e].kind == tWord && e-k <= 6 {
			e++
		}
		rest := e
		for rest < len(toks) && toks[rest].para == toks[k].para && toks[rest].kind == tPunct && toks[rest].low != "," {
			rest++
		}
		if rest < len(toks) && toks[rest].para == toks[k].para || f.words(r.first, r.lim) < 3 {
			continue
		}
		f.add(cand{cs: r.s, ce: r.e, spk: span{k + 1, e}, cue: span{k, k + 1}, direct: true, inherit: -1, para: toks[k].para})
	}
}

// isVerb reports whether the tagger calls token k a verb.
func (f *finder) isVerb(k int) bool {
	dts := f.doc.Tokens
	d := int(f.sc.toks[k].dt)
	return len(dts) == len(f.sc.of) && d < len(dts) && dts[d].POS == "VERB"
}

// leadPreps are prepositions that belong to a phrasal cue ("called for",
// "complained about", "warned of") rather than to its content.
var leadPreps = set("for", "on", "about", "of", "against", "with", "over", "at", "into", "upon")

// tidy adjusts claims that follow their cue verb to where the annotation
// puts the cue/content boundary: a phrasal cue's preposition joins the cue
// ("called for | more investment"); the
// claim ends before a reporting verb coordinated with the cue ("bemoaned
// the unrest | and said ...").
func (f *finder) tidy() {
	dts := f.doc.Tokens
	parsed := len(dts) > 0 && len(dts) == len(f.sc.of) && hasParse(dts)
	toks := f.sc.toks
	var t *depTree
	for ci := range f.cands {
		c := &f.cands[ci]
		if !c.cue.ok() || c.direct || c.inherit >= 0 || c.cs < toks[c.cue.b-1].e {
			continue
		}
		a := sort.Search(len(toks), func(i int) bool { return toks[i].s >= c.cs })
		b := sort.Search(len(toks), func(i int) bool { return toks[i].e >= c.ce })
		if a >= len(toks) || b >= len(toks) || f.inReg[a] >= 0 || a != c.cue.b && (a != c.cue.b+1 || toks[c.cue.b].low != "that") {
			continue
		}
		// A preposition right after the cue ("called for X").
		if a == c.cue.b && leadPreps[toks[a].low] && a+1 <= b && f.words(a+1, b+1) >= 1 && (!parsed || dts[toks[a].dt].POS == "ADP") {
			c.cue.b = a + 1
			c.cs = toks[a+1].s
			a++
		}
		// "While his advisers have suggested that A, Mr. Obama is ...": a
		// cue in a fronted concessive clause reports up to the comma that
		// ends it.
		if si := f.sentOf[c.cue.a]; concessive[toks[f.sc.sents[si][0]].low] {
			for k := b; k > a; k-- {
				if toks[k].low == "," && f.inReg[k] < 0 {
					if f.words(k+1, b+1) >= 3 && f.words(a, k) >= 2 {
						c.ce = f.trimEnd(k, c.cs)
					}
					break
				}
			}
		}
		if !parsed {
			continue
		}
		if t == nil {
			t = f.depTree()
		}
		v := int(toks[c.cue.b-1].dt)
		// "refused to endorse | Trump": an infinitive that is itself a
		// cue verb with a complement of its own carries the claim.
		if toks[a].low == "to" && a+1 < b {
			if x := int(toks[a+1].dt); dts[x].POS == "VERB" && dts[x].Head == v && dts[x].Dep == "xcomp" && !claimInfinitive[strings.ToLower(dts[v].Lemma)] {
				xl := strings.ToLower(dts[x].Lemma)
				if kind, xa, xb, _, ok := t.complement(dts, x); ok && xa > x && (f.lx.cues[xl].lemma != "" || f.lx.reports(Frame{Lemma: xl, Kind: kind})) {
					na, nb := int(f.sc.of[xa]), int(f.sc.of[xb-1])
					if toks[nb].e <= c.ce && f.words(na, nb+1) >= 1 {
						c.cue.b = na
						c.cs, a = toks[na].s, na
						v = x
					}
				}
			}
		}
		// Cut before a reporting verb coordinated with the cue.
		cut := -1
		for k := t.first[v]; k >= 0; k = t.next[k] {
			lo := int(f.sc.of[t.lo[k]])
			if lo <= a || toks[lo].s >= c.ce || dts[k].Dep != "conj" || dts[k].POS != "VERB" || t.child(dts, int(k), "mark") >= 0 {
				continue
			}
			if _, ok := f.lx.cues[strings.ToLower(dts[k].Lemma)]; ok || f.lx.cues[strings.ToLower(dts[k].Text)].lemma != "" {
				cut = lo
				break
			}
		}
		if cut > a {
			if e := f.trimEnd(cut, c.cs); e > c.cs {
				if k := cut - 1; toks[k].low == "and" || toks[k].low == "but" || toks[k].low == "," {
					e = f.trimEnd(k, c.cs)
					if toks[k-1].low == "," {
						e = f.trimEnd(k-1, c.cs)
					}
				}
				if e > c.cs && f.words(a, b+1) > 0 {
					c.ce = e
				}
			}
		}
	}
}

// claimInfinitive are cue verbs whose infinitive is the claim itself
// ("vowed to repeal the law"), however reportive the inner verb.
var claimInfinitive = set("vow", "promise", "pledge", "urge", "threaten", "plan", "offer", "agree", "want", "ask", "tell", "warn", "call")

// concessive open a fronted clause whose end a comma marks.
var concessive = set("while", "although", "though", "whereas")

// headlineLabels open a headline with a colon without naming a speaker.
var headlineLabels = set("update", "updated", "photo", "photos", "video", "watch", "read", "related",
	"note", "correction", "breaking", "exclusive", "live", "opinion", "analysis", "editorial",
	"review", "explainer", "factbox", "timeline", "q&a", "latest", "news", "today")

// headlineSpeaker reads a headline of the form "Speaker: claim" ("Pence:
// Trump Was 'Mocking' Clinton Camp"): a few capitalised words before a
// colon in the article's first paragraph. A survey ("Poll: ...") is a
// source too.
func (f *finder) headlineSpeaker() {
	toks := f.sc.toks
	if len(f.sc.paras) == 0 {
		return
	}
	end := len(toks)
	if len(f.sc.paras) > 1 {
		end = f.sc.paras[1]
	}
	i, j := 0, 0
	for j < end && toks[j].kind == tWord && toks[j].cap && j-i < 5 {
		j++
	}
	if j == i || j >= end || toks[j].low != ":" {
		return
	}
	label := true // "Update:", "The Latest:"
	for k := i; k < j; k++ {
		label = label && (headlineLabels[toks[k].low] || toks[k].low == "the")
	}
	if label {
		return
	}
	ce := f.contentEnd(j+1, end)
	if f.words(j+1, ce) < 3 {
		return
	}
	f.add(cand{cs: toks[j+1].s, ce: toks[ce-1].e, spk: span{i, j}, cue: span{j, j + 1}, inherit: -1, para: toks[i].para})
}

// evidenceNouns head a document or survey that can source a claim.
var evidenceNouns = set("poll", "polls", "survey", "surveys", "study", "studies", "report",
	"analysis", "audit", "data", "findings", "estimates", "census", "review")

// inEvidence reads "In this poll, Trump rose 1 point ...": a sentence
// opened by "In" and a poll, survey or study, whose rest is what it shows.
func (f *finder) inEvidence(first, lim int) {
	toks := f.sc.toks
	if toks[first].low != "in" {
		return
	}
	k := first + 1
	for k < lim && k-first < 16 && toks[k].low != "," {
		k++
	}
	if k >= lim || k == first+1 || f.hasCue(first+1, k) {
		return
	}
	found := false
	for i := first + 1; i < k; i++ {
		if evidenceNouns[toks[i].low] {
			found = true
		}
	}
	end := f.contentEnd(k+1, lim)
	if !found || f.words(k+1, end) < 4 || f.hasCueOutside(k+1, end, -1) {
		return
	}
	f.add(cand{cs: toks[k+1].s, ce: toks[end-1].e, spk: span{first + 1, k}, cue: span{first, first + 1}, inherit: -1, para: toks[first].para})
}

// depTree returns the document's dependency tree, built on first use.
func (f *finder) depTree() *depTree {
	if f.dtree == nil {
		f.dtree = newDepTree(f.doc.Tokens)
	}
	return f.dtree
}

// dropEchoes removes an indirect claim reported inside a longer claim that
// fills at least half of: in "Tanner said he thinks the campaign stayed
// vague", "the campaign stayed vague" (he thinks) is the said claim again,
// not a second one.
func (f *finder) dropEchoes() {
	toks := f.sc.toks
	echo := make([]bool, len(f.cands))
	for i, c := range f.cands {
		if c.direct || c.nested || !c.cue.ok() {
			continue
		}
		for j, o := range f.cands {
			if j == i || o.nested || !(o.cs <= c.cs && c.ce <= o.ce) || o.cs == c.cs && o.ce == c.ce {
				continue
			}
			if cs := toks[c.cue.a].s; cs < o.cs || cs >= o.ce {
				continue // the inner cue is outside the outer claim
			}
			if 2*(c.ce-c.cs) >= o.ce-o.cs {
				echo[i] = true
				break
			}
		}
	}
	keep := f.cands[:0]
	for i, c := range f.cands {
		if !echo[i] {
			keep = append(keep, c)
		}
	}
	f.cands = keep
}
