package actors

import (
	"context"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/segment"
)

// Name is the stage name.
const Name = "actors"

// Resolver is the actors stage: it finds every actor mention of a document
// and groups the mentions by canonical actor into Doc.Actors. It is safe for
// concurrent use.
type Resolver struct {
	lex *Lexicon
}

var _ pipeline.Stage = (*Resolver)(nil)

// New returns a resolver over lex.
func New(lex *Lexicon) *Resolver { return &Resolver{lex: lex} }

// Name returns the stage name.
func (*Resolver) Name() string { return Name }

// Process fills doc.Actors. It reads Doc.Tokens and Doc.Sentences (and
// tokenizes the text itself when they are empty), Doc.Entities when the
// language layer found any, and Doc.Published to pick office holders.
func (r *Resolver) Process(ctx context.Context, doc *sitrep.Doc) error {
	s := r.newState(doc)
	s.run()
	doc.Actors = s.output()
	return ctx.Err()
}

// sectorNames names agents built from a sector code.
var sectorNames = map[string]string{
	"GOV": "government", "MIL": "military", "COP": "police", "REB": "rebels", "INS": "insurgents",
	"OPP": "opposition", "CVL": "civilians", "REF": "refugees", "MED": "media", "BUS": "business",
	"REL": "clergy", "JUD": "judiciary", "LEG": "legislature", "EDU": "education", "HLH": "health workers",
	"SPY": "intelligence", "NGO": "NGOs", "LAB": "labour", "AGR": "farmers", "ELI": "elites",
}

// why says how a mention was resolved; whyNames holds the words written to
// Mention.Why. A small integer keeps ment free of pointers, which matters
// for speed (no write barriers when the slice grows).
type why uint8

// Why values of mentions.
const (
	whyNone why = iota
	whyLexicon
	whyDemonym
	whyCapital
	whyPlace
	whyCapPlace
	whyPoss
	whyAgent
	whyCoord
	whyFocus
	whyTitle
	whyRole
	whyCoref
	whyAdhoc
	whyEthnic
	whyOfPlace
	whyNoCounty
)

var whyNames = [...]string{"", "lexicon", "demonym", "capital", "place", "capital-place", "possessive", "agent",
	"coordination", "focus", "title", "role", "coref", "adhoc", "ethnic", "agent-of", "agent-nocountry"}

type item struct {
	first, limit int
	hits         []hit
	// end is the byte end when the match is a prefix of a hyphenated token
	// ("Iranian-backed"), else 0.
	end int
}

type ment struct {
	first, limit int
	start, end   int
	actor        int32 // index into state.list
	why          why
	plural       int8
	sent         int
	adhoc        bool
	// modifier: the mention qualifies the noun after it ("the Afghanistan
	// war"), so it is no antecedent for a pronoun.
	modifier bool
}

type pending struct {
	m      ment
	sector string
	block  bool // a qualifier ("foreign") rules out the focus country
	// ethnic: "ethnic Albanians", a people named by a country's demonym.
	ethnic *Entry
	// title: "the president", answered with the focus country's holder.
	title *Sector
}

type state struct {
	lex     *Lexicon
	doc     *sitrep.Doc
	toks    []sitrep.Token
	folded  []string
	sentOf  []int
	caption []bool
	date    int
	items   []item
	itemAt  []int32
	ments   []ment
	pend    []pending
	actors  map[string]*sitrep.Actor
	index   map[string]int32
	list    []*sitrep.Actor
	focus   *Entry
	// titled are ad-hoc people with a title and no known country.
	titled []*sitrep.Actor
}

func (r *Resolver) newState(doc *sitrep.Doc) *state {
	s := &state{lex: r.lex, doc: doc, toks: doc.Tokens, actors: map[string]*sitrep.Actor{}, index: map[string]int32{}}
	if len(s.toks) == 0 && doc.Text != "" {
		s.toks = segment.Tokenize(doc.Text)
	}
	n := len(s.toks)
	// Folded forms: tokens already in lower-case ASCII are used as they are;
	// the others are folded into one buffer, converted to a string once.
	s.folded = make([]string, n)
	var buf []byte
	type span struct{ i, a, b int }
	var spans []span
	for i := range s.toks {
		t := s.toks[i].Norm
		if t == "" {
			t = s.toks[i].Text
		}
		if isFolded(t) {
			s.folded[i] = t
		} else {
			a := len(buf)
			buf = appendFold(buf, t)
			spans = append(spans, span{i, a, len(buf)})
		}
	}
	if len(buf) > 0 {
		big := string(buf)
		for _, sp := range spans {
			s.folded[sp.i] = big[sp.a:sp.b]
		}
	}
	s.sentOf = make([]int, n)
	for si, se := range doc.Sentences {
		for i := se.First; i < se.Limit && i < n; i++ {
			if i >= 0 {
				s.sentOf[i] = si
			}
		}
	}
	s.caption = make([]bool, len(doc.Sentences)+1)
	for si, se := range doc.Sentences {
		s.caption[si] = se.Kind == sitrep.KindCaption
	}
	s.date, _ = parseDate(string(doc.Published), false)
	return s
}

func (s *state) run() {
	s.items = make([]item, 0, len(s.toks)/6+4)
	s.ments = make([]ment, 0, len(s.toks)/6+4)
	s.scan()
	s.phrases()
	s.computeFocus()
	s.finishPending()
	s.pronouns()
	s.adhocEntities()
}

// scan finds the longest lexicon match at each token, left to right.
func (s *state) scan() {
	n := len(s.toks)
	s.itemAt = make([]int32, n)
	for i := range s.itemAt {
		s.itemAt[i] = -1
	}
	for i := 0; i < n; {
		lim, hits := s.longest(i)
		if lim > i {
			s.addItem(item{first: i, limit: lim, hits: hits})
			i = lim
			continue
		}
		// "Iranian-backed", "Taliban-ruled": the part before the hyphen.
		if t := s.toks[i].Text; strings.IndexByte(t, '-') > 0 {
			p := strings.IndexByte(t, '-')
			if nd := s.lex.root[fold(t[:p])]; nd != nil {
				if hs := s.filter(nd.hits, t[:p]); len(hs) > 0 {
					s.addItem(item{first: i, limit: i + 1, hits: hs, end: s.toks[i].Start + p})
				}
			}
		}
		i++
	}
}

func (s *state) addItem(it item) {
	idx := int32(len(s.items))
	s.items = append(s.items, it)
	for j := it.first; j < it.limit; j++ {
		s.itemAt[j] = idx
	}
}

func (s *state) longest(i int) (int, []hit) {
	m := s.lex.root
	best, var_ := i, []hit(nil)
	for j := i; j < len(s.toks) && j-i < s.lex.maxLen; j++ {
		nd := m[s.folded[j]]
		if nd == nil {
			break
		}
		if len(nd.hits) > 0 {
			if hs := s.filter(nd.hits, s.doc.Text[s.toks[i].Start:s.toks[j].End]); len(hs) > 0 {
				best, var_ = j+1, hs
			}
		}
		if nd.next == nil {
			break
		}
		m = nd.next
	}
	return best, var_
}

// filter keeps the hits whose case rules the surface text satisfies.
func (s *state) filter(hits []hit, text string) []hit {
	hasUpper, allUpper := false, true
	for _, r := range text {
		if unicode.IsLetter(r) {
			if unicode.IsUpper(r) {
				hasUpper = true
			} else {
				allUpper = false
			}
		}
	}
	ok := 0
	for _, h := range hits {
		if (h.acronym && !allUpper) || (h.proper && !hasUpper) || (h.exact != "" && h.exact != text) {
			continue
		}
		ok++
	}
	if ok == len(hits) {
		return hits
	}
	out := make([]hit, 0, ok)
	for _, h := range hits {
		if (h.acronym && !allUpper) || (h.proper && !hasUpper) || (h.exact != "" && h.exact != text) {
			continue
		}
		out = append(out, h)
	}
	return out
}

// head returns the item's actor hit, preferring names to adjectives to
// capitals, or nil.
func (s *state) head(ix int) *hit {
	if ix < 0 {
		return nil
	}
	var best *hit
	rank := 9
	for k := range s.items[ix].hits {
		h := &s.items[ix].hits[k]
		r := 9
		switch {
		case h.kind == kName && h.entry.Type != sitrep.ActorPerson:
			r = 0
		case h.kind == kName:
			r = 1
		case h.kind == kAdj:
			r = 2
		case h.kind == kCapital:
			r = 3
		}
		if r < rank {
			best, rank = h, r
		}
	}
	return best
}

// persons returns the person entries an item names, best for the date first.
func (s *state) person(ix int) *Entry {
	var cands []*Entry
	for _, h := range s.items[ix].hits {
		if h.kind == kName && h.entry.Type == sitrep.ActorPerson {
			cands = append(cands, h.entry)
		}
	}
	return s.pickByDate(cands, "")
}

// pickByDate chooses among people the one in office at the publication
// date (or nearest to it); with no date, the one whose office is latest.
func (s *state) pickByDate(cands []*Entry, role string) *Entry {
	// A person already named in the document wins ("Clinton" after
	// "Hillary Clinton").
	for _, e := range cands {
		if s.actors[e.ID] != nil {
			return e
		}
	}
	var best *Entry
	bestD := -1
	for _, e := range cands {
		for _, o := range e.Offices {
			if role != "" && o.Role != role {
				continue
			}
			d := s.distance(o)
			if best == nil || d < bestD {
				best, bestD = e, d
			}
		}
	}
	if best == nil && len(cands) > 0 {
		best = cands[0]
	}
	return best
}

// distance is how far the publication date lies from an office, in days
// (roughly); 0 when inside it.
func (s *state) distance(o Office) int {
	date := s.date
	if date == 0 {
		date = 99991231
	}
	to := o.To
	if to == 0 {
		to = 99991231
	}
	switch {
	case date < o.From:
		return days(o.From) - days(date)
	case date > to:
		return days(date) - days(to)
	}
	return 0
}

func days(d int) int { return d/10000*372 + d/100%100*31 + d%100 }

// office returns the person's office at the date, matching role when given.
func (s *state) office(e *Entry, role string) (Office, bool) {
	var best Office
	bestD, found := -1, false
	for _, o := range e.Offices {
		if role != "" && o.Role != role {
			continue
		}
		d := s.distance(o)
		if !found || d < bestD || (d == bestD && o.From > best.From) {
			best, bestD, found = o, d, true
		}
	}
	if !found && role != "" {
		return s.office(e, "")
	}
	return best, found && bestD == 0
}

func (s *state) sector(ix int, classes string) *Sector {
	if ix < 0 {
		return nil
	}
	for _, h := range s.items[ix].hits {
		if h.kind == kSector && strings.Contains(classes, h.sect.Class) {
			return h.sect
		}
	}
	return nil
}

func (s *state) at(t int) int {
	if t < 0 || t >= len(s.toks) {
		return -1
	}
	return int(s.itemAt[t])
}

func (s *state) word(t int) string {
	if t < 0 || t >= len(s.toks) {
		return ""
	}
	return s.folded[t]
}

func (s *state) span(first, limit int) (int, int) {
	return s.toks[first].Start, s.toks[limit-1].End
}

func (s *state) add(first, limit int, a *sitrep.Actor, w why) *ment {
	if a == nil {
		return nil
	}
	ix, ok := s.index[a.ID]
	if !ok {
		s.actors[a.ID] = a
		ix = int32(len(s.list))
		s.index[a.ID] = ix
		s.list = append(s.list, a)
	}
	st, en := s.span(first, limit)
	m := ment{first: first, limit: limit, start: st, end: en, actor: ix, why: w, sent: s.sentOf[first]}
	// Number from the verb that follows: "the Taliban are", "the Taliban has".
	switch s.word(limit) {
	case "are", "were", "have", "'re":
		m.plural = 1
	case "is", "was", "has", "'s":
		m.plural = -1
	}
	// Only names of countries and organisations commonly qualify a noun
	// ("the Afghanistan war"); plural groups are followed by their verb.
	if t := a.Type; (t == sitrep.ActorCountry || t == sitrep.ActorIGO) && s.nounAt(limit) {
		m.modifier = true
	}
	s.ments = append(s.ments, m)
	return &s.ments[len(s.ments)-1]
}

// entryActor returns the document's actor for e, made on first use.
func (s *state) entryActor(e *Entry) *sitrep.Actor {
	if a := s.actors[e.ID]; a != nil {
		return a
	}
	return &sitrep.Actor{ID: e.ID, Name: e.Name, Type: e.Type, Country: sitrep.NullString(e.Country), Sector: sitrep.NullString(e.Sector)}
}

// agent builds the actor for a country (or organisation) plus a sector.
func (s *state) agent(e *Entry, code string) *sitrep.Actor {
	if e == nil {
		return &sitrep.Actor{ID: code, Name: sectorNames[code], Type: sitrep.ActorAgent, Sector: sitrep.NullString(code)}
	}
	id := e.ID + code
	if a := s.actors[id]; a != nil {
		return a
	}
	if x := s.lex.byID[id]; x != nil {
		return s.entryActor(x)
	}
	adj := e.Name
	if e.Type == sitrep.ActorCountry && len(e.Adjectives) > 0 {
		adj = e.Adjectives[0]
	}
	name := sectorNames[code]
	if name == "" {
		name = code
	}
	return &sitrep.Actor{ID: id, Name: adj + " " + name, Type: sitrep.ActorAgent, Country: sitrep.NullString(e.Country), Sector: sitrep.NullString(code)}
}

// personActor builds a person's actor. A title in the text ("President
// Bush") states the office, so it sets the sector and role whatever the
// date; without one the office held at the publication date does, and a
// person out of office then is coded ELI (elites), as CAMEO does.
func (s *state) personActor(e *Entry, title *Sector, former bool) *sitrep.Actor {
	if a := s.actors[e.ID]; a != nil {
		return a // the first mention decided the office
	}
	role := ""
	if title != nil {
		role = title.Role
	}
	o, now := s.office(e, role)
	if title != nil {
		a := &sitrep.Actor{ID: e.ID, Name: e.Name, Type: sitrep.ActorPerson, Country: sitrep.NullString(e.Country),
			Sector: sitrep.NullString(title.Code), Role: sitrep.NullString(title.Role)}
		if o.Country != "" {
			a.Country = sitrep.NullString(o.Country)
		}
		if o.Role == title.Role && o.Sector != "" {
			a.Sector = sitrep.NullString(o.Sector)
		}
		if former {
			a.Sector, a.Role = "ELI", sitrep.NullString("former "+title.Role)
		}
		return a
	}
	a := &sitrep.Actor{ID: e.ID, Name: e.Name, Type: sitrep.ActorPerson, Country: sitrep.NullString(e.Country)}
	if o.Country != "" {
		a.Country = sitrep.NullString(o.Country)
	}
	switch {
	case o.Role == "":
		a.Sector = sitrep.NullString(e.Sector)
	case now || s.date == 0:
		a.Sector, a.Role = sitrep.NullString(o.Sector), sitrep.NullString(o.Role)
	default:
		// Out of office at the date: CAMEO codes former officials as elites.
		a.Sector = "ELI"
		if s.date > o.From {
			a.Role = sitrep.NullString("former " + o.Role)
		}
	}
	return a
}

func (s *state) adhocPerson(first, limit int, country, code, role string) *sitrep.Actor {
	name := s.doc.Text[s.toks[first].Start:s.toks[limit-1].End]
	a := &sitrep.Actor{ID: slug(name), Name: name, Type: sitrep.ActorPerson, Country: sitrep.NullString(country), Sector: sitrep.NullString(code), Role: sitrep.NullString(role)}
	if old := s.actors[a.ID]; old != nil {
		return old
	}
	// "Fuad Masum" then "Masum": the surname of a person already named.
	if limit-first == 1 {
		for _, o := range s.list {
			if o.Type == sitrep.ActorPerson && strings.HasSuffix(o.Name, " "+name) {
				return o
			}
		}
	}
	return a
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range fold(s) {
		if r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// output groups the mentions by actor, in order of first mention.
func (s *state) output() []sitrep.Actor {
	slices.SortStableFunc(s.ments, func(a, b ment) int { return a.start - b.start })
	count := make([]int, len(s.list))
	for _, m := range s.ments {
		count[m.actor]++
	}
	// One backing array for every actor's mentions.
	all := make([]sitrep.Mention, 0, len(s.ments))
	slot := make([]int32, len(s.list))
	for i := range slot {
		slot[i] = -1
	}
	out := make([]sitrep.Actor, 0, len(s.list))
	for _, m := range s.ments {
		k := slot[m.actor]
		if k < 0 {
			k = int32(len(out))
			slot[m.actor] = k
			a := *s.list[m.actor]
			n := len(all)
			all = all[:n+count[m.actor]]
			a.Mentions = all[n : n : n+count[m.actor]]
			out = append(out, a)
		}
		a := &out[k]
		if n := len(a.Mentions); n > 0 && a.Mentions[n-1].Start == m.start && a.Mentions[n-1].End == m.end {
			continue
		}
		a.Mentions = append(a.Mentions, sitrep.Mention{Start: m.start, End: m.end, Text: s.doc.Text[m.start:m.end], Why: whyNames[m.why]})
	}
	return out
}
