// Package attrib finds who says what: direct quotations and indirectly
// reported claims ("western sources believe ..."), their speakers (named
// people and organisations, anonymous sources, the outlet itself) and the
// hedges that qualify them. It fills Doc.Quotes and, once events exist,
// Doc.Sourcing.
//
// The detector reads the segmenter's tokens and sentences, the tagger's
// parts of speech and the parser's dependencies where present (it degrades
// to lexical rules without them), and Doc.Actors to resolve speakers.
package attrib

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/segment"
)

// Name is the stage's name in the pipeline.
const Name = "attrib"

// Stage finds quotes and attributions. It is safe for concurrent use.
type Stage struct {
	lx *lexicon
}

var _ pipeline.Stage = (*Stage)(nil)

// New loads the embedded lexicons and returns the stage.
func New() (*Stage, error) {
	lx, err := loadLexicon()
	if err != nil {
		return nil, err
	}
	return &Stage{lx: lx}, nil
}

// Name returns "attrib".
func (*Stage) Name() string { return Name }

// Process sets doc.Quotes.
func (s *Stage) Process(ctx context.Context, doc *sitrep.Doc) error {
	doc.Quotes = s.Find(doc)
	if doc.Outlet == "" {
		if name := s.lx.wireCredit(doc.Text); name != "" {
			doc.Outlet = sitrep.NullString(name)
			doc.Diagnose(Name, "outlet "+strconv.Quote(name)+" taken from the wire credit of the dateline")
		}
	}
	if doc.Outlet == "" {
		// An article that names itself ("The Mirror can reveal") tells its
		// outlet when no metadata did.
		for _, q := range doc.Quotes {
			if name := q.Speaker.Text; q.Speaker.Kind == sitrep.SpeakerOutlet && name != "" && unicode.IsUpper([]rune(name)[0]) {
				doc.Outlet = sitrep.NullString(name)
				doc.Diagnose(Name, "outlet "+strconv.Quote(name)+" taken from the article naming itself")
				break
			}
		}
	}
	return nil
}

// wireCredit returns the agency credited in the dateline at the start of
// text ("NIAMEY, Aug 10 (Reuters) -"), or "".
func (l *lexicon) wireCredit(text string) string {
	head := text[:min(len(text), 160)]
	if i := strings.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	for {
		i := strings.IndexByte(head, '(')
		if i < 0 {
			return ""
		}
		j := strings.IndexByte(head[i:], ')')
		if j < 0 {
			return ""
		}
		if name, ok := l.wires[strings.TrimSpace(head[i+1:i+j])]; ok {
			// A credit is followed by a dash: "(Reuters) -", "(AP) —".
			rest := strings.TrimLeft(head[i+j+1:], " ")
			if strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "\u2014") || strings.HasPrefix(rest, "\u2013") {
				return name
			}
		}
		head = head[i+j+1:]
	}
}

// span is a half-open token range; a < 0 means none.
type span struct{ a, b int }

var none = span{-1, -1}

func (s span) ok() bool { return s.a >= 0 && s.b > s.a }

// cand is a quote being built.
type cand struct {
	cs, ce  int  // content byte span
	spk     span // speaker tokens
	cue     span // cue tokens (verb group)
	direct  bool
	hedge   string // a hedge carried by the cue itself
	kind    string // speaker kind forced by the frame ("unattributed")
	inherit int    // index of the cand whose speaker this one shares, -1
	nested  bool   // a partial quote inside another quote of the same speaker
	para    int
}

// finder holds one document's analysis.
type finder struct {
	lx     *lexicon
	doc    *sitrep.Doc
	sc     scanner
	regs   []region
	inReg  []int32 // token -> index of the outer region holding it, -1
	regAt  []int32 // opening-mark token -> its region, -1
	sentOf []int32
	outlet map[string]bool // lower-cased names the outlet calls itself
	cands  []cand
	// resolved holds the speakers resolved so far, in text order, for
	// pronouns.
	resolved []sitrep.Speaker
	// tree is the dependency parse, nil when there is none.
	tree *tree
	// dtree is the parse with child lists, built on first use.
	dtree *depTree
}

// Find returns the quotes of doc, in text order, with ids q1, q2, ...
func (s *Stage) Find(doc *sitrep.Doc) []sitrep.Quote {
	f := &finder{lx: s.lx, doc: doc}
	if len(doc.Tokens) == 0 && doc.Text != "" {
		// Run alone (no segmenter before it): segment a copy so that the
		// stage writes nothing but Doc.Quotes.
		d := &sitrep.Doc{Text: doc.Text}
		if err := segment.New().Process(context.Background(), d); err == nil {
			f.sc.load(d)
		}
	} else {
		f.sc.load(doc)
	}
	if len(f.sc.toks) == 0 {
		return []sitrep.Quote{}
	}
	f.index()
	f.findOutletNames()
	f.transcript()
	f.dashCredits()
	f.headlineSpeaker()
	for si := range f.sc.sents {
		f.sentence(si)
	}
	f.parsed()
	f.learnedFrames()
	f.raising()
	f.extendEnds()
	f.tidy()
	f.dropEchoes()
	f.orphans()
	f.partials()
	return f.build()
}

func (f *finder) index() {
	toks := f.sc.toks
	f.regs = f.sc.regions()
	f.inReg = make([]int32, len(toks))
	f.regAt = make([]int32, len(toks))
	for i := range f.inReg {
		f.inReg[i], f.regAt[i] = -1, -1
	}
	for ri, r := range f.regs {
		if r.nested {
			continue
		}
		f.regAt[r.open] = int32(ri)
		end := r.lim
		if r.close >= 0 {
			end = r.close + 1
		}
		for i := r.open; i < end; i++ {
			if f.inReg[i] < 0 {
				f.inReg[i] = int32(ri)
			}
		}
	}
	f.sentOf = make([]int32, len(toks))
	for si, s := range f.sc.sents {
		for i := s[0]; i < s[1]; i++ {
			f.sentOf[i] = int32(si)
		}
	}
}

func (f *finder) isWord(i int) bool { return f.sc.toks[i].kind == tWord }

func (f *finder) low(i int) string { return f.sc.toks[i].low }

// closes reports whether token i is a closing quotation mark.
func (f *finder) closes(i int) bool {
	t := f.sc.toks[i]
	return (t.kind == tDQ || t.kind == tSQ) && t.dir == dirClose
}

// boundaryBefore reports whether token i is a clause boundary a speaker or
// content can start after: a comma, a closing mark, a dash or a colon.
func (f *finder) boundaryTok(i int) bool {
	switch f.low(i) {
	case ",", "—", "–", ":", ";", "(":
		return true
	}
	return f.closes(i) || (f.sc.toks[i].kind == tDQ && f.inReg[i] >= 0 && f.regs[f.inReg[i]].close == i)
}

// contentEnd returns the token limit of a sentence without its final stop.
func (f *finder) contentEnd(first, lim int) int {
	for lim > first {
		l := f.low(lim - 1)
		if l == "." || l == "!" || l == "?" || l == ";" {
			lim--
			continue
		}
		break
	}
	return lim
}

func (f *finder) words(a, b int) int {
	n := 0
	for i := a; i < b; i++ {
		if f.sc.toks[i].kind == tWord {
			n++
		}
	}
	return n
}

func (f *finder) add(c cand) {
	for _, o := range f.cands {
		if o.cs == c.cs && o.ce == c.ce {
			return
		}
	}
	f.cands = append(f.cands, c)
}

// findOutletNames learns how the publication names itself: from
// Doc.Outlet and from "The X can reveal"-style self-references.
func (f *finder) findOutletNames() {
	f.outlet = map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(string(f.doc.Outlet))) {
		switch w {
		case "the", "daily", "sunday", "online", "news", "of", "on":
			continue
		}
		f.outlet[strings.Trim(w, ".,")] = true
	}
	toks := f.sc.toks
	for i := 1; i < len(toks); i++ {
		for _, ph := range f.lx.outlet[toks[i].low] {
			if !f.phraseAt(i, ph) {
				continue
			}
			// The name before the phrase: capitalised words after "The".
			j := i - 1
			if !toks[j].cap || toks[j].kind != tWord {
				continue
			}
			k := j
			for k > 0 && toks[k-1].cap && toks[k-1].kind == tWord && j-k < 4 {
				k--
			}
			if toks[k].low == "the" || (k > 0 && toks[k-1].low == "the") {
				f.outlet[toks[j].low] = true
			}
		}
	}
}

func (f *finder) phraseAt(i int, ph []string) bool {
	if i+len(ph) > len(f.sc.toks) {
		return false
	}
	for k, w := range ph {
		if f.sc.toks[i+k].low != w {
			return false
		}
	}
	return true
}

// transcript finds interview labels: a paragraph that opens (after an
// optional quotation mark) with a short all-capitals name and a colon.
func (f *finder) transcript() {
	toks := f.sc.toks
	for pi, p := range f.sc.paras {
		end := len(toks)
		if pi+1 < len(f.sc.paras) {
			end = f.sc.paras[pi+1]
		}
		i := p
		if i < end && toks[i].kind == tDQ {
			i++
		}
		j := i
		for j < end && j-i < 3 && toks[j].kind == tWord && isUpperWord(f.doc.Text[toks[j].s:toks[j].e]) {
			j++
		}
		if j == i || j+1 >= end || toks[j].low != ":" {
			continue
		}
		c := cand{cs: toks[j+1].s, ce: toks[f.contentEnd(j+1, end)-1].e, spk: span{i, j}, cue: span{j, j + 1}, inherit: -1, para: toks[i].para, direct: true, kind: sitrep.SpeakerNamedPerson}
		if c.ce <= c.cs {
			continue
		}
		f.add(c)
	}
}

func isUpperWord(w string) bool {
	n := 0
	for _, r := range w {
		if r >= 'a' && r <= 'z' {
			return false
		}
		if r >= 'A' && r <= 'Z' {
			n++
		}
	}
	return n >= 2
}

// sentence looks for attribution frames in one sentence.
func (f *finder) sentence(si int) {
	s := f.sc.sents[si]
	first, lim := s[0], s[1]
	toks := f.sc.toks
	f.inEvidence(first, lim)
	for i := first; i < lim; i++ {
		if toks[i].kind != tWord || f.inReg[i] >= 0 {
			continue
		}
		l := toks[i].low
		switch {
		case l == "according" && i+1 < lim && toks[i+1].low == "to":
			f.accordingTo(first, lim, i)
			continue
		case passiveCues[l] && i >= first+2 && (toks[i-1].low == "is" || toks[i-1].low == "was" || toks[i-1].low == "are" || toks[i-1].low == "were" || toks[i-1].low == "been"):
			if f.passive(first, lim, i) {
				continue
			}
		}
		if e, ok := f.lx.cues[l]; ok {
			f.cueAt(first, lim, i, e)
		}
	}
}

// accordingTo handles "according to X, CONTENT" and "CONTENT, according to X".
func (f *finder) accordingTo(first, lim, i int) {
	toks := f.sc.toks
	spk := f.npRightMode(i+2, lim, true)
	if !spk.ok() {
		return
	}
	end := f.contentEnd(first, lim)
	c := cand{spk: spk, cue: span{i, i + 2}, inherit: -1, para: toks[i].para}
	switch {
	case i == first || (i == first+1 && !f.isWord(first)):
		k := spk.b
		for k < end && toks[k].kind != tWord {
			k++
		}
		if f.words(k, end) < 2 {
			return
		}
		c.cs, c.ce = toks[k].s, toks[end-1].e
	default:
		k := i
		for k > first && !f.isWord(k-1) && !f.closes(k-1) {
			k--
		}
		if f.words(first, k) < 2 {
			return
		}
		c.cs, c.ce = toks[first].s, toks[k-1].e
		if spk.b < end && f.words(spk.b, end) >= 3 && f.predicateAt(spk.b) {
			// The phrase sits inside the claim ("X, according to Y, is
			// Z"), not before an aside ("..., according to Y, more than
			// twice what ...").
			c.ce = toks[f.clauseEnd(spk.b, end, false)-1].e
		}
	}
	f.setDirect(&c)
	f.add(c)
}

// passive handles "it is believed (that) CONTENT" and "X is said to ...":
// claims without a named source, hedged by their form.
func (f *finder) passive(first, lim, i int) bool {
	toks := f.sc.toks
	end := f.contentEnd(first, lim)
	aux := i - 1
	if toks[aux].low == "been" && aux-1 >= first && (toks[aux-1].low == "has" || toks[aux-1].low == "have") {
		aux--
	}
	switch {
	case aux-1 >= first && toks[aux-1].low == "it" && i+1 < end:
		k := i + 1
		if toks[k].low == "that" || toks[k].low == "," {
			k++
		}
		if f.words(k, end) < 3 {
			return false
		}
		f.add(cand{cs: toks[k].s, ce: toks[end-1].e, spk: none, cue: span{aux - 1, i + 1}, kind: sitrep.SpeakerUnattributed, hedge: toks[aux-1].low + " " + toks[aux].low + " " + toks[i].low, inherit: -1, para: toks[i].para})
		return true
	case i+1 < end && toks[i+1].low == "to" && toks[i].low != "expected" && toks[i].low != "known":
		if f.words(first, end) < 5 {
			return false
		}
		if ce := f.clauseEnd(i+2, end, false); ce > i+2 {
			end = ce
		}
		for k := i + 2; k+1 < end; k++ {
			if toks[k].low == "," && (toks[k+1].low == "but" || toks[k+1].low == "while" || toks[k+1].low == "although") {
				end = k
				break
			}
		}
		f.add(cand{cs: toks[first].s, ce: toks[end-1].e, spk: none, cue: span{aux, i + 2}, kind: sitrep.SpeakerUnattributed, hedge: toks[aux].low + " " + toks[i].low + " to", inherit: -1, para: toks[i].para})
		return true
	}
	return false
}

// cueAt tries the frames of a cue verb at token c.
func (f *finder) cueAt(first, lim, c int, e cue) {
	toks := f.sc.toks
	// The verb group: auxiliaries and adverbs before the cue.
	v0 := c
	passive := false
	for v0-1 >= first && toks[v0-1].kind == tWord {
		l := toks[v0-1].low
		if auxWords[l] {
			if (l == "is" || l == "are" || l == "was" || l == "were" || l == "be" || l == "been" || l == "being") && !strings.HasSuffix(toks[c].low, "ing") {
				passive = true
			}
			v0--
			continue
		}
		if advWords[l] || (!toks[v0-1].cap && len(l) > 4 && strings.HasSuffix(l, "ly")) {
			v0--
			continue
		}
		break
	}
	if passive {
		// "was told", "is expected": the subject is not the speaker.
		return
	}
	for k := v0; k < c; k++ {
		if l := toks[k].low; (l == "not" || l == "n't" || l == "never") && e.class != "speech" {
			return // "Cairo has not confirmed the offer": no claim of Cairo's
		}
	}
	r := c + 1
	if e.lemma == "point" {
		if r >= lim || toks[r].low != "out" {
			return
		}
		r++
	}
	if v0-1 >= first && (possessives[toks[v0-1].low] || toks[v0-1].low == "of") {
		return // a noun ("his claims", "a series of tweets") or an infinitive ("to say")
	}
	end := f.contentEnd(first, lim)
	ing := strings.HasSuffix(toks[c].low, "ing")
	if ing && v0 == c && (c == first || f.low(c-1) != ",") {
		return // "a letter urging them", "(Reporting by ...)": no speaker
	}
	if v0-1 >= first && (strings.HasSuffix(toks[v0-1].low, "'s") || strings.HasSuffix(toks[v0-1].low, "s'")) {
		return // "Editor's note": a noun after a possessive
	}

	// Speaker before the verb, past a parenthesis ("Rep. Gwen Moore
	// (D-Wis.) said").
	spk := none
	j := v0 - 1
	if j > first && toks[j].low == ")" {
		for k := j - 1; k > first && j-k < 10; k-- {
			if toks[k].low == "(" {
				j = k - 1
				break
			}
		}
	}
	shared := false
	if j >= first && (toks[j].low == "and" || toks[j].low == "but") && j > first {
		// "X promised ... and said ...": the subject of the first verb.
		for ci := len(f.cands) - 1; ci >= 0; ci-- {
			pc := f.cands[ci]
			if pc.spk.ok() && pc.spk.a >= first && pc.cue.b <= j {
				spk, shared = pc.spk, true
				break
			}
		}
		if !spk.ok() {
			if sp := f.subjectOf(first, j); sp.ok() && !f.hasCue(sp.b, j) {
				spk, shared = sp, true
			}
		}
	}
	if j >= first && !shared {
		t := toks[j]
		switch {
		case t.kind == tWord && subjPronouns[t.low]:
			spk = span{j, j + 1}
			if t.low == "that" && (j == first || !f.isWord(j-1) || npStop[f.low(j-1)] || f.lx.cues[f.low(j-1)].lemma != "") {
				spk = none // a complementiser, not a relative pronoun
			}
		case t.kind == tWord && !npStop[t.low] && !auxWords[t.low]:
			if _, isCue := f.lx.cues[t.low]; !isCue || (j > first && determiners[f.low(j-1)]) {
				// A cue word after a determiner is a noun ("the report").
				spk = f.npLeft(j, first)
				spk = f.anonTail(spk, first)
			}
		}
	}
	inverted, participle := false, false
	if !spk.ok() && !ing && e.lemma != "tell" && (j < first || toks[j].low == "," || f.closes(j) || toks[j].kind == tDQ) {
		// "..., said Mr. Smith." / "“...,” said the UN." Not after
		// "told": the noun phrase there is the hearer ("..., an official,
		// told Fox News").
		if sp := f.npRight(r, end); sp.ok() && (f.shortTail(sp.b, end) || sp.b < end && toks[sp.b].low == "who") && !f.timeLike(sp) && !(toks[sp.a].cap && f.hasVerb(sp.a, sp.b)) {
			spk, inverted = sp, true
		}
	}
	if !spk.ok() && !shared && j >= first && toks[j].low == "," && !ing {
		spk = f.appositive(j, first)
	}
	if !spk.ok() && ing && j >= first && toks[j].low == "," {
		spk, participle = f.subjectOf(first, j), true
		// "“...,” he said, referring to ...": the speaker of the cue
		// before the comma, not a subject inside the quotation.
		for _, pc := range f.cands {
			if pc.spk.ok() && pc.cue.ok() && max(pc.cue.b, pc.spk.b) == j {
				spk = pc.spk
			}
		}
	}
	if !spk.ok() {
		return
	}
	if a := f.asBefore(spk.a, first); a >= 0 {
		// "Hawaii, as one of his advisers pointed out, normally does not
		// get ...": the attribution sits inside the claim.
		if end := f.contentEnd(first, lim); a-1 > first && f.low(a-1) == "," && r < end && f.low(r) == "," && f.words(r+1, end) >= 2 {
			cs := toks[first].s
			if f.words(first, a) <= 2 {
				cs = toks[r+1].s // the longer part carries the claim
			}
			f.add(cand{cs: cs, ce: toks[end-1].e, spk: span{a + 1, spk.b}, cue: span{v0, r}, inherit: -1, para: toks[c].para})
			return
		}
	}
	if end := f.contentEnd(first, lim); spk.a-1 >= first && (f.low(spk.a-1) == "than" || f.low(spk.a-1) == "as" && (r >= end || f.words(r, end) < 3 || f.low(r) == ",")) {
		return // "as X said": a comparison, not a claim ("came as officials praised the protests" is one)
	}

	// Content after the verb.
	as := r
	if inverted {
		as = spk.b
	}
	if e.flags&flagObj != 0 && as < end && !inverted {
		if ob := f.objectRight(as, end); ob.ok() {
			as = ob.b
		}
	}
	comp := false
	if as < len(toks) {
		k := as
		if as < end && (tailStarts[toks[as].low] || timeWords[toks[as].low]) {
			for k2 := as; k2 < end && k2 < as+10; k2++ {
				l := toks[k2].low
				if l == "that" && adverbialMarks[toks[as].low] && f.relativeThat(k2) {
					break // "told reporters after the meeting that was held ..."
				}
				if l == "that" || l == ":" || (toks[k2].kind == tDQ && toks[k2].dir != dirClose) {
					k = k2
					break
				}
				if l == "," || f.lx.cues[l].lemma != "" {
					break
				}
			}
		}
		if k < len(toks) && (toks[k].low == "," || toks[k].low == ":") && k+1 < len(toks) && toks[k+1].kind == tDQ && f.regAt[k+1] >= 0 {
			k++
		}
		switch l := toks[k].low; {
		case l == "that" || l == ":":
			comp, as = true, k+1
		case l == "whether" || l == "if" || l == "why" || l == "how" || l == "what" || l == "when":
			comp, as = true, k
		case toks[k].kind == tDQ && f.regAt[k] >= 0:
			comp, as = true, k
		}
	}
	c0 := cand{spk: spk, cue: span{v0, r}, inherit: -1, para: toks[c].para}
	if e.flags&flagHedge != 0 {
		c0.hedge = toks[c].low
	}
	// A quotation right after the verb ("told the Daily Mirror: “...").
	if as < len(toks) && toks[as].kind == tDQ && f.regAt[as] >= 0 && (as < end || (as > 0 && f.low(as-1) == ":")) && f.fullQuote(f.regs[f.regAt[as]], end) {
		rg := f.regs[f.regAt[as]]
		c0.cs, c0.ce, c0.direct = rg.s, rg.e, true
		if !inverted && !participle {
			// "“A,” he said, “B.”": the quotation before the speaker is
			// part of the same attribution.
			if k := spk.a - 1; spk.a > first && f.boundaryTok(k) {
				ca := c0
				if f.contentBefore(&ca, first, k) && ca.direct {
					f.add(ca)
				}
			}
			f.add(c0)
			return
		}
		if inverted && v0 > first && f.boundaryTok(v0-1) {
			ca := c0
			if f.contentBefore(&ca, first, v0-1) && ca.direct {
				f.add(ca)
				f.add(c0)
				return
			}
		}
	}
	// "The governor added:" closing a paragraph whose successor carries
	// the words without quotation marks.
	if !inverted && as == lim && as < len(toks) && as > 0 && f.low(as-1) == ":" && toks[as].para == toks[as-1].para+1 && f.regAt[as] < 0 {
		pe := as
		for pe < len(toks) && toks[pe].para == toks[as].para {
			pe++
		}
		c0.cs, c0.ce = toks[as].s, toks[f.contentEnd(as, pe)-1].e
		f.add(c0)
		return
	}
	hasAfter := !inverted && f.words(as, end) >= 2
	leftB := spk.a == first || (spk.a > first && f.boundaryTok(spk.a-1))
	if inverted {
		leftB = v0 == first || f.boundaryTok(v0-1)
	}
	tailAt := r
	if e.flags&flagObj != 0 && !inverted {
		// "..., Cyril told The Huffington Post."
		if ob := f.objectNP(r, end); ob.ok() {
			tailAt = ob.b
		}
	}
	tail := f.shortTail(tailAt, end)
	if k := f.pastTime(tailAt, end); !inverted && !comp && k < end && adverbialMarks[toks[k].low] && toks[k].low != "so" {
		// "“...,” Quina Jones said as she marched": an adverbial clause
		// after the cue is no claim; the quotation before it is.
		tail, hasAfter = true, false
		if m := f.clauseAfter(k, end); m > 0 && spk.a == first && r == c+1 {
			// "Trump said after the convention he would not ...": a
			// short phrase, then the claim.
			as, comp, tail, hasAfter = m, true, false, true
		}
	}
	before := !participle && leftB && (inverted || (tail && !comp)) && (inverted && v0 > first || !inverted && spk.a > first)
	switch {
	case before:
		k := spk.a - 1
		if inverted {
			k = v0 - 1
		}
		if !f.contentBefore(&c0, first, k) {
			return
		}
		// "Acts of protest, Mr. Obama said, are acts of patriotism": the
		// claim goes on after the attribution.
		tailEnd := r
		if inverted {
			tailEnd = spk.b
		}
		for tailEnd < end && toks[tailEnd].low != "," {
			tailEnd++
		}
		if tailEnd+1 < end && c0.cs == toks[first].s && f.words(tailEnd+1, end) >= 3 {
			n := toks[tailEnd+1]
			// After an inverted speaker, only a predicate goes on with the
			// claim; a noun phrase there describes the speaker ("...,
			// said Mindy Romero, director of ...").
			if n.kind == tWord && f.lx.cues[n.low].lemma == "" && !tailStarts[n.low] && (!inverted || f.predicateAt(tailEnd+1)) {
				c0.ce = toks[end-1].e
			}
		}
		f.add(c0)
		return
	case hasAfter && e.flags&flagLate == 0:
		if e.flags&flagComp != 0 && !comp {
			return
		}
		if e.class == "evaluation" || e.class == "cognition" || e.class == "evidence" || e.class == "learned" {
			// These need a clause or an object of some length.
			if f.words(as, end) < 3 {
				return
			}
		}
		ce := end
		// "... and said ...": a second cue of the same subject ends the
		// first claim.
		for k := as + 1; k+1 < end; k++ {
			if (toks[k].low == "and" || toks[k].low == "but") && f.inReg[k] < 0 {
				n := k + 1
				for n < end && (advWords[toks[n].low] || auxWords[toks[n].low]) {
					n++
				}
				if n >= end {
					break
				}
				if ce2 := f.lx.cues[toks[n].low]; (ce2.class == "speech" || ce2.class == "cognition") && (e.class == "speech" || e.class == "cognition") && !possessives[toks[k-1].low] {
					ce = k
					if toks[k-1].low == "," {
						ce--
					}
					break
				}
			}
		}
		ce = f.clauseEnd(as, ce, e.class != "speech")
		if f.words(as, ce) < 2 {
			return
		}
		c0.cs, c0.ce = toks[as].s, toks[ce-1].e
		if !participle && !shared && spk.a > first && !subjPronouns[toks[spk.a].low] {
			p := spk.a - 1
			switch {
			case f.low(p) == "," && r < end && f.low(r) == "," && !f.discourseOnly(first, p):
				// "The Taliban, sources said, have ...": the claim wraps the
				// attribution (but not "And yet, aides say, ...").
				c0.cs = toks[first].s
			case f.isWord(p) && !f.boundaryTok(p) && f.inReg[p] < 0 && f.words(first, spk.a) >= 3 && !f.hasCue(first, spk.a) && tailStarts[toks[first].low] && toks[first].cap && !f.hasComma(first, spk.a):
				// A fronted phrase of the claim itself ("In exchange for money
				// ... western sources believe the Taliban ...").
				c0.cs = toks[first].s
			}
		}
		f.setDirect(&c0)
		f.add(c0)
	}
}

// pastTime skips a time phrase at token k ("Friday", "several months")
// before what follows a cue, at most four words.
func (f *finder) pastTime(k, end int) int {
	toks := f.sc.toks
	for n := 0; k < end && n < 4; k, n = k+1, n+1 {
		l := toks[k].low
		if !timeWords[l] && !timeUnits[l] && l != "several" && l != "few" && l != "two" && l != "three" {
			break
		}
	}
	return k
}

// clauseAfter returns where a clause starts after the short adverbial
// phrase opened at token k ("after the convention | he would ..."): a
// subject pronoun within six words, before any comma or verb; else -1.
func (f *finder) clauseAfter(k, end int) int {
	toks := f.sc.toks
	for m := k + 2; m < end && m-k <= 6; m++ {
		l := toks[m].low
		switch {
		case l == "he" || l == "she" || l == "they" || l == "we" || l == "i":
			if f.words(m, end) >= 4 {
				return m
			}
			return -1
		case toks[m].kind != tWord, f.isVerb(m), auxWords[l], subjPronouns[l]:
			return -1
		}
	}
	return -1
}

// timeUnits follow a count in a time phrase ("two days after").
var timeUnits = set("minutes", "hours", "days", "weeks", "months", "years", "day", "hour")

// relativeThat reports whether "that" at token k opens a relative clause
// (a verb right after it: "the meeting that was held"), not a complement.
func (f *finder) relativeThat(k int) bool {
	dts := f.doc.Tokens
	if k+1 >= len(f.sc.toks) || len(dts) != len(f.sc.of) || k == 0 {
		return false
	}
	switch dts[f.sc.toks[k+1].dt].POS {
	case "VERB", "AUX":
		return dts[f.sc.toks[k-1].dt].POS == "NOUN"
	}
	return false
}

// timeLike reports whether a noun phrase is a time ("Tuesday", "this
// month", "2010"), never a speaker.
func (f *finder) timeLike(sp span) bool {
	l := f.low(sp.a)
	if timeWords[l] || months[l] {
		return true
	}
	if l == "late" || l == "early" || l == "mid" {
		return sp.a+1 < sp.b && (months[f.low(sp.a+1)] || timeWords[f.low(sp.a+1)])
	}
	r := l[0]
	return r >= '0' && r <= '9' && sp.b-sp.a == 1
}

// months are the month names but "May", more often a name or a modal.
var months = set("january", "february", "march", "april", "june", "july", "august",
	"september", "october", "november", "december")

// asBefore returns the "as" that opens the phrase of a speaker starting at
// token a ("as one of Mr. Obama's climate advisers"), at most seven words
// back, or -1.
func (f *finder) asBefore(a, first int) int {
	for k := a - 1; k >= first && k >= a-7 && f.isWord(k); k-- {
		if f.low(k) == "as" {
			return k
		}
	}
	return -1
}

// predicateAt reports whether the words after token k (past a comma)
// open a predicate, a verb or an auxiliary ("X, according to Y, is Z"),
// rather than an aside ("..., according to Y, more than twice what ...").
// Without tags it says yes.
func (f *finder) predicateAt(k int) bool {
	toks := f.sc.toks
	for k < len(toks) && !f.isWord(k) {
		k++
	}
	if k >= len(toks) {
		return false
	}
	if auxWords[toks[k].low] || advWords[toks[k].low] {
		return true
	}
	dts := f.doc.Tokens
	if len(dts) != len(f.sc.of) {
		return true
	}
	switch dts[toks[k].dt].POS {
	case "VERB", "AUX", "":
		return true
	}
	return false
}

// discourseOnly reports whether tokens [a,b) are only connectives and
// punctuation ("And yet,", "But now,"), no part of a claim.
func (f *finder) discourseOnly(a, b int) bool {
	for i := a; i < b; i++ {
		if f.isWord(i) && !connectives[f.low(i)] {
			return false
		}
	}
	return true
}

// connectives open a sentence without belonging to its content.
var connectives = set("and", "but", "yet", "so", "still", "however", "meanwhile", "now", "indeed",
	"instead", "also", "moreover", "nonetheless", "nevertheless", "then", "thus", "or", "in", "fact",
	"for", "example", "instance", "of", "course", "at", "least", "after", "all", "even", "this",
	"time", "too", "again")

// hasComma reports whether tokens [a,b) hold a comma.
func (f *finder) hasComma(a, b int) bool {
	for i := a; i < b; i++ {
		if f.sc.toks[i].low == "," {
			return true
		}
	}
	return false
}

func (f *finder) hasCue(a, b int) bool {
	for i := a; i < b; i++ {
		if f.lx.cues[f.low(i)].lemma != "" {
			return true
		}
	}
	return false
}

// contentBefore sets the content of a final-cue frame ("CONTENT, X said"):
// the quotation that ends at boundary token k, or the sentence up to k.
func (f *finder) contentBefore(c *cand, first, k int) bool {
	toks := f.sc.toks
	// A quotation closing at k or just before the comma at k.
	for _, q := range []int{k, k - 1} {
		if q < 0 || toks[q].kind != tDQ {
			continue
		}
		if ri := f.inReg[q]; ri >= 0 && f.regs[ri].close == q {
			rg := f.regs[ri]
			if rg.open > first && f.words(first, rg.open) > 0 {
				// "As for complexity, ''broadening ...,'' said Mr. Kamin":
				// the sentence up to the quotation's end.
				c.cs, c.ce = toks[first].s, rg.e
				return true
			}
			c.cs, c.ce, c.direct = rg.s, rg.e, true
			return true
		}
	}
	if f.inReg[k] >= 0 {
		return false
	}
	b := k
	for b > first && !f.isWord(b-1) && !f.closes(b-1) {
		b--
	}
	if f.words(first, b) < 2 {
		return false
	}
	c.cs, c.ce = toks[first].s, toks[b-1].e
	f.setDirect(c)
	return true
}

// hasCueOutside reports whether tokens [a,b) outside regions hold a cue
// other than the one ending at own.
func (f *finder) hasCueOutside(a, b, own int) bool {
	for i := a; i < b; i++ {
		if f.inReg[i] < 0 && i != own-1 && f.lx.cues[f.low(i)].lemma != "" {
			return true
		}
	}
	return false
}

// setDirect marks a content span that is exactly one quotation.
func (f *finder) setDirect(c *cand) {
	for _, r := range f.regs {
		if !r.nested && r.s == c.cs && r.e == c.ce {
			c.direct = true
		}
	}
}

// shortTail reports whether the tokens [a,end) up to the first comma are an
// adverbial tail ("on Monday", "in a statement") rather than a clause.
func (f *finder) shortTail(a, end int) bool {
	toks := f.sc.toks
	if a >= end {
		return true
	}
	if toks[a].low == "," || toks[a].low == "(" || toks[a].low == "—" {
		return true
	}
	if !tailStarts[toks[a].low] && !timeWords[toks[a].low] {
		return false
	}
	n := 0
	for i := a; i < end; i++ {
		l := toks[i].low
		if l == "," || l == "(" || l == "—" {
			break
		}
		if (l == "that" && i == a) || l == ":" || toks[i].kind == tDQ || f.lx.cues[l].lemma != "" || subjPronouns[l] && l != "that" && l != "which" && l != "who" {
			return false
		}
		n++
		if n > 25 {
			return false
		}
	}
	return true
}

// build turns the candidates into quotes.
func (f *finder) build() []sitrep.Quote {
	order := make([]int, len(f.cands))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ca, cb := f.cands[order[a]], f.cands[order[b]]
		if ca.cs != cb.cs {
			return ca.cs < cb.cs
		}
		return ca.ce > cb.ce
	})
	speakers := make([]sitrep.Speaker, len(f.cands))
	done := make([]bool, len(f.cands))
	var resolve func(i int) sitrep.Speaker
	resolve = func(i int) sitrep.Speaker {
		if done[i] {
			return speakers[i]
		}
		done[i] = true
		c := f.cands[i]
		switch {
		case c.inherit >= 0:
			speakers[i] = resolve(c.inherit)
		default:
			speakers[i] = f.speaker(c)
		}
		return speakers[i]
	}
	// Resolve in text order of speakers so pronouns see earlier speakers.
	byPos := make([]int, len(f.cands))
	copy(byPos, order)
	sort.SliceStable(byPos, func(a, b int) bool { return f.anchor(byPos[a]) < f.anchor(byPos[b]) })
	f.resolved = f.resolved[:0]
	for _, i := range byPos {
		sp := resolve(i)
		if sp.End > 0 {
			f.resolved = append(f.resolved, sp)
		}
	}
	out := make([]sitrep.Quote, 0, len(order))
	for _, i := range order {
		c := f.cands[i]
		q := sitrep.Quote{
			Start:   c.cs,
			End:     c.ce,
			Text:    f.doc.Text[c.cs:c.ce],
			Direct:  c.direct,
			Speaker: speakers[i],
		}
		q.ID = "q" + strconv.Itoa(len(out)+1)
		if c.cue.ok() {
			q.Cue = sitrep.NullString(f.doc.Text[f.sc.toks[c.cue.a].s:f.sc.toks[c.cue.b-1].e])
		}
		q.Hedges = f.hedges(c)
		q.Hedged = len(q.Hedges) > 0
		out = append(out, q)
	}
	return out
}

// anchor is the byte offset a quote's speaker is read at.
func (f *finder) anchor(i int) int {
	c := f.cands[i]
	if c.spk.ok() {
		return f.sc.toks[c.spk.a].s
	}
	return c.cs
}

// clauseEnd cuts a reported clause [a, end) where the claim ends: before a
// dash, before ", saying ..."-like participles and non-restrictive
// relatives, and, for verbs that take an object rather than a clause
// ("criticized X", "cited Y"), at the first comma or a time adverbial.
func (f *finder) clauseEnd(a, end int, object bool) int {
	toks := f.sc.toks
	for k := a + 1; k < end; k++ {
		if f.inReg[k] >= 0 && f.inReg[a] != f.inReg[k] {
			continue
		}
		if f.inReg[k] >= 0 {
			continue
		}
		l := toks[k].low
		switch l {
		case "―", "—", "–", ";", "-", "--":
			return k
		case ",":
			if k+1 < end {
				n := toks[k+1]
				if object || n.kind == tWord && !n.cap && (strings.HasSuffix(n.low, "ing") && (f.lx.cues[n.low].lemma != "" || f.isVerb(k+1)) || n.low == "which" || n.low == "whose" || n.low == "but" && !f.sharedBut(k+1) || n.low == "with" || concessive[n.low]) {
					return k
				}
			}
		case "during", "after", "since", "following", "amid", "before":
			if object && k > a+1 {
				return k
			}
		}
	}
	return end
}

// sharedBut reports whether "but" at token k goes on the reported clause
// rather than the sentence: "said that A, but that B".
func (f *finder) sharedBut(k int) bool {
	return k+1 < len(f.sc.toks) && f.sc.toks[k+1].low == "that"
}

// fullQuote reports whether region rg runs to the end of the clause that
// ends at token end (or beyond it): a quotation, not a partial quote
// inside a longer reported clause.
func (f *finder) fullQuote(rg region, end int) bool {
	stop := rg.lim
	if rg.close >= 0 {
		stop = rg.close + 1
	}
	return stop >= end || f.words(stop, end) == 0
}
