package attrib

import "strings"

// npLeft returns the noun phrase ending at token j, scanning left no
// further than first. Heads naming unnamed sources ("sources") take only
// modifiers that describe a source, so "arms and supplies western sources"
// yields "western sources".
func (f *finder) npLeft(j, first int) span {
	toks := f.sc.toks
	head := toks[j].low
	anon := f.lx.anon[head].role == "head" || f.lx.anon[head].role == "group"
	k := j
	chain := true // only tagged nouns so far between k and the head
	for k-1 >= first && j-k < 8 {
		t := toks[k-1]
		if t.kind != tWord {
			break
		}
		l := t.low
		if anon {
			_, ok := f.lx.anon[l]
			known := ok || anonAdj[l] || t.cap || isNumber(l)
			if (known || chain && f.nounModifier(k-1)) && !(npStop[l] && !determiners[l]) {
				chain = chain && !known
				k--
				if determiners[l] {
					break
				}
				continue
			}
			break
		}
		if determiners[l] {
			k--
			if k-2 >= first && toks[k-1].low == "of" && toks[k-2].kind == tWord && toks[k-2].cap && !npStop[toks[k-2].low] {
				k-- // "Mr. Morgan of | the Sierra Club"
				continue
			}
			break
		}
		if l == "of" && k-2 >= first && toks[k-2].kind == tWord && !npStop[toks[k-2].low] {
			k--
			continue
		}
		if l == "and" && k-2 >= first && toks[k-2].cap && toks[k].cap {
			k--
			continue
		}
		if npStop[l] || auxWords[l] || subjPronouns[l] || f.lx.cues[l].lemma != "" {
			break
		}
		// A lower-case word before a name is kept only as a title
		// ("spokesman Josh Earnest"); before a common noun it may be an
		// adjective ("tax commissioner").
		k--
	}
	return span{k, j + 1}
}

// nounModifier reports whether token k is a tagged noun or adjective
// that can modify the head after it ("election officials", "a school
// spokesman", "the prime minister's spokesman").
func (f *finder) nounModifier(k int) bool {
	dts := f.doc.Tokens
	t := f.sc.toks[k]
	if len(dts) != len(f.sc.of) || auxWords[t.low] || subjPronouns[t.low] || f.lx.cues[t.low].lemma != "" {
		return false
	}
	switch dts[t.dt].POS {
	case "NOUN", "ADJ", "PROPN":
		return true
	}
	return false
}

func isNumber(l string) bool {
	return l != "" && l[0] >= '0' && l[0] <= '9'
}

// npRight returns the noun phrase starting at token a: a pronoun, or a run
// of a determiner, capitalised words and nouns, ending before a
// preposition, a clause word or punctuation.
func (f *finder) npRight(a, end int) span {
	return f.npRightMode(a, end, false)
}

// npRightMode is npRight; lenient accepts a lower-case phrase without a
// determiner ("according to exit polls").
func (f *finder) npRightMode(a, end int, lenient bool) span {
	toks := f.sc.toks
	if a >= end || toks[a].kind != tWord {
		return none
	}
	l := toks[a].low
	if l == "he" || l == "she" || l == "they" || l == "we" || l == "i" || l == "it" {
		return span{a, a + 1}
	}
	if (npStop[l] && !determiners[l]) || auxWords[l] || subjPronouns[l] {
		return none
	}
	if !lenient && !toks[a].cap && !determiners[l] && f.lx.anon[l].role == "" {
		// A lower-case start must at least look like a noun phrase head.
		if f.lx.cues[l].lemma != "" {
			return none
		}
	}
	k := a
	named := false
	for k < end && k-a < 10 {
		t := toks[k]
		if t.kind != tWord {
			break
		}
		l := t.low
		if k > a && (npStop[l] || auxWords[l] || determiners[l] && l != "the") {
			if l == "of" && k+1 < end && toks[k+1].kind == tWord && (toks[k+1].cap || determiners[toks[k+1].low]) {
				k++
				continue
			}
			if determiners[l] && toks[k-1].low == "of" && k+1 < end && toks[k+1].kind == tWord {
				k++ // "one of those advisers"
				continue
			}
			break
		}
		if k > a && f.lx.cues[l].lemma != "" {
			break
		}
		if t.cap {
			named = true
		}
		k++
	}
	if k == a || (!lenient && !named && f.lx.anon[toks[k-1].low].role == "" && !determiners[toks[a].low]) {
		return none
	}
	return span{a, k}
}

// objectNP returns the object pronoun or noun phrase at token a.
func (f *finder) objectNP(a, end int) span {
	if a < end && f.sc.toks[a].kind == tWord {
		switch f.sc.toks[a].low {
		case "him", "her", "them", "us", "me", "you", "reporters", "journalists", "supporters", "voters":
			return span{a, a + 1}
		}
	}
	return f.npRight(a, end)
}

// objectRight returns the indirect object after a verb like "told": a
// pronoun or a short noun phrase, when a complement follows it.
func (f *finder) objectRight(a, end int) span {
	toks := f.sc.toks
	if a >= end || toks[a].kind != tWord {
		return none
	}
	switch toks[a].low {
	case "him", "her", "them", "us", "me", "you", "reporters", "journalists", "supporters", "voters", "police", "investigators", "lawmakers", "congress", "parliament":
		return span{a, a + 1}
	}
	sp := f.npRight(a, end)
	if !sp.ok() {
		return none
	}
	if sp.b < len(toks) {
		l := toks[sp.b].low
		if l == ":" || l == "," || l == "that" || toks[sp.b].kind == tDQ || subjPronouns[l] || tailStarts[l] || timeWords[l] {
			return sp
		}
	}
	return none
}

// appositive finds the speaker of "X, the Y of Z, said": comma-separated
// noun-phrase segments before the verb; the speaker is the first of them.
func (f *finder) appositive(j, first int) span {
	toks := f.sc.toks
	segEnd := j // exclusive end of the current segment (the comma)
	best := none
	for n := 0; n < 3; n++ {
		k := segEnd - 1
		for k >= first && toks[k].low != "," && toks[k].kind != tDQ && toks[k].low != "—" && toks[k].low != ":" && toks[k].low != "(" {
			k--
		}
		a := k + 1
		if a >= segEnd || segEnd-a > 16 {
			break
		}
		l := toks[a].low
		if f.inReg[a] >= 0 {
			break
		}
		if strings.HasSuffix(l, "ing") && !toks[a].cap && !best.ok() && n == 0 {
			// "Trump, speaking to veterans, said": skip the participle.
			if k < first || toks[k].low != "," {
				break
			}
			segEnd = k
			continue
		}
		if f.hasCue(a, segEnd) {
			break
		}
		if strings.HasSuffix(l, "ing") || strings.HasSuffix(l, "ed") && a == first {
			break // a participial phrase ("Speaking to reporters, ...")
		}
		if (l == "but" || l == "and" || l == "yet" || l == "so") && a+1 < segEnd {
			a++
			l = toks[a].low
		}
		if toks[a].cap || determiners[l] || isNumber(l) || f.lx.anon[l].role != "" {
			// A name or a determined phrase can be the speaker; a
			// lower-case segment only describes one ("director of X").
			if sp := f.npRight(a, segEnd); sp.ok() {
				best = sp
			}
		}
		if k < first || toks[k].low != "," {
			break
		}
		segEnd = k
	}
	return best
}

// subjectOf returns the subject of the clause before token j, for
// participial cues ("Trump hit back, saying ...").
func (f *finder) subjectOf(first, j int) span {
	toks := f.sc.toks
	a := first
	if a < j && npStop[toks[a].low] {
		// Skip a fronted adverbial up to its comma.
		for a < j && toks[a].low != "," {
			a++
		}
		a++
	}
	for a < j && toks[a].kind != tWord {
		a++
	}
	if a >= j {
		return none
	}
	return f.npRight(a, j)
}

// anonTail widens a subject that ends a descriptive tail back to the
// unnamed speaker it describes: "sources familiar with the negotiations",
// "officials who spoke on condition of anonymity", "officials in Kabul".
func (f *finder) anonTail(sp span, first int) span {
	if !sp.ok() {
		return sp
	}
	toks := f.sc.toks
	for h := sp.a - 1; h >= first && sp.b-h <= 14; h-- {
		t := toks[h]
		if t.kind != tWord || f.inReg[h] >= 0 {
			return sp
		}
		if r := f.lx.anon[t.low].role; (r == "head" || r == "group") && h+1 < len(toks) && anonPost[toks[h+1].low] {
			head := f.npLeft(h, first)
			return span{head.a, sp.b}
		}
		if f.lx.cues[t.low].lemma != "" && !determiners[f.low(max(h-1, first))] {
			return sp
		}
	}
	// "Two aid workers who spoke on condition of anonymity": whatever the
	// head, the relative clause marks an unnamed speaker.
	for w := sp.a - 1; w >= first && sp.b-w <= 16; w-- {
		if toks[w].kind != tWord || toks[w].low == "," {
			break
		}
		if toks[w].low == "who" && w > first && toks[w-1].kind == tWord && f.anonymityAhead(w, sp.b) {
			head := f.npLeft(w-1, first)
			return span{head.a, sp.b}
		}
	}
	// "Officials in Kabul": a short prepositional phrase after a head.
	if p := sp.a - 1; p-1 >= first && (toks[p].low == "in" || toks[p].low == "at" || toks[p].low == "from" || toks[p].low == "for") && toks[p-1].kind == tWord && f.lx.anon[toks[p-1].low].role != "" {
		head := f.npLeft(p-1, first)
		return span{head.a, sp.b}
	}
	return sp
}

// anonymityAhead reports whether tokens [a,b) say the speaker is unnamed
// ("on condition of anonymity", "not authorized to speak").
func (f *finder) anonymityAhead(a, b int) bool {
	for i := a; i < b; i++ {
		switch f.sc.toks[i].low {
		case "anonymity", "anonymously", "authorized", "authorised", "unnamed":
			return true
		}
	}
	return false
}
