// Package chunk parses sentences into Universal Dependencies trees and
// derives from them the clause structure later stages read: noun phrases,
// verb groups and prepositional phrases with heads, grammatical roles,
// voice, negation, coordination, relative clauses and control (see
// sitrep.Chunk).
//
// The "chunk" stage runs the parser (an arc-eager averaged perceptron,
// models/parse.bin) on each sentence tagged by the "pos" stage, fills
// Token.Head and Token.Dep, and then Build derives the chunks by rule:
//   - an NP is a nominal head with its determiners, adjectives, compounds,
//     numbers and name parts (flat); a full possessor ("Helmand's") is a
//     separate NP with Role "poss" and Of pointing at the possessed NP,
//     while possessive pronouns stay inside the NP ("its bid");
//   - a VP is a predicate with its auxiliaries, the adverbs between them,
//     and a directly following particle ("has been secretly backing",
//     "crack down"); a copular clause's VP is its copula group, and the
//     predicate noun is an NP with Role "attr";
//   - a PP spans a preposition and its NP; roles live on the NP;
//   - coordinated NPs are separate chunks sharing Coord, role, Prep and
//     attachment; relative pronouns point at their antecedent (Ref), and
//     understood arguments (antecedents, controllers of infinitives and
//     participles, shared subjects) are listed in Chunk.Extra.
//
// Args gathers all arguments of a verb group in one call.
package chunk

import (
	"slices"
	"strings"

	"github.com/sitrep/sitrep"
)

// sent is one parsed sentence seen through local token indices.
type sent struct {
	toks  []sitrep.Token
	base  int // index of toks[0] in Doc.Tokens
	head  []int
	kids  [][]int
	lower []string
}

func (s *sent) dep(i int) string  { return s.toks[i].Dep }
func (s *sent) upos(i int) string { return s.toks[i].POS }

func (s *sent) child(h int, deps ...string) int {
	for _, k := range s.kids[h] {
		if slices.Contains(deps, s.toks[k].Dep) {
			return k
		}
	}
	return -1
}

func baseDep(d string) string {
	if i := strings.IndexByte(d, ':'); i >= 0 {
		return d[:i]
	}
	return d
}

// isPred reports whether token i heads a clause with a verb group.
func (s *sent) isPred(i int) bool {
	if s.child(i, "cop") >= 0 {
		return true
	}
	if s.upos(i) != "VERB" && s.upos(i) != "AUX" && s.child(i, "obj", "nsubj:pass", "aux:pass") >= 0 {
		return true // only verbs take objects: a tagging error
	}
	u := s.upos(i)
	if u != "VERB" && u != "AUX" {
		return false
	}
	switch s.dep(i) {
	case "aux", "aux:pass", "cop", "amod", "compound", "case", "mark", "fixed", "flat", "det", "discourse", "goeswith", "cc":
		return false
	}
	return true
}

// isNom reports whether token i heads a noun phrase.
func (s *sent) isNom(i int) bool {
	d := s.dep(i)
	switch baseDep(d) {
	case "compound", "flat", "fixed", "det", "amod", "goeswith", "case", "mark", "cc", "punct", "aux", "cop", "advmod", "discourse", "reparandum":
		return false
	case "nummod":
		return false
	}
	x := s.toks[i].Tag
	if x == "PRP$" || x == "WP$" {
		return false
	}
	switch s.upos(i) {
	case "NOUN", "PROPN", "PRON", "NUM":
		return true
	case "ADJ", "DET", "X", "SYM":
		switch baseDep(d) {
		case "nsubj", "obj", "iobj", "obl", "nmod", "appos", "conj":
			return s.upos(i) != "ADJ" || s.child(i, "det") >= 0 || baseDep(d) != "conj"
		}
	}
	return false
}

var negWords = map[string]bool{"not": true, "n't": true, "never": true, "no": true}

// particles are adverbs that belong to the verb group when they follow the
// verb directly ("crack down", "cash in", "stepped up").
var particles = map[string]bool{"in": true, "out": true, "up": true, "down": true, "off": true, "on": true, "over": true, "back": true, "away": true}

// objectControl verbs make their object the subject of a following
// infinitive ("getting organisations to outlaw", "urged Iran to stop").
var objectControl = map[string]bool{
	"get": true, "persuade": true, "force": true, "ask": true, "urge": true, "tell": true, "allow": true,
	"encourage": true, "order": true, "help": true, "enable": true, "pressure": true, "push": true,
	"convince": true, "invite": true, "require": true, "compel": true, "cause": true, "permit": true,
	"instruct": true, "oblige": true, "press": true, "lead": true, "prompt": true, "warn": true,
	"advise": true, "authorize": true, "authorise": true, "call": true, "pressurise": true,
}

// exemplars are prepositions whose NP gives examples of the NP it
// modifies, and so shares its roles ("organisations such as the Taliban").
var exemplars = map[string]bool{"such as": true, "including": true, "like": true, "especially": true}

// Build appends the chunks of one parsed sentence (tokens doc.Tokens
// [first, limit) with Head and Dep set) to doc.Chunks.
func Build(doc *sitrep.Doc, si, first, limit int) {
	n := limit - first
	if n <= 0 {
		return
	}
	s := &sent{toks: doc.Tokens[first:limit], base: first, head: make([]int, n), kids: make([][]int, n), lower: make([]string, n)}
	for i := range s.toks {
		h := s.toks[i].Head
		if h >= first && h < limit && h != first+i {
			s.head[i] = h - first
		} else {
			s.head[i] = -1
		}
		w := s.toks[i].Norm
		if w == "" {
			w = s.toks[i].Text
		}
		s.lower[i] = strings.ToLower(w)
	}
	for i, h := range s.head {
		if h >= 0 {
			s.kids[h] = append(s.kids[h], i)
		}
	}
	var ch []sitrep.Chunk
	vpOf := make([]int, n)
	npOf := make([]int, n)
	for i := range n {
		vpOf[i], npOf[i] = -1, -1
	}
	newChunk := func(kind string, f, l, h int) int {
		ch = append(ch, sitrep.Chunk{Kind: kind, First: f, Limit: l, Head: h, Sentence: si, Verb: -1, Of: -1, Ref: -1})
		return len(ch) - 1
	}

	// Verb groups.
	for p := range n {
		if !s.isPred(p) {
			continue
		}
		v := p
		if c := s.child(p, "cop"); c >= 0 {
			v = c
		}
		member := map[int]bool{v: true}
		lo, hi := v, v
		for _, k := range s.kids[p] {
			switch s.dep(k) {
			case "aux", "aux:pass", "cop":
				if k < v {
					member[k] = true
					lo = min(lo, k)
				}
			}
		}
		for _, k := range s.kids[p] {
			if (s.dep(k) == "advmod" || s.upos(k) == "PART") && k > lo && k < v {
				member[k] = true
			}
			if k == hi+1 && (s.dep(k) == "compound:prt" || (s.dep(k) == "advmod" && (s.toks[k].Tag == "RP" || particles[s.lower[k]]))) {
				member[k] = true
				hi = k
			}
		}
		for k := v - 1; k > lo; k-- {
			if !member[k] {
				lo = k + 1
				break
			}
		}
		c := newChunk(sitrep.ChunkVP, lo, hi+1, v)
		vpOf[p] = c
		vp := &ch[c]
		vp.Voice = "active"
		for _, k := range s.kids[p] {
			switch s.dep(k) {
			case "aux:pass", "nsubj:pass", "csubj:pass", "obl:agent":
				vp.Voice = "passive"
			case "advmod", "neg", "aux":
				if negWords[s.lower[k]] && k < v+2 {
					vp.Neg = true
				}
			}
			if s.dep(k) == "aux" || s.dep(k) == "aux:pass" {
				for _, kk := range s.kids[k] {
					if negWords[s.lower[kk]] {
						vp.Neg = true
					}
				}
			}
		}
		if s.toks[p].Tag == "VBN" && s.child(p, "aux", "aux:pass", "cop") < 0 {
			switch s.dep(p) {
			case "acl", "amod":
				vp.Voice = "passive"
			case "conj", "advcl":
				if h := s.head[p]; h >= 0 && vpOf[h] >= 0 && ch[vpOf[h]].Voice == "passive" {
					vp.Voice = "passive"
				}
			}
		}
	}

	// Noun phrases.
	inSub := func(root int, member []bool) {
		stack := []int{root}
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if member[x] {
				continue // already in (or the head itself)
			}
			member[x] = true
			for _, k := range s.kids[x] {
				if s.isNom(k) && s.dep(k) == "nmod:poss" {
					continue // a full possessor is its own NP
				}
				stack = append(stack, k)
			}
		}
	}
	member := make([]bool, n)
	for h := range n {
		if !s.isNom(h) {
			continue
		}
		clear(member)
		member[h] = true
		for _, k := range s.kids[h] {
			d := s.dep(k)
			switch {
			case k < h && (slices.Contains([]string{"det", "det:predet", "amod", "compound", "nummod", "flat", "fixed", "nmod:poss", "nmod:npmod", "obl:npmod", "nmod:unmarked"}, d) || (d == "punct" && (s.lower[k] == "-" || s.lower[k] == "--"))):
				if d == "nmod:poss" && s.isNom(k) {
					continue
				}
				inSub(k, member)
			case k > h && (slices.Contains([]string{"flat", "compound", "fixed", "goeswith"}, d) || (d == "case" && s.toks[k].Tag == "POS")):
				inSub(k, member)
			}
		}
		lo, hi := h, h
		for lo > 0 && member[lo-1] {
			lo--
		}
		for hi+1 < n && member[hi+1] {
			hi++
		}
		c := newChunk(sitrep.ChunkNP, lo, hi+1, h)
		npOf[h] = c
	}

	// prepOf returns the preposition of nominal h, multiword ones joined
	// ("along with", "such as"), and its first token.
	prepOf := func(h int) (string, int) {
		var words []string
		first := -1
		for _, k := range s.kids[h] {
			if s.dep(k) != "case" || k > h || s.toks[k].Tag == "POS" {
				continue
			}
			if first < 0 {
				first = k
			}
			words = append(words, s.lower[k])
			for _, f := range s.kids[k] {
				if s.dep(f) == "fixed" {
					words = append(words, s.lower[f])
				}
			}
		}
		return strings.Join(words, " "), first
	}
	clauseVP := func(h int) int {
		if h < 0 {
			return -1
		}
		return vpOf[h]
	}

	// Roles of noun phrases from their relation to the governor.
	for h := range n {
		c := npOf[h]
		if c < 0 {
			continue
		}
		g := s.head[h]
		np := &ch[c]
		d := s.dep(h)
		switch baseDep(d) {
		case "nsubj":
			np.Role, np.Verb = "subj", clauseVP(g)
		case "obj":
			np.Role, np.Verb = "obj", clauseVP(g)
		case "iobj":
			np.Role, np.Verb = "iobj", clauseVP(g)
		case "obl":
			np.Prep, _ = prepOf(h)
			np.Verb = clauseVP(g)
			if np.Verb < 0 && g >= 0 {
				np.Of = npOf[g]
			}
			switch {
			case d == "obl:agent" || (np.Prep == "by" && np.Verb >= 0 && ch[np.Verb].Voice == "passive"):
				np.Role = "agent"
			case np.Prep != "":
				np.Role = "pobj"
			}
		case "nmod":
			if d == "nmod:poss" {
				np.Role = "poss"
			} else {
				np.Prep, _ = prepOf(h)
				if np.Prep != "" {
					np.Role = "pobj"
				}
			}
			if g >= 0 {
				np.Of = npOf[g]
				if np.Of < 0 && d != "nmod:poss" {
					np.Verb = clauseVP(g)
				}
			}
		case "appos":
			np.Role = "appos"
			if g >= 0 {
				np.Of = npOf[g]
			}
		}
		if s.child(h, "cop") >= 0 {
			np.Role, np.Verb = "attr", vpOf[h]
		}
	}

	// Coordination: conjuncts share the first conjunct's role.
	coord := 0
	for _, c := range doc.Chunks {
		coord = max(coord, c.Coord)
	}
	groupOf := map[int]int{}
	for h := range n {
		if s.dep(h) != "conj" || s.head[h] < 0 {
			continue
		}
		g := s.head[h]
		for d := 0; s.dep(g) == "conj" && s.head[g] >= 0 && d < 64; d++ {
			g = s.head[g]
		}
		a, b := npOf[g], npOf[h]
		if s.child(h, "nsubj", "nsubj:pass", "cop", "expl") >= 0 || s.child(g, "cop") >= 0 {
			a = -1 // coordinated clauses, not noun phrases
		}
		if a < 0 || b < 0 {
			a, b = vpOf[g], vpOf[h]
			if a < 0 || b < 0 || ch[a].Kind != ch[b].Kind {
				continue
			}
			ch[b].Role, ch[b].Verb = "conj", a
		} else {
			nb := &ch[b]
			na := ch[a]
			if p, _ := prepOf(h); p != "" && na.Prep != "" {
				nb.Prep = p
			} else {
				nb.Prep = na.Prep
			}
			nb.Role, nb.Verb, nb.Of = na.Role, na.Verb, na.Of
		}
		id, ok := groupOf[a]
		if !ok {
			coord++
			id = coord
			groupOf[a] = id
			ch[a].Coord = id
		}
		ch[b].Coord = id
	}

	// Clause relations of verb groups.
	for p := range n {
		c := vpOf[p]
		if c < 0 || s.dep(p) == "conj" {
			continue
		}
		g := s.head[p]
		if g < 0 {
			continue
		}
		rel := baseDep(s.dep(p))
		switch s.dep(p) {
		case "acl:relcl":
			rel = "relcl"
		case "ccomp", "xcomp", "advcl", "acl", "parataxis", "csubj", "advcl:relcl":
		default:
			continue
		}
		ch[c].Role = rel
		if vpOf[g] >= 0 {
			ch[c].Verb = vpOf[g]
		} else {
			ch[c].Of = npOf[g]
		}
	}

	addExtra := func(np, vp int, role string) {
		if np < 0 || vp < 0 {
			return
		}
		a := sitrep.Arg{Role: role, Verb: vp}
		x := &ch[np]
		if (x.Role == role && x.Verb == vp) || slices.Contains(x.Extra, a) {
			return
		}
		x.Extra = append(x.Extra, a)
	}
	// Relative clauses: the pronoun stands for the antecedent, which fills
	// its role; with no pronoun, the antecedent fills the gap.
	for p := range n {
		if s.dep(p) != "acl:relcl" || vpOf[p] < 0 || s.head[p] < 0 {
			continue
		}
		ante := npOf[s.head[p]]
		if ante < 0 {
			continue
		}
		found := false
		for _, k := range s.kids[p] {
			x := s.toks[k].Tag
			if npOf[k] >= 0 && (x == "WDT" || x == "WP" || (s.upos(k) == "PRON" && s.lower[k] == "that")) {
				ch[npOf[k]].Ref = ante
				if r := ch[npOf[k]].Role; r != "" {
					addExtra(ante, vpOf[p], r)
				}
				found = true
			}
		}
		if !found && s.child(p, "nsubj", "nsubj:pass") >= 0 && s.child(p, "obj") < 0 && s.child(p, "cop") < 0 {
			addExtra(ante, vpOf[p], "obj")
		}
	}

	// Understood subjects of subjectless verbs: control, participles,
	// coordinated verbs, subjectless relative clauses.
	var subjOf func(p, depth int) int
	subjOf = func(p, depth int) int {
		if p < 0 || depth > 8 {
			return -1
		}
		if k := s.child(p, "nsubj", "nsubj:pass", "nsubj:outer"); k >= 0 {
			c := npOf[k]
			if c >= 0 && ch[c].Ref >= 0 {
				return ch[c].Ref
			}
			return c
		}
		g := s.head[p]
		if g < 0 {
			return -1
		}
		switch baseDep(s.dep(p)) {
		case "xcomp":
			if o := s.child(g, "obj", "iobj"); o >= 0 && npOf[o] >= 0 && s.isPred(g) {
				return npOf[o]
			}
			if s.isPred(g) {
				return subjOf(g, depth+1)
			}
			return -1
		case "conj":
			if s.isPred(g) {
				return subjOf(g, depth+1)
			}
		case "advcl":
			x := s.toks[p].Tag
			if x == "VB" && objectControl[strings.ToLower(s.toks[g].Lemma)] {
				// "getting organisations to outlaw Uyghurs", misread as a
				// purpose clause: the object is the subject.
				if o := s.child(g, "obj"); o >= 0 && npOf[o] >= 0 {
					return npOf[o]
				}
			}
			if x == "VBG" || x == "VBN" || (x == "VB" && s.child(p, "mark") >= 0) {
				return subjOf(g, depth+1)
			}
		case "acl":
			if s.dep(p) == "acl:relcl" {
				if s.child(p, "nsubj", "nsubj:pass") < 0 {
					return npOf[g]
				}
				return -1
			}
			if k := s.child(p, "mark"); k >= 0 && s.lower[k] == "to" {
				return -1
			}
			if s.child(p, "mark", "case") >= 0 {
				// "an interest in backing X": the subject of the clause
				// around the noun.
				up := g
				for d := 0; up >= 0 && !s.isPred(up) && d < 8; d++ {
					up = s.head[up]
				}
				if up >= 0 && s.isPred(up) {
					return subjOf(up, depth+1)
				}
				return -1
			}
			return npOf[g]
		}
		return -1
	}
	for p := range n {
		if vpOf[p] < 0 || s.child(p, "nsubj", "nsubj:pass", "nsubj:outer", "expl", "csubj", "csubj:pass") >= 0 {
			continue
		}
		addExtra(subjOf(p, 0), vpOf[p], "subj")
	}

	// Coordinated NPs share the implicit roles of the first conjunct, and
	// exemplar NPs ("such as the Taliban") all roles of the NP they modify.
	for b := range ch {
		if ch[b].Kind != sitrep.ChunkNP || ch[b].Coord == 0 {
			continue
		}
		for a := range ch {
			if a != b && ch[a].Coord == ch[b].Coord && ch[a].Kind == sitrep.ChunkNP && groupOf[a] == ch[b].Coord {
				for _, x := range ch[a].Extra {
					addExtra(b, x.Verb, x.Role)
				}
			}
		}
	}
	for b := range ch {
		x := ch[b]
		if x.Kind != sitrep.ChunkNP || x.Of < 0 || !exemplars[x.Prep] {
			continue
		}
		a := ch[x.Of]
		if a.Role != "" && a.Verb >= 0 {
			addExtra(b, a.Verb, a.Role)
		}
		for _, e := range a.Extra {
			addExtra(b, e.Verb, e.Role)
		}
	}

	// Prepositional phrases over NPs with a preposition.
	for h := range n {
		c := npOf[h]
		if c < 0 || ch[c].Prep == "" {
			continue
		}
		_, k := prepOf(h)
		if k < 0 || k >= ch[c].First {
			continue
		}
		ok := true
		for j := k + 1; j < ch[c].First; j++ {
			if !descends(s, j, h) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		np := ch[c]
		pp := newChunk(sitrep.ChunkPP, k, np.Limit, h)
		ch[pp].Prep, ch[pp].Verb, ch[pp].Of = np.Prep, np.Verb, np.Of
	}

	// Text order, then indices remapped; token offsets made document-wide.
	order := make([]int, len(ch))
	for i := range order {
		order[i] = i
	}
	rank := map[string]int{sitrep.ChunkPP: 0, sitrep.ChunkVP: 1, sitrep.ChunkNP: 2}
	slices.SortStableFunc(order, func(a, b int) int {
		x, y := ch[a], ch[b]
		if x.First != y.First {
			return x.First - y.First
		}
		return rank[x.Kind] - rank[y.Kind]
	})
	base := len(doc.Chunks)
	newIdx := make([]int, len(ch))
	for pos, old := range order {
		newIdx[old] = base + pos
	}
	re := func(i int) int {
		if i < 0 {
			return -1
		}
		return newIdx[i]
	}
	for _, old := range order {
		c := ch[old]
		c.First += first
		c.Limit += first
		c.Head += first
		c.Verb, c.Of, c.Ref = re(c.Verb), re(c.Of), re(c.Ref)
		for j := range c.Extra {
			c.Extra[j].Verb = re(c.Extra[j].Verb)
		}
		doc.Chunks = append(doc.Chunks, c)
	}
}

func descends(s *sent, j, h int) bool {
	for d := 0; j >= 0 && d < 64; d++ {
		if j == h {
			return true
		}
		j = s.head[j]
	}
	return false
}
