package attrib

import (
	"sort"
	"strings"

	"github.com/sitrep/sitrep"
)

// roleNouns name a single identifiable person without a name
// ("Connecticut's tax commissioner").
var roleNouns = set("commissioner", "director", "chief", "leader", "candidate", "nominee",
	"senator", "lawyer", "attorney", "president", "governor", "minister", "secretary",
	"mayor", "chairman", "chairwoman", "chair", "ceo", "founder", "author", "host", "anchor",
	"manager", "strategist", "pollster", "economist", "professor", "ambassador", "envoy",
	"commander", "general", "judge", "prosecutor", "sheriff", "father", "mother", "wife",
	"husband", "son", "daughter", "brother", "sister", "friend", "widow", "owner", "chancellor",
	"speaker", "justice", "king", "queen", "prince", "pope", "cleric", "imam", "priest")

// speaker classifies and resolves the speaker of a candidate.
func (f *finder) speaker(c cand) sitrep.Speaker {
	if !c.spk.ok() {
		k := c.kind
		if k == "" {
			k = sitrep.SpeakerUnattributed
		}
		return sitrep.Speaker{Kind: k}
	}
	toks := f.sc.toks
	a, b := c.spk.a, c.spk.b
	sp := sitrep.Speaker{Start: toks[a].s, End: toks[b-1].e}
	sp.Text = f.doc.Text[sp.Start:sp.End]
	if b-a == 1 {
		switch l := toks[a].low; l {
		case "we", "i":
			if f.inReg[a] < 0 {
				sp.Kind = sitrep.SpeakerOutlet // the writer's own voice
				return sp
			}
		case "he", "she", "they", "it", "who", "which", "that":
			f.resolvePronoun(&sp, a, l)
			return sp
		}
	}
	f.classify(&sp, a, b)
	if c.kind != "" && sp.Actor == "" && sp.Kind != sitrep.SpeakerOutlet {
		sp.Kind = c.kind // the frame knows better ("WALLACE:" is a person)
	}
	return sp
}

// resolvePronoun points a pronoun speaker at the nearest preceding named
// speaker or actor of a fitting kind; the span stays on the pronoun.
func (f *finder) resolvePronoun(sp *sitrep.Speaker, a int, l string) {
	toks := f.sc.toks
	if l == "who" || l == "which" || l == "that" {
		// A relative pronoun refers to the phrase before it.
		j := a - 1
		if j >= 0 && toks[j].low == "," {
			j--
		}
		if j >= 0 && toks[j].kind == tWord {
			np := f.npLeft(j, f.sc.sents[f.sentOf[j]][0])
			var ante sitrep.Speaker
			ante.Start, ante.End = toks[np.a].s, toks[np.b-1].e
			f.classify(&ante, np.a, np.b)
			sp.Kind, sp.Actor, sp.Descriptor = ante.Kind, ante.Actor, ante.Descriptor
			return
		}
		sp.Kind = sitrep.SpeakerUnattributed
		return
	}
	wantPerson := l == "he" || l == "she"
	pos := toks[a].s
	best, bestPos := sitrep.Speaker{}, -1
	for _, r := range f.resolved {
		if r.Start >= pos || r.Start <= bestPos {
			continue
		}
		switch r.Kind {
		case sitrep.SpeakerNamedPerson:
			if !wantPerson && l == "it" {
				continue
			}
		case sitrep.SpeakerNamedOrg:
			if wantPerson {
				continue
			}
		case sitrep.SpeakerAnonymous:
			if l != "they" {
				continue
			}
		default:
			continue
		}
		best, bestPos = r, r.Start
	}
	for _, ac := range f.doc.Actors {
		isPerson := ac.Type == sitrep.ActorPerson
		if wantPerson != isPerson || l == "they" && isPerson {
			continue
		}
		for _, m := range ac.Mentions {
			if m.End <= pos && m.Start > bestPos {
				k := sitrep.SpeakerNamedOrg
				if isPerson {
					k = sitrep.SpeakerNamedPerson
				}
				best, bestPos = sitrep.Speaker{Kind: k, Actor: sitrep.NullString(ac.ID)}, m.Start
			}
		}
	}
	if bestPos >= 0 && pos-bestPos < 3000 {
		sp.Kind, sp.Actor, sp.Descriptor = best.Kind, best.Actor, best.Descriptor
		return
	}
	switch l {
	case "he", "she":
		sp.Kind = sitrep.SpeakerNamedPerson
	case "it":
		sp.Kind = sitrep.SpeakerNamedOrg
	default:
		sp.Kind = sitrep.SpeakerUnattributed
	}
}

// descPriority orders anonymous descriptors from most to least specific.
var descPriority = []string{"intelligence", "military", "diplomatic", "security", "police",
	"official", "campaign", "western"}

// classify sets the kind, actor and descriptor of a noun-phrase speaker
// over tokens [a,b).
func (f *finder) classify(sp *sitrep.Speaker, a, b int) {
	toks := f.sc.toks
	head := toks[b-1].low
	if id := f.actorAt(sitrep.Span{Start: sp.Start, End: sp.End}, toks[b-1].s); id != nil {
		sp.Actor = sitrep.NullString(id.ID)
		if id.Type == sitrep.ActorPerson {
			sp.Kind = sitrep.SpeakerNamedPerson
		} else {
			sp.Kind = sitrep.SpeakerNamedOrg
		}
	}
	// The outlet naming itself.
	if f.isOutlet(a, b) {
		sp.Kind, sp.Actor = sitrep.SpeakerOutlet, ""
		return
	}
	// Unnamed sources: an anonymous head with no personal name. The head
	// is the last word, or the one a descriptive tail follows ("sources
	// familiar with ...").
	hi := b - 1
	for i := a; i < b-1; i++ {
		if r := f.lx.anon[toks[i].low].role; (r == "head" || r == "group") && anonPost[toks[i+1].low] {
			hi, head = i, toks[i].low
			break
		}
	}
	w := f.lx.anon[head]
	if w.role == "" && f.anonymityAhead(a, b) {
		// "Two aid workers who spoke on condition of anonymity".
		for i := a; i < b; i++ {
			if toks[i].low == "who" && i > a {
				hi, head = i-1, toks[i-1].low
				w = anonWord{role: "head", desc: strings.TrimSuffix(head, "s")}
				break
			}
		}
	}
	if w.role == "head" || w.role == "group" {
		if !f.hasName(a, hi) {
			sp.Kind, sp.Actor = sitrep.SpeakerAnonymous, ""
			if id := f.actorAt(sitrep.Span{Start: sp.Start, End: toks[hi].e}, toks[hi].s); id != nil {
				sp.Actor = sitrep.NullString(id.ID) // "Chinese officials": affiliation
			}
			desc := ""
			for _, d := range descPriority {
				for i := a; i <= hi; i++ {
					if f.lx.anon[toks[i].low].desc == d && f.lx.anon[toks[i].low].role != "group" {
						desc = d
						break
					}
				}
				if desc != "" {
					break
				}
			}
			if desc == "" {
				desc = w.desc
			}
			sp.Descriptor = sitrep.NullString(desc)
			return
		}
	}
	if sp.Kind != "" {
		return
	}
	caps, org, title := 0, false, false
	for i := a; i < b; i++ {
		t := toks[i]
		if orgWords[t.low] || (t.cap && isUpperWord(f.doc.Text[t.s:t.e]) && len(t.low) <= 5) {
			org = true
		}
		if personTitles[t.low] {
			title = true
		}
		if t.cap {
			caps++
		}
	}
	switch {
	case title && toks[b-1].cap:
		sp.Kind = sitrep.SpeakerNamedPerson
	case org:
		sp.Kind = sitrep.SpeakerNamedOrg
	case caps > 0 && toks[b-1].cap:
		sp.Kind = sitrep.SpeakerNamedPerson
	case roleNouns[head]:
		sp.Kind = sitrep.SpeakerNamedPerson
	case caps == 0 && b-a <= 3 && strings.HasSuffix(head, "s") && !determiners[toks[a].low]:
		// "analysts", "local traders": an unnamed group.
		sp.Kind = sitrep.SpeakerAnonymous
		sp.Descriptor = sitrep.NullString(strings.TrimSuffix(head, "s"))
	default:
		sp.Kind = sitrep.SpeakerNamedOrg
	}
}

// hasName reports whether tokens [a,b) hold two capitalised words in a row
// that are not source modifiers: a personal name ("Kenneth Baer").
func (f *finder) hasName(a, b int) bool {
	toks := f.sc.toks
	run := 0
	for i := a; i < b; i++ {
		t := toks[i]
		if t.cap && f.lx.anon[t.low].role == "" && !anonAdj[t.low] && !orgWords[t.low] && !(i == a && determiners[t.low]) {
			run++
			if run >= 2 {
				return true
			}
			continue
		}
		run = 0
	}
	return false
}

// isOutlet reports whether tokens [a,b) name the publication itself.
func (f *finder) isOutlet(a, b int) bool {
	toks := f.sc.toks
	if len(f.outlet) == 0 {
		return false
	}
	hit := false
	for i := a; i < b; i++ {
		l := strings.TrimSuffix(strings.TrimSuffix(toks[i].low, "'s"), "’s")
		switch {
		case f.outlet[l]:
			hit = true
		case l == "the" || l == "daily" || l == "sunday" || l == "online":
		default:
			return false
		}
	}
	return hit
}

// actorAt returns the actor with a mention overlapping s, preferring one
// that covers byte head.
func (f *finder) actorAt(s sitrep.Span, head int) *sitrep.Actor {
	var best *sitrep.Actor
	for i := range f.doc.Actors {
		ac := &f.doc.Actors[i]
		for _, m := range ac.Mentions {
			if !m.Span().Overlaps(s) {
				continue
			}
			if m.Start <= head && head < m.End {
				return ac
			}
			if best == nil {
				best = ac
			}
		}
	}
	return best
}

// orphans gives quotations with no cue of their own the speaker of the
// quote before them in the same or the previous two paragraphs
// ("He added: ..." followed by a quoted paragraph).
func (f *finder) orphans() {
	toks := f.sc.toks
	for _, r := range f.regs {
		if r.nested || r.single || f.words(r.first, r.lim) < 2 {
			continue
		}
		whole := f.wholeSentences(r)
		covered := false
		prev := -1
		for ci, c := range f.cands {
			if c.cs < r.e && r.s < c.ce {
				covered = true
				break
			}
			if c.ce <= r.s && (prev < 0 || c.ce > f.cands[prev].ce) && !c.nested {
				prev = ci
			}
		}
		if covered {
			continue
		}
		if prev >= 0 && !f.cands[prev].direct && f.cands[prev].spk.ok() {
			// "“A,” he said, referring to B. “C.”": C goes on the
			// quotation of the same speaker mention, not on the aside.
			for ci, c := range f.cands {
				if c.direct && c.spk == f.cands[prev].spk && c.para == f.cands[prev].para && c.ce <= r.s {
					prev = ci
				}
			}
		}
		if !whole && prev >= 0 && f.cands[prev].direct && f.cands[prev].para == toks[r.open].para && f.continues(r, f.cands[prev]) {
			// "“A,” said X. “B” for the top bracket." or "“A,” he said,
			// but “B.”": the same speaker goes on.
			pc := f.cands[prev]
			s := f.sc.sents[f.sentOf[r.open]]
			ce := r.e
			if r.close >= 0 && f.sentOf[r.close] == f.sentOf[r.open] && s[0] == r.open {
				if end := f.contentEnd(s[0], s[1]); end > r.close+1 {
					ce = toks[end-1].e
				}
			}
			f.cands = append(f.cands, cand{cs: r.s, ce: ce, spk: none, cue: pc.cue, direct: true, inherit: prev, para: toks[r.open].para})
			continue
		}
		if !whole && f.words(r.first, r.lim) >= 3 {
			// A phrase quoted in narrative ("Reid went after Trump as a
			// “human leech”"): the sentence's subject said it.
			s := f.sc.sents[f.sentOf[r.open]]
			if sp := f.subjectOf(s[0], r.open); sp.ok() && (toks[sp.a].cap || subjPronouns[toks[sp.a].low]) && sp.b <= r.open {
				c := cand{cs: r.s, ce: r.e, spk: sp, cue: none, direct: true, inherit: -1, para: toks[r.open].para}
				// The verb after the subject ("described Clinton as ...")
				// starts the claim when it is close to the quotation.
				v := sp.b
				for v < r.open && (auxWords[toks[v].low] || advWords[toks[v].low]) {
					v++
				}
				if v < r.open && toks[v].kind == tWord && !toks[v].cap && v+1 < r.open && f.words(v+1, r.open) <= 8 {
					c.cs, c.cue, c.direct = toks[v+1].s, span{v, v + 1}, false
				}
				f.cands = append(f.cands, c)
			}
			continue
		}
		if !whole {
			continue
		}
		if prev < 0 {
			continue
		}
		if n := f.words(r.first, r.lim); n < 2 || n < 4 && toks[r.open].para != f.cands[prev].para {
			continue
		}
		pc := f.cands[prev]
		if !pc.spk.ok() && pc.inherit < 0 {
			continue
		}
		if toks[r.open].para-pc.para > 2 {
			continue
		}
		// The cue of the quote it continues governs it too.
		f.cands = append(f.cands, cand{cs: r.s, ce: r.e, spk: none, cue: pc.cue, direct: true, inherit: prev, para: toks[r.open].para})
	}
}

// continues reports whether quotation r goes on the direct quote pc
// before it: r opens the next sentence, or only "but"/"and" stand between
// pc's cue (with its speaker) and r.
func (f *finder) continues(r region, pc cand) bool {
	toks := f.sc.toks
	s := f.sc.sents[f.sentOf[r.open]]
	if s[0] == r.open {
		return pc.ce <= toks[r.open].s && f.sentOf[r.open] > 0 && pc.cs >= toks[f.sc.sents[f.sentOf[r.open]-1][0]].s
	}
	if !pc.cue.ok() {
		return false
	}
	end := max(pc.cue.b, pc.spk.b)
	if f.sentOf[end] != f.sentOf[r.open] {
		return false
	}
	plain := true
	for k := end; k < r.open; k++ {
		switch toks[k].low {
		case ",", "but", "and", "then", "adding", "continuing":
		default:
			plain = false
		}
	}
	if plain {
		return true
	}
	// "“A,” Schiff told Capital Download on Wednesday, “but B.”": a short
	// adverbial or participle between the cue and the quotation, set off
	// by a comma, with no clause of its own.
	// A reporting verb there ("adding later, “B”") opens an attribution
	// of its own.
	if r.open-end > 16 || toks[r.open-1].low != "," {
		return false
	}
	for k := end; k < r.open; k++ {
		if t := toks[k]; t.kind == tDQ || subjPronouns[t.low] || auxWords[t.low] || f.lx.cues[t.low].class != "" && f.lx.cues[t.low].class != "learned" {
			return false
		}
	}
	return true
}

// partials adds the quotations inside an indirect claim ("declared it is
// 'deeply concerned'") as direct quotes of the same speaker, nested in it.
func (f *finder) partials() {
	n := len(f.cands)
	for _, r := range f.regs {
		if r.nested || f.words(r.first, r.lim) < 2 {
			continue
		}
		for ci := 0; ci < n; ci++ {
			c := f.cands[ci]
			if c.direct || c.nested || !(c.cs <= r.s && r.e <= c.ce) || (c.cs == r.s && c.ce == r.e) {
				continue
			}
			f.cands = append(f.cands, cand{cs: r.s, ce: r.e, spk: none, cue: c.cue, direct: true, inherit: ci, nested: true, para: c.para})
			break
		}
	}
}

// hedges lists the hedging cues on a candidate: in its verb group and its
// content, in text order, each once.
func (f *finder) hedges(c cand) []string {
	var out []string
	addH := func(h string) {
		for _, o := range out {
			if o == h {
				return
			}
		}
		out = append(out, h)
	}
	if c.hedge != "" {
		addH(c.hedge)
	}
	toks := f.sc.toks
	scan := func(a, b int) {
		for i := a; i < b; i++ {
			var long []string
			if toks[i].cap && toks[i].low == "may" {
				continue // the month
			}
			for _, ph := range f.lx.hedges[toks[i].low] {
				if len(ph) > len(long) && f.phraseAt(i, ph) {
					long = ph
				}
			}
			if long != nil {
				addH(strings.Join(long, " "))
				i += len(long) - 1 // "it is believed" is one hedge, not two
			}
		}
	}
	if c.cue.ok() && !c.nested {
		scan(c.cue.a, c.cue.b)
	}
	a := sort.Search(len(toks), func(i int) bool { return toks[i].s >= c.cs })
	b := sort.Search(len(toks), func(i int) bool { return toks[i].e > c.ce })
	scan(a, b)
	return out
}

// wholeSentences reports whether region r starts a sentence and ends one:
// a quotation standing on its own, not a phrase quoted inside narrative.
func (f *finder) wholeSentences(r region) bool {
	toks := f.sc.toks
	s := f.sc.sents[f.sentOf[r.open]]
	if r.open != s[0] {
		return false
	}
	stop := r.lim
	if r.close >= 0 {
		stop = r.close + 1
	}
	if stop >= len(toks) {
		return true
	}
	e := f.sc.sents[f.sentOf[stop-1]]
	return f.words(stop, e[1]) == 0
}
