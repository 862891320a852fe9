package actors

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/nlp/ner"
)

// chain is what follows a head: sector words, titles, a person's name.
type chain struct {
	end    int     // token limit of the chain's significant part
	sector *Sector // the head noun's sector (last group, noun or title)
	title  *Sector
	// titleAt is the title's first token.
	titleAt int
	// person: an entry named after a title, or nameEnd > 0 for an unknown
	// name spanning [nameStart, nameEnd).
	person             *Entry
	nameStart, nameEnd int
	ethnic             *Entry
	mod                *Sector
	// endByte ends the chain inside its last token ("rebel-held"), or 0.
	endByte int
}

// genericHeads are head nouns that take their sector from the word before
// them when there is one.
var genericHeads = map[string]bool{"officials": true, "official": true, "leaders": true, "leadership": true,
	"commanders": true, "members": true, "spokesman": true, "spokeswoman": true, "spokesperson": true,
	"delegation": true, "representatives": true, "sources": true, "activists": true, "supporters": true,
	"fighters": true, "loyalists": true}

// parseChain reads sector words from token t.
func (s *state) parseChain(t int) chain {
	c := chain{end: t, titleAt: -1}
	n := len(s.toks)
	for t < n {
		ix := s.at(t)
		if ix < 0 {
			// Portfolio words before a title: "Labour Minister".
			if isCap(s.toks[t].Text) {
				j := t
				for j < n && j-t < 3 && s.at(j) < 0 && (isCap(s.toks[j].Text) || s.word(j) == "and") {
					j++
				}
				if s.sector(s.at(j), "title group") != nil && j > t {
					t = j
					continue
				}
			}
			break
		}
		it := s.items[ix]
		if it.end != 0 {
			// "Albanian rebel-held territory": the sector word before the hyphen.
			if sc := s.sector(ix, "group"); sc != nil {
				c.sector, c.end, c.endByte = sc, it.limit, it.end
			}
			break
		}
		if sc := s.sector(ix, "group noun title modifier collective"); sc != nil {
			if sc.Class == "title" {
				c.title, c.titleAt = sc, it.first
				c.sector = sc
				c.end = it.limit
				if px := s.atOrNeg(it.limit); px >= 0 {
					c.person = s.person(px)
					c.end = s.items[px].limit
					return c
				}
				if a, b := s.nameRun(it.limit); b > a {
					c.nameStart, c.nameEnd, c.end = a, b, b
					return c
				}
				t = it.limit
				continue
			}
			if sc.Class != "modifier" && sc.Class != "collective" {
				// "rebel commanders", "military officials": a generic head keeps
				// the sector of the word before it.
				if c.sector == nil && c.mod != nil && genericHeads[sc.Phrase] && c.mod.Code != "" {
					c.sector = &Sector{Phrase: sc.Phrase, Code: c.mod.Code, Class: "group"}
				} else if c.sector == nil || !genericHeads[sc.Phrase] {
					c.sector = sc
				} else if c.sector.Class == "modifier" || c.sector.Class == "group" {
					c.sector = &Sector{Phrase: sc.Phrase, Code: c.sector.Code, Class: "group"}
				}
				c.end = it.limit
			} else if sc.Class == "modifier" && c.sector == nil {
				c.mod = sc
			} else if sc.Class == "collective" {
				c.end = it.limit
			}
			t = it.limit
			continue
		}
		if h := s.head(ix); h != nil && (h.kind == kName || h.kind == kAdj) && h.entry.Type == sitrep.ActorEthnicGroup {
			c.ethnic = h.entry
			c.end = it.limit
			t = it.limit
			continue
		}
		break
	}
	return c
}

// atOrNeg returns the item index at t when it names a person, else -1.
func (s *state) atOrNeg(t int) int {
	ix := s.at(t)
	if ix < 0 {
		return -1
	}
	for _, h := range s.items[ix].hits {
		if h.kind == kName && h.entry.Type == sitrep.ActorPerson {
			return ix
		}
	}
	return -1
}

var particles = map[string]bool{"al": true, "bin": true, "ibn": true, "de": true, "da": true, "dos": true,
	"van": true, "von": true, "der": true, "den": true, "el": true, "la": true, "le": true, "abu": true, "du": true}

// nameRun returns the span of a personal name starting at t: capitalised
// words and name particles ("bin", "al-Mahdi"), up to five tokens, not
// starting with a particle.
func (s *state) nameRun(t int) (int, int) {
	n := len(s.toks)
	j := t
	for j < n && j-t < 5 {
		w := s.toks[j].Text
		if ix := s.at(j); ix >= 0 && s.head(ix) != nil && s.head(ix).kind == kName && s.head(ix).entry.Type != sitrep.ActorPerson {
			break
		}
		if isCap(w) && w != "The" && !isAllCapsWord(w) || (j > t && (particles[s.folded[j]] || ner.ArticleName(w))) || (isCap(w) && len(w) <= 4 && strings.HasSuffix(w, ".")) {
			j++
			continue
		}
		break
	}
	for j > t && particles[s.folded[j-1]] {
		j--
	}
	return t, j
}

func isCap(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func isAllCapsWord(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters > 1
}

var locPreps = map[string]bool{"in": true, "across": true, "throughout": true, "inside": true, "into": true,
	"within": true, "near": true, "via": true, "outside": true, "around": true, "at": true}

// isPlace reports whether the name at token t is used as a location ("in
// Afghanistan", "the border with Iran").
func (s *state) isPlace(t int) bool {
	p := t - 1
	if s.word(p) == "the" {
		p--
	}
	w := s.word(p)
	if locPreps[w] {
		return true
	}
	if w == "with" && strings.HasPrefix(s.word(p-1), "border") {
		return true
	}
	return false
}

var verbs = map[string]bool{"said": true, "says": true, "say": true, "has": true, "have": true, "had": true, "is": true,
	"was": true, "will": true, "would": true, "could": true, "can": true, "may": true, "might": true, "must": true,
	"should": true, "did": true, "does": true, "announced": true, "warned": true, "accused": true, "denied": true,
	"rejected": true, "urged": true, "called": true, "agreed": true, "wants": true, "hopes": true, "plans": true,
	"insisted": true, "claimed": true, "demanded": true, "threatened": true, "sent": true, "told": true, "also": true,
	"left": true, "fled": true, "fought": true, "took": true, "made": true, "met": true, "held": true, "gave": true,
	"won": true, "lost": true, "struck": true, "hit": true, "shot": true, "led": true, "began": true, "became": true,
	"saw": true, "got": true, "went": true, "came": true, "put": true, "kept": true, "brought": true, "bought": true,
	"sold": true, "spoke": true, "stood": true, "knew": true, "thought": true, "felt": true, "paid": true,
	"seized": true, "withdrew": true, "drove": true, "broke": true, "wrote": true, "ran": true, "set": true,
	"let": true, "cut": true, "sought": true, "fell": true, "rose": true, "grew": true, "shut": true, "were": true,
	"are": true, "been": true, "be": true, "do": true, "win": true, "lose": true, "fight": true, "attack": true,
	"launch": true, "seek": true, "refuse": true, "deny": true, "reject": true, "agree": true}

var notVerbs = map[string]bool{"news": true, "times": true, "forces": true, "talks": true, "officials": true,
	"troops": true, "its": true, "this": true, "us": true, "as": true,
	"embassy": true, "university": true, "airport": true, "city": true, "residents": true, "press": true}

// verbish reports whether token t looks like a verb.
func (s *state) verbish(t int) bool {
	if t < 0 || t >= len(s.toks) {
		return false
	}
	tk := s.toks[t]
	if tk.POS != "" {
		return tk.POS == "VERB" || tk.POS == "AUX"
	}
	w := s.folded[t]
	if w != tk.Text { // capitalised or non-ASCII
		return false
	}
	if verbs[w] {
		return true
	}
	if notVerbs[w] || len(w) < 4 {
		return false
	}
	return strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "es") || (strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"))
}

var funcWords = map[string]bool{"and": true, "or": true, "but": true, "of": true, "in": true, "to": true,
	"for": true, "with": true, "on": true, "at": true, "by": true, "from": true, "as": true, "that": true,
	"which": true, "who": true, "whose": true, "since": true, "after": true, "before": true, "into": true,
	"over": true, "against": true, "about": true, "than": true, "while": true, "when": true, "where": true,
	"also": true, "not": true, "now": true, "then": true, "there": true, "here": true, "yet": true, "still": true,
	"already": true, "once": true, "so": true, "if": true, "because": true, "via": true, "across": true,
	"through": true, "under": true, "between": true, "among": true, "amid": true, "despite": true, "near": true,
	"a": true, "an": true, "the": true, "this": true, "these": true, "those": true, "his": true, "her": true,
	"its": true, "their": true, "our": true, "my": true, "your": true, "such": true, "other": true,
	"another": true, "all": true, "both": true, "each": true, "every": true, "many": true, "more": true,
	"most": true, "much": true, "some": true, "any": true, "no": true, "whom": true, "what": true, "it": true,
	"they": true, "we": true, "he": true, "she": true, "you": true, "i": true, "been": true, "being": true,
	"be": true, "during": true, "within": true, "without": true, "toward": true, "towards": true, "until": true,
	"upon": true, "per": true, "like": true, "unlike": true, "including": true}

// nounAt reports whether token t is a lowercase content word (the noun an
// adjective before it qualifies).
func (s *state) nounAt(t int) bool {
	w := s.word(t)
	return t < len(s.toks) && w == s.toks[t].Text && isAlpha(w) && !funcWords[w] && !s.verbish(t)
}

func isAlpha(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return w != ""
}

var formerWords = map[string]bool{"former": true, "ousted": true, "ex": true, "late": true, "deposed": true, "exiled": true, "ex-": true}

// former reports whether a word before token t says the office is past.
func (s *state) former(t int) bool {
	for p := t - 1; p >= 0 && p >= t-3; p-- {
		if formerWords[s.word(p)] {
			return true
		}
	}
	return false
}

// phrases walks the lexicon matches and turns each phrase into mentions.
func (s *state) phrases() {
	for k := 0; k < len(s.items); k++ {
		if h := s.head(k); h != nil {
			k = s.headPhrase(k, h)
			continue
		}
		k = s.sectorPhrase(k)
	}
}

func sameKind(a, b *hit) bool {
	if a == nil || b == nil {
		return false
	}
	ta, tb := a.entry.Type, b.entry.Type
	if a.kind == kCapital || b.kind == kCapital {
		return false
	}
	if a.kind == kAdj || b.kind == kAdj {
		// "US and British forces": a short name coordinates with an adjective.
		if a.kind != b.kind && !(a.kind == kName && a.acronym || b.kind == kName && b.acronym) {
			return false
		}
		return ta == tb
	}
	return a.kind == kName && b.kind == kName && (ta == tb || ta == sitrep.ActorCountry && tb == sitrep.ActorIGO || ta == sitrep.ActorIGO && tb == sitrep.ActorCountry)
}

// headPhrase handles a phrase that starts with an actor name, adjective or
// capital; it returns the last item consumed.
func (s *state) headPhrase(k int, h *hit) int {
	it := s.items[k]
	e := h.entry
	if e.Type == sitrep.ActorPerson {
		p := s.person(k)
		s.add(it.first, it.limit, s.personActor(p, nil, s.former(it.first)), whyLexicon)
		return k
	}
	if it.end != 0 { // "U.S.-backed": the name alone
		// "Vietnamese-led forces" are that country's forces; "U.S.-backed"
		// ones are not.
		if tk := s.toks[it.first].Text; h.kind != kCapital && e.Type == sitrep.ActorCountry && strings.HasSuffix(tk, "-led") {
			if c := s.parseChain(it.limit); c.sector != nil && c.title == nil {
				s.add(it.first, c.end, s.agent(e, c.sector.Code), whyAgent)
				return s.lastItemBefore(k, c.end)
			}
		}
		if h.kind != kCapital {
			m := s.add(it.first, it.limit, s.entryActor(e), whyLexicon)
			m.end = it.end
		}
		return k
	}
	// Coordinated heads sharing one head noun: "Hungarian and Romanian officials".
	heads := []int{k}
	last := k
	for {
		t := s.items[last].limit
		w := s.word(t)
		if w != "," && w != "and" && w != "or" {
			break
		}
		t2 := t + 1
		if w == "," && (s.word(t2) == "and" || s.word(t2) == "or") {
			t2++
		}
		nx := s.at(t2)
		if nx < 0 || s.items[nx].first != t2 || s.items[nx].end != 0 || !sameKind(h, s.head(nx)) {
			break
		}
		heads = append(heads, nx)
		last = nx
	}
	t := s.items[last].limit
	if len(heads) == 1 && s.word(t) == "-" && s.word(t+1) == "led" && e.Type == sitrep.ActorCountry && h.kind != kCapital {
		if c := s.parseChain(t + 2); c.sector != nil && c.title == nil {
			s.add(it.first, c.end, s.agent(e, c.sector.Code), whyAgent)
			return s.lastItemBefore(k, c.end)
		}
	}
	poss := false
	if w := s.word(t); w == "'s" || (w == "'" && strings.HasSuffix(s.toks[t-1].Text, "s")) {
		poss = true
		t++
	}
	c := s.parseChain(t)
	if len(heads) > 1 && c.sector == nil {
		heads, last = heads[:1], k
		t = s.items[k].limit
		poss = false
		if w := s.word(t); w == "'s" {
			poss = true
			t++
		}
		c = s.parseChain(t)
	}
	if c.end <= t && poss {
		c.end = t // keep the "'s" out of the span below
	}
	for i, hk := range heads {
		hh := s.head(hk)
		first, limit := s.items[hk].first, s.items[hk].limit
		why := whyNone
		if i == len(heads)-1 && c.end > t {
			limit = c.end
		} else if i < len(heads)-1 {
			why = whyCoord
		}
		s.resolveHead(hh, first, limit, c, poss, why)
	}
	// Consume the chain's items.
	end := last
	for j := last + 1; j < len(s.items) && s.items[j].first < c.end; j++ {
		end = j
	}
	return end
}

// lastItemBefore returns the index of the last item from k that starts
// before token end.
func (s *state) lastItemBefore(k, end int) int {
	for k+1 < len(s.items) && s.items[k+1].first < end {
		k++
	}
	return k
}

// resolveHead emits the mention of one head with its chain.
func (s *state) resolveHead(h *hit, first, limit int, c chain, poss bool, why why) {
	e := h.entry
	headLimit := s.items[s.at(first)].limit
	hasChain := limit > headLimit
	// Titles: "Chinese President Xi Jinping", "Arab League Secretary-General X".
	if c.title != nil && hasChain {
		if c.person != nil {
			s.add(first, limit, s.personActor(c.person, c.title, s.former(c.titleAt)), whyTitle)
			s.nested(h, first, headLimit)
			return
		}
		if c.nameEnd > c.nameStart {
			country := e.Country
			code, role := c.title.Code, c.title.Role
			if s.former(c.titleAt) {
				code, role = "ELI", "former "+role
			}
			a := s.adhocPerson(c.nameStart, c.nameEnd, country, code, role)
			if e.Type != sitrep.ActorCountry && e.Type != sitrep.ActorPerson {
				a.Country = ""
			}
			s.add(first, limit, a, whyTitle)
			s.nested(h, first, headLimit)
			return
		}
		// "the Chinese president": the holder at the date.
		key := e.ID
		if e.Type == sitrep.ActorCountry {
			key = e.Country
		}
		if p := s.pickByDate(s.lex.holders[key+"|"+c.title.Role], c.title.Role); p != nil && c.titleAt == limit-c.title.ntok {
			if o, now := s.office(p, c.title.Role); now && o.Role == c.title.Role {
				s.add(first, limit, s.personActor(p, c.title, false), whyRole)
				return
			}
		}
	}
	if why == whyNone {
		why = whyLexicon
	}
	switch e.Type {
	case sitrep.ActorCountry:
		switch {
		case h.kind == kAdj && s.word(first-1) == "ethnic":
			// "ethnic Albanians": the group, living where the article is about.
			code := "CVL"
			if c.sector != nil && hasChain {
				code = c.sector.Code
			}
			st, en := s.span(first-1, limit)
			s.pend = append(s.pend, pending{m: ment{first: first - 1, limit: limit, start: st, end: en, sent: s.sentOf[first]}, sector: code, ethnic: e})
		case c.ethnic != nil && (hasChain || why == whyCoord):
			code := "CVL"
			if c.sector != nil {
				code = c.sector.Code
			}
			s.add(first, limit, &sitrep.Actor{ID: e.ID + c.ethnic.ID, Name: e.Adj() + " " + c.ethnic.Name, Type: sitrep.ActorEthnicGroup, Country: sitrep.NullString(e.Country), Sector: sitrep.NullString(code)}, whyEthnic)
		case c.sector != nil && (hasChain || why == whyCoord):
			w := whyAgent
			if why == whyCoord {
				w = whyCoord
			}
			m := s.add(first, limit, s.agent(e, c.sector.Code), w)
			if c.endByte != 0 && limit == c.end {
				m.end = c.endByte
			}
		case h.kind == kCapital:
			// "Beijing said" stands for the government; "in Beijing" is a
			// place, kept as a place mention of the country.
			if s.capitalActs(first, headLimit, poss) {
				s.add(first, headLimit, s.agent(e, "GOV"), whyCapital)
			} else {
				s.add(first, headLimit, s.entryActor(e), whyCapPlace)
			}
		case h.kind == kAdj && (s.word(first-1) == "a" || s.word(first-1) == "an") && !s.nounAt(headLimit):
			// "a Palestinian was killed": one civilian of that country.
			s.add(first-1, headLimit, s.agent(e, "CVL"), whyDemonym)
		case h.kind == kAdj:
			// "American Express", "Karen Bass": an adjective before a proper
			// name is part of that name.
			if nx := headLimit; nx < len(s.toks) && isCap(s.toks[nx].Text) && s.at(nx) < 0 && s.sentOf[nx] == s.sentOf[first] && !poss {
				return
			}
			s.add(first, headLimit, s.entryActor(e), whyDemonym)
		default:
			w := why
			if poss {
				w = whyPoss
			} else if s.isPlace(first) {
				w = whyPlace
			}
			s.add(first, headLimit, s.entryActor(e), w)
		}
	case sitrep.ActorIGO:
		if c.sector != nil && hasChain && c.title == nil {
			s.add(first, limit, s.agent(e, c.sector.Code), whyAgent)
			return
		}
		if h.kind == kCapital {
			if s.capitalActs(first, headLimit, poss) {
				s.add(first, headLimit, s.entryActor(e), whyCapital)
			}
			return
		}
		s.add(first, headLimit, s.entryActor(e), why)
	case sitrep.ActorEthnicGroup:
		if h.kind == kAdj && !hasChain {
			if nx := headLimit; nx < len(s.toks) && isCap(s.toks[nx].Text) && s.at(nx) < 0 {
				return
			}
		}
		if s.word(first-1) == "ethnic" {
			first--
		}
		w := why
		if h.kind == kAdj && why == whyLexicon {
			w = whyDemonym
		}
		s.add(first, limit, s.entryActor(e), w)
	default: // armed groups, parties, organisations, agents absorb their head nouns
		s.add(first, limit, s.entryActor(e), why)
	}
}

// Adj returns the entry's adjective, or its name.
func (e *Entry) Adj() string {
	if len(e.Adjectives) > 0 {
		return e.Adjectives[0]
	}
	return e.Name
}

// nested adds the country of a title phrase as its own mention: "Chinese"
// in "Chinese President Xi Jinping" also names China.
func (s *state) nested(h *hit, first, limit int) {
	if h.kind == kCapital {
		return
	}
	w := whyLexicon
	if h.kind == kAdj {
		w = whyDemonym
	}
	s.add(first, limit, s.entryActor(h.entry), w)
}

// capitalActs reports whether a capital at [first, limit) stands for its
// government: "Beijing said", "Moscow's decision", "urged Washington".
func (s *state) capitalActs(first, limit int, poss bool) bool {
	if poss {
		return true
	}
	if locPreps[s.word(first-1)] || s.word(first-1) == "from" || s.word(first-1) == "to" || s.word(first-1) == "of" {
		return false // "in Kabul", "flew to Moscow", "residents of Khartoum said"
	}
	t := limit
	for s.word(t) == "," || s.word(t) == "and" {
		// "Washington and Beijing said": skip a coordinated name.
		if ix := s.at(t + 1); ix >= 0 && s.head(ix) != nil {
			t = s.items[ix].limit
			continue
		}
		break
	}
	if s.verbish(t) {
		return true
	}
	p := first - 1
	if s.word(p) == "by" { // "an admission by Moscow"
		return true
	}
	return s.verbish(p) && !locPreps[s.word(p)]
}

var blockers = map[string]bool{"foreign": true, "international": true, "western": true, "coalition": true,
	"allied": true, "multinational": true, "un": true, "nato": true, "peacekeeping": true}

var indefinite = map[string]bool{"a": true, "an": true, "any": true, "some": true, "no": true, "every": true,
	"each": true, "such": true, "many": true, "most": true, "several": true}

// sectorPhrase handles a phrase that starts with a sector word, title or
// honorific; it returns the last item consumed.
func (s *state) sectorPhrase(k int) int {
	it := s.items[k]
	n := len(s.toks)
	// "Mr. Karzai", "Dr. Smith".
	if sc := s.sector(k, "honorific"); sc != nil {
		if ix := s.atOrNeg(it.limit); ix >= 0 {
			s.add(it.first, s.items[ix].limit, s.personActor(s.person(ix), nil, s.former(it.first)), whyTitle)
			return ix
		}
		if a, b := s.nameRun(it.limit); b > a {
			s.add(it.first, b, s.adhocPerson(a, b, "", "", ""), whyTitle)
		}
		return k
	}
	if sc := s.sector(k, "group noun title"); sc == nil {
		if nx := s.at(it.limit); nx >= 0 && s.head(nx) != nil {
			return k
		}
	}
	c := s.parseChain(it.first)
	last := k
	for j := k + 1; j < len(s.items) && s.items[j].first < c.end; j++ {
		last = j
	}
	if c.end <= it.first {
		// A "group" or "country" with no sector: maybe coreference.
		if sc := s.sector(k, "collective"); sc != nil || s.word(it.first) == "country" {
			s.corefNoun(it.first, it.limit)
		}
		return k
	}
	first := it.first
	// Title with a name: "President Bush", "Judge Alejandro Rivera".
	if c.title != nil && c.titleAt == first || c.title != nil && (c.person != nil || c.nameEnd > 0) {
		switch {
		case c.person != nil:
			s.add(first, c.end, s.personActor(c.person, c.title, s.former(c.titleAt)), whyTitle)
			return last
		case c.nameEnd > c.nameStart:
			// "President X" with X unknown: a person of the article's focus
			// country, decided once the focus is known.
			code, role := c.title.Code, c.title.Role
			if s.former(c.titleAt) {
				code, role = "ELI", "former "+role
			}
			a := s.adhocPerson(c.nameStart, c.nameEnd, "", code, role)
			s.add(first, c.end, a, whyTitle)
			if a.Country == "" {
				s.titled = append(s.titled, a)
			}
			return last
		}
	}
	if c.sector == nil {
		if c.end-first == 1 {
			s.corefNoun(first, c.end)
		}
		return last
	}
	prev := s.word(first - 1)
	if indefinite[prev] {
		return last
	}
	if prev == "the" || prev == "this" || prev == "that" {
		if typ, ok := corefNouns[s.word(c.end-1)]; ok && c.end-first == 1 {
			if s.corefNounType(first, c.end, typ) {
				return last
			}
		}
	}
	// "forces in Guinea", "students throughout Indonesia", "government of Iraq".
	if w := s.word(c.end); w == "of" || w == "in" || w == "from" || w == "throughout" || w == "across" || w == "inside" {
		t := c.end + 1
		if s.word(t) == "the" {
			t++
		}
		if h := s.head(s.at(t)); h != nil && (h.kind == kName || h.kind == kCapital) && h.entry.Type == sitrep.ActorCountry && t < n {
			if c.title != nil && c.titleAt == first {
				if p := s.pickByDate(s.lex.holders[h.entry.Country+"|"+c.title.Role], c.title.Role); p != nil {
					if _, now := s.office(p, c.title.Role); now {
						s.add(first, c.end, s.personActor(p, c.title, false), whyRole)
						return last
					}
				}
			}
			s.add(first, c.end, s.agent(h.entry, c.sector.Code), whyOfPlace)
			return last
		}
	}
	if c.sector.Class == "noun" || c.sector.Class == "title" && c.titleAt == first && prev != "the" {
		return last
	}
	if w := s.word(c.end); c.end < n && w == s.toks[c.end].Text && isAlpha(w) && !funcWords[w] && !s.verbish(c.end) {
		return last // "intelligence source", "police station": a noun modifier
	}
	block := blockers[prev] || blockers[s.word(first-2)] && !indefinite[prev]
	if blockers[prev] {
		first-- // "foreign forces": the qualifier belongs to the mention
	}
	st, en := s.span(first, c.end)
	p := pending{m: ment{first: first, limit: c.end, start: st, end: en, sent: s.sentOf[first]}, sector: c.sector.Code, block: block}
	if c.title != nil && c.sector == c.title {
		p.title = c.title
	}
	s.pend = append(s.pend, p)
	return last
}
