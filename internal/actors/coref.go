package actors

import (
	"slices"
	"sort"
	"strings"

	"github.com/sitrep/sitrep"
)

// corefNouns are heads of definite descriptions that point back ("the
// group", "the country"), with the type of actor they take.
var corefNouns = map[string]string{"insurgency": sitrep.ActorArmedGroup, "insurgents": sitrep.ActorArmedGroup,
	"militants": sitrep.ActorArmedGroup, "rebels": sitrep.ActorArmedGroup, "group": sitrep.ActorArmedGroup,
	"militia": sitrep.ActorArmedGroup, "movement": sitrep.ActorArmedGroup, "organisation": sitrep.ActorArmedGroup,
	"organization": sitrep.ActorArmedGroup, "guerrillas": sitrep.ActorArmedGroup, "fighters": sitrep.ActorArmedGroup,
	"jihadists": sitrep.ActorArmedGroup, "paramilitaries": sitrep.ActorArmedGroup, "paramilitary": sitrep.ActorArmedGroup,
	"country": sitrep.ActorCountry, "nation": sitrep.ActorCountry}

// corefNoun resolves "the group", "the country" to the nearest fitting actor.
func (s *state) corefNoun(first, limit int) {
	if s.word(first-1) != "the" {
		return
	}
	typ, ok := corefNouns[s.word(limit-1)]
	if !ok {
		return
	}
	s.corefNounType(first, limit, typ)
}

func (s *state) corefNounType(first, limit int, typ string) bool {
	sent := s.sentOf[first]
	for i := len(s.ments) - 1; i >= 0; i-- {
		m := s.ments[i]
		if m.first >= first {
			continue
		}
		if sent-m.sent > 3 {
			break
		}
		a := s.list[m.actor]
		if a.Type == typ && (typ != sitrep.ActorCountry || m.why != whyPlace && m.why != whyCapPlace) {
			s.add(first-1, limit, a, whyCoref)
			return true
		}
	}
	return false
}

// computeFocus picks the country the article is about: the one most often
// named as a place ("in Afghanistan"), else the one most often named.
func (s *state) computeFocus() {
	place, all := map[string]int{}, map[string]int{}
	for _, m := range s.ments {
		a := s.list[m.actor]
		if a.Type != sitrep.ActorCountry && a.Type != sitrep.ActorAgent || a.Country == "" {
			continue
		}
		e := s.lex.byISO[string(a.Country)]
		if e == nil {
			continue
		}
		all[e.ID]++
		if m.why == whyPlace || m.why == whyCapPlace {
			place[e.ID]++
		}
	}
	pick := func(c map[string]int) string {
		best, second := "", 0
		for id, n := range c {
			switch {
			case best == "" || n > c[best] || n == c[best] && id < best:
				if best != "" {
					second = max(second, c[best])
				}
				best = id
			default:
				second = max(second, n)
			}
		}
		if best != "" && c[best] > second {
			return best
		}
		return ""
	}
	id := pick(place)
	if id == "" {
		id = pick(all)
	}
	if id != "" {
		s.focus = s.lex.byID[id]
	}
}

// finishPending turns country-less sector phrases into agents of the focus
// country, or country-less agents.
func (s *state) finishPending() {
	if s.focus != nil {
		for _, a := range s.titled {
			if a.Country == "" {
				a.Country = sitrep.NullString(s.focus.Country)
			}
		}
	}
	for _, p := range s.pend {
		var a *sitrep.Actor
		why := whyNoCounty
		if e := p.ethnic; e != nil {
			home := s.focus
			if w := s.word(p.m.limit); w == "in" || w == "of" || w == "from" {
				if h := s.head(s.at(p.m.limit + 1)); h != nil && h.kind == kName && h.entry.Type == sitrep.ActorCountry {
					home = h.entry
				}
			}
			if home == nil || home == e {
				home = e
			}
			a = &sitrep.Actor{ID: home.ID + e.ID, Name: "ethnic " + e.Adj() + "s", Type: sitrep.ActorEthnicGroup,
				Country: sitrep.NullString(home.Country), Sector: sitrep.NullString(p.sector)}
			if home == e {
				a.ID = e.ID + "ETH"
			} else {
				a.Name += " in " + home.Name
			}
			m := s.add(p.m.first, p.m.limit, a, whyEthnic)
			m.start, m.end = p.m.start, p.m.end
			continue
		}
		if s.focus != nil && !p.block {
			a, why = s.agent(s.focus, p.sector), whyFocus
			if p.title != nil {
				if h := s.pickByDate(s.lex.holders[s.focus.Country+"|"+p.title.Role], p.title.Role); h != nil {
					if o, now := s.office(h, p.title.Role); now && o.Role == p.title.Role {
						a, why = s.personActor(h, p.title, false), whyRole
					}
				}
			}
		} else {
			a = s.agent(nil, p.sector)
		}
		m := s.add(p.m.first, p.m.limit, a, why)
		m.start, m.end = p.m.start, p.m.end
	}
	slices.SortStableFunc(s.ments, func(a, b ment) int { return a.start - b.start })
}

var expletive = map[string]bool{"believed": true, "thought": true, "said": true, "reported": true, "understood": true,
	"expected": true, "feared": true, "claimed": true, "alleged": true, "known": true, "likely": true, "unlikely": true,
	"unclear": true, "clear": true, "possible": true, "impossible": true, "important": true, "hoped": true,
	"estimated": true, "true": true, "not": true, "time": true, "difficult": true, "easy": true, "necessary": true,
	"obvious": true, "rumoured": true, "rumored": true, "assumed": true, "suspected": true}

// pronouns links it/its/they/their/them to the nearest compatible actor.
func (s *state) pronouns() {
	var added []ment
	for t := range s.toks {
		w := s.folded[t]
		var plural bool
		switch w {
		case "it", "its":
		case "they", "their", "them":
			plural = true
		default:
			continue
		}
		if s.word(t-1) == "as" { // "such as they are"
			continue
		}
		if w == "it" {
			nx := s.word(t + 1)
			if nx == "is" || nx == "was" || nx == "has" || nx == "had" {
				x := t + 2
				if s.word(x) == "been" || s.word(x) == "also" {
					x++
				}
				if expletive[s.word(x)] {
					continue
				}
			}
			if !s.verbish(t+1) && !verbs[nx] {
				continue
			}
		}
		if m, ok := s.antecedent(t, plural); ok {
			st, en := s.span(t, t+1)
			added = append(added, ment{first: t, limit: t + 1, start: st, end: en, actor: m.actor, why: whyCoref, sent: s.sentOf[t], plural: m.plural})
			// Later pronouns may chain to this one.
			s.insert(added[len(added)-1])
		}
	}
}

func (s *state) insert(m ment) {
	i := sort.Search(len(s.ments), func(i int) bool { return s.ments[i].start > m.start })
	s.ments = append(s.ments, ment{})
	copy(s.ments[i+1:], s.ments[i:])
	s.ments[i] = m
}

func (s *state) compatible(m ment, plural bool) bool {
	if m.why == whyPlace || m.why == whyCapPlace || m.adhoc || m.modifier {
		return false
	}
	if head := s.word(m.limit - 1); corefNouns[head] != "" && m.why == whyCoref {
		// "the paramilitaries ... its bases": a described group keeps the
		// number of its noun.
		return strings.HasSuffix(head, "s") == plural
	}
	a := s.list[m.actor]
	switch a.Type {
	case sitrep.ActorPerson:
		return false
	case sitrep.ActorEthnicGroup:
		return plural
	case sitrep.ActorCountry, sitrep.ActorIGO, sitrep.ActorOrganization, sitrep.ActorParty:
		return !plural && m.plural <= 0 && m.why != whyDemonym
	case sitrep.ActorArmedGroup:
		if plural {
			return m.plural >= 0
		}
		return m.plural <= 0
	case sitrep.ActorAgent:
		// The number of the mention's head word: "the army ... its",
		// "officials ... they" ("police" and "people" are plural).
		if m.plural != 0 {
			return (m.plural > 0) == plural
		}
		head := s.word(m.limit - 1)
		many := strings.HasSuffix(head, "s") || head == "police" || head == "people"
		return many == plural
	}
	return false
}

// antecedent finds the actor a pronoun at token t refers to: in its own
// sentence the nearest fitting mention before it (for "they", the first),
// else the first fitting mention of up to three sentences back, skipping
// captions.
func (s *state) antecedent(t int, plural bool) (ment, bool) {
	sent := s.sentOf[t]
	i := sort.Search(len(s.ments), func(i int) bool { return s.ments[i].first >= t })
	nearest, firstIn := -1, -1
	j := i - 1
	for ; j >= 0 && s.ments[j].sent == sent; j-- {
		if s.compatible(s.ments[j], plural) && s.ments[j].limit <= t {
			if nearest < 0 {
				nearest = j
			}
			firstIn = j
		}
	}
	if nearest >= 0 {
		if plural {
			return s.ments[firstIn], true
		}
		return s.ments[nearest], true
	}
	back := 0
	for j >= 0 && back < 3 {
		sn := s.ments[j].sent
		var first *ment
		for ; j >= 0 && s.ments[j].sent == sn; j-- {
			if s.compatible(s.ments[j], plural) {
				m := s.ments[j]
				first = &m
			}
		}
		if sn < len(s.caption) && s.caption[sn] && !s.caption[sent] {
			continue
		}
		if first != nil {
			return *first, true
		}
		back++
	}
	return ment{}, false
}

// adhocEntities turns names found by the language layer that no lexicon
// entry covers into ad-hoc actors, so that none is dropped.
func (s *state) adhocEntities() {
	if len(s.doc.Entities) == 0 {
		return
	}
	covered := func(st, en int) bool {
		for _, m := range s.ments {
			if m.start < en && st < m.end {
				return true
			}
		}
		return false
	}
	for _, e := range s.doc.Entities {
		var typ string
		switch e.Label {
		case "PER", "PERSON":
			typ = sitrep.ActorPerson
		case "ORG", "ORGANIZATION":
			typ = sitrep.ActorOrganization
		case "NORP":
			typ = sitrep.ActorEthnicGroup
		default:
			continue
		}
		first := s.tokenAt(e.Start)
		last := s.tokenAt(e.End - 1)
		if first < 0 || last < first {
			continue
		}
		if s.word(first) == "the" && last > first {
			first++
		}
		if covered(e.Start, e.End) {
			if typ == sitrep.ActorOrganization {
				s.namedOrg(first, last)
			}
			continue
		}
		var a *sitrep.Actor
		if ab := s.abbreviated(first, last); ab != nil {
			a = ab
			// Later uses of the abbreviation name the same actor.
			s.actors[slug(s.doc.Text[s.toks[first].Start:s.toks[last].End])] = ab
		} else if typ == sitrep.ActorPerson {
			a = s.adhocPerson(first, last+1, "", "", "")
		} else {
			name := s.doc.Text[s.toks[first].Start:s.toks[last].End]
			a = &sitrep.Actor{ID: slug(name), Name: name, Type: typ}
			if old := s.actors[a.ID]; old != nil {
				a = old
			}
		}
		if a.ID == "" {
			continue
		}
		m := s.add(first, last+1, a, whyAdhoc)
		m.adhoc = true
	}
}

// abbreviated returns the actor named just before tokens [first, last]
// when they are its abbreviation in brackets: "the Bangladesh Nationalist
// Party (BNP)".
func (s *state) abbreviated(first, last int) *sitrep.Actor {
	if first < 2 || s.word(first-1) != "(" || s.word(last+1) != ")" {
		return nil
	}
	for _, m := range s.ments {
		if m.limit == first-1 {
			return s.list[m.actor]
		}
	}
	return nil
}

// orgHeads end the names of parties and organisations that may begin with
// a country's name or demonym ("Bangladesh Nationalist Party", "Pakistan
// Muslim League"), with the type they give the actor.
var orgHeads = map[string]string{
	"party": sitrep.ActorParty, "league": sitrep.ActorParty, "congress": sitrep.ActorParty,
	"front": sitrep.ActorParty, "movement": sitrep.ActorParty, "alliance": sitrep.ActorParty,
	"association": sitrep.ActorOrganization, "federation": sitrep.ActorOrganization,
	"council": sitrep.ActorOrganization, "society": sitrep.ActorOrganization,
	"foundation": sitrep.ActorOrganization, "institute": sitrep.ActorOrganization,
	"corporation": sitrep.ActorOrganization, "company": sitrep.ActorOrganization,
}

// namedOrg makes the organisation entity over tokens [first, last] one
// actor of its country when only a country or people is named inside it
// ("the Bangladesh Nationalist Party" is a party, not Bangladesh).
func (s *state) namedOrg(first, last int) {
	typ, ok := orgHeads[s.word(last)]
	if !ok || last == first {
		return
	}
	st, en := s.span(first, last+1)
	country := sitrep.NullString("")
	for _, m := range s.ments {
		if m.start >= en || m.end <= st {
			continue
		}
		a := s.list[m.actor]
		if m.start < st || m.limit > last || a.Type != sitrep.ActorCountry && a.Type != sitrep.ActorEthnicGroup {
			return // a name that reaches past the entity, or covers its head
		}
		country = a.Country
	}
	out := s.ments[:0]
	for _, m := range s.ments {
		if m.start >= en || m.end <= st {
			out = append(out, m)
		}
	}
	s.ments = out
	name := s.doc.Text[st:en]
	a := &sitrep.Actor{ID: slug(name), Name: name, Type: typ, Country: country}
	if old := s.actors[a.ID]; old != nil {
		a = old
	}
	s.add(first, last+1, a, whyAdhoc).adhoc = true
}

func (s *state) tokenAt(off int) int {
	i := sort.Search(len(s.toks), func(i int) bool { return s.toks[i].End > off })
	if i < len(s.toks) && s.toks[i].Start <= off {
		return i
	}
	return -1
}
