package geo

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
)

// Reading says how a toponym is used.
type Reading uint8

const (
	// Literal is a place named as a place: "fighting in Herat".
	Literal Reading = iota
	// Adjective is a demonym or adjectival use: "Afghan troops", "Canadians".
	Adjective
	// Metonym is a capital standing for its government: "Beijing said".
	Metonym
)

func (r Reading) String() string {
	switch r {
	case Adjective:
		return "adjective"
	case Metonym:
		return "metonym"
	}
	return "literal"
}

// Toponym is one recognised place name in a document.
type Toponym struct {
	Start, End int // byte span in Doc.Text
	Reading    Reading
	// Place is the chosen gazetteer entry, -1 when unresolved.
	Place int32
	// Why records how it was found: gazetteer, demonym, ner, landmark.
	Why string
	// Near is set when Place is not the named place itself but the
	// locality it lies in: streets and buildings, and names the gazetteer
	// lacks ("Faubourg Marigny" placed at New Orleans).
	Near bool

	key   string
	cands []cand
	// context
	next    int // index of the toponym right after ", " or -1
	poss    bool
	hint    uint8 // hintAdmin, hintCity
	inTitle bool
	multi   bool   // more than one word
	loc     bool   // after a locative word ("in", "near")
	actorCC string // country of the actor mention on the same span
}

type cand struct {
	idx int32
	alt bool
}

const (
	hintNone uint8 = iota
	hintAdmin
	hintCity
)

// connectors may stand inside a multi-word name: "Isle of Man", "Rio de Janeiro".
var connectors = map[string]bool{
	"of": true, "de": true, "del": true, "della": true, "la": true, "le": true, "les": true, "du": true,
	"des": true, "da": true, "do": true, "dos": true, "das": true, "di": true, "al": true, "el": true,
	"and": true, "upon": true, "on": true, "the": true, "y": true, "en": true, "sur": true, "am": true,
	"an": true, "der": true, "den": true, "van": true, "von": true, "au": true, "aux": true,
	// Persian and Arabic joiners: "Mazar-i-Sharif", "Sar-e Pol", "Dera Ismail Khan".
	"i": true, "e": true, "ul": true, "ud": true,
}

// neverAlone are capitalised words that are not toponyms on their own,
// though GeoNames has villages so named: directions, months, weekdays,
// titles, pronouns.
var neverAlone = map[string]bool{
	"north": true, "south": true, "east": true, "west": true, "northern": true, "southern": true,
	"eastern": true, "western": true, "central": true, "upper": true, "lower": true, "greater": true,
	"middle": true, "inner": true, "outer": true, "new": true, "old": true, "great": true,
	"northeast": true, "northwest": true, "southeast": true, "southwest": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"i": true, "we": true, "he": true, "she": true, "it": true, "they": true, "you": true, "god": true,
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "president": true, "prime": true, "minister": true,
	"government": true, "police": true, "army": true, "state": true, "city": true, "county": true, "province": true,
	"republic": true, "union": true, "federal": true, "national": true, "university": true, "internet": true,
	"christmas": true, "easter": true, "islam": true, "muslim": true, "christian": true, "jewish": true,
	"taliban": true, "nato": true, "un": true, "isis": true, "al": true, "ap": true,
	"reuters": true, "bbc": true, "cnn": true, "ceo": true, "tv": true, "ok": true, "covid": true,
}

// notPlaces are buildings and streets that stand for institutions.
var notPlaces = map[string]bool{
	"whitehouse": true, "pentagon": true, "kremlin": true, "downingstreet": true, "capitolhill": true,
	"wallstreet": true, "elysee": true, "bluehouse": true, "zhongnanhai": true, "vatican": true,
	"whitehall": true, "fleetstreet": true, "hollywood": true, "westminster": true,
}

// titles before a name mark a person: "President Jackson", "Gen. Kandahari".
var titles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "president": true, "gen": true, "general": true,
	"sen": true, "senator": true, "rep": true, "gov": true, "governor": true, "judge": true, "justice": true,
	"sir": true, "lord": true, "lady": true, "king": true, "queen": true, "prince": true, "princess": true,
	"pope": true, "rev": true, "reverend": true, "father": true, "sister": true, "brother": true, "col": true,
	"colonel": true, "capt": true, "captain": true, "lt": true, "sgt": true, "sergeant": true, "prof": true,
	"professor": true, "minister": true, "secretary": true, "mayor": true, "chancellor": true, "sheikh": true,
	"mullah": true, "maj": true, "major": true, "officer": true, "detective": true, "coach": true, "saint": true,
	"uncle": true, "aunt": true, "mother": true, "mom": true, "dad": true, "councillor": true, "councilman": true,
	"councilwoman": true, "commissioner": true, "chief": true, "ambassador": true, "spokesman": true,
	"spokeswoman": true, "spokesperson": true,
}

// actorNouns after a country name make it a modifier naming an actor, not
// a place: "UK forces", "US officials", "China's government".
var actorNouns = map[string]bool{
	"forces": true, "force": true, "troops": true, "soldiers": true, "military": true, "army": true,
	"navy": true, "officials": true, "official": true, "government": true, "authorities": true,
	"diplomats": true, "diplomat": true, "leaders": true, "leader": true, "president": true,
	"minister": true, "ministry": true, "envoy": true, "embassy": true, "citizens": true, "nationals": true,
	"officers": true, "police": true, "intelligence": true, "negotiators": true, "regime": true,
	"administration": true, "lawmakers": true, "senators": true, "delegation": true, "ambassador": true,
	"spokesman": true, "spokeswoman": true, "companies": true, "firms": true, "media": true, "jets": true,
	"warships": true, "drones": true, "sanctions": true, "-led": true, "-backed": true,
}

// placeNouns after a name make it a place or a feature of one.
var placeNouns = map[string]uint8{
	"province": hintAdmin, "state": hintAdmin, "county": hintAdmin, "region": hintAdmin, "district": hintAdmin,
	"governorate": hintAdmin, "oblast": hintAdmin, "prefecture": hintAdmin, "territory": hintAdmin,
	"department": hintAdmin, "parish": hintAdmin,
	"city": hintCity, "town": hintCity, "village": hintCity, "airport": hintCity, "airfield": hintCity,
	"valley": hintNone, "river": hintNone, "bay": hintNone, "port": hintCity, "harbour": hintCity,
	"harbor": hintCity, "mountains": hintNone, "island": hintNone, "islands": hintNone,
}

// locPreps before a name favour a place reading.
var locPreps = map[string]bool{
	"in": true, "at": true, "from": true, "near": true, "to": true, "into": true, "across": true,
	"outside": true, "inside": true, "around": true, "toward": true, "towards": true, "via": true,
	"through": true, "throughout": true, "between": true, "within": true, "of": true, "visit": true,
	"visited": true, "visiting": true, "downtown": true, "northern": true, "southern": true, "eastern": true,
	"western": true, "central": true, "north": true, "south": true, "east": true, "west": true,
	"city": true, "town": true, "village": true, "province": true, "state": true, "capital": true, "based": true,
	"over": true, "reach": true, "entered": true, "left": true, "fled": true, "flew": true, "born": true,
}

// actVerbs after a capital make it a metonym for its government.
var actVerbs = map[string]bool{
	"said": true, "says": true, "say": true, "announced": true, "announces": true, "warned": true, "warns": true,
	"insisted": true, "insists": true, "accused": true, "accuses": true, "denied": true, "denies": true,
	"claimed": true, "claims": true, "stated": true, "states": true, "told": true, "urged": true, "urges": true,
	"condemned": true, "condemns": true, "responded": true, "rejected": true, "rejects": true, "demanded": true,
	"demands": true, "threatened": true, "threatens": true, "signed": true, "agreed": true, "agrees": true,
	"wants": true, "wanted": true, "hopes": true, "hoped": true, "imposed": true, "sanctioned": true,
	"protested": true, "retaliated": true, "vowed": true, "vows": true, "called": true, "calls": true,
	"declined": true, "refused": true, "refuses": true, "backed": true, "backs": true, "supports": true,
	"supported": true, "criticised": true, "criticized": true, "blamed": true, "blames": true, "argued": true,
	"argues": true, "believes": true, "believed": true, "announce": true,
}

// recogniser holds per-document state.
type recogniser struct {
	g     *Gazetteer
	doc   *sitrep.Doc
	ws    []word
	kb    []byte
	tops  []Toponym
	title []bool // per word: inside a title-case sentence
	// people holds keys seen as part of a person's name in this document.
	people map[string]bool
	// personEnd is the end of the last first-name + surname pair.
	personEnd int
}

// firstNamePair reports a given name at word i followed by a capitalised
// word that is not a common word, a place noun or a place name part.
func (r *recogniser) firstNamePair(i int) bool {
	ws := r.ws
	if i+1 >= len(ws) || ws[i].join != 1 || ws[i].poss || !ws[i+1].cap || ws[i].upper || r.title[i] {
		return false
	}
	if !r.g.FirstName(r.wordKey(i)) || r.hasKind(r.wordKey(i), KindCountry, KindRegion) {
		return false
	}
	nk := r.wordKey(i + 1)
	if _, ok := placeNouns[nk]; ok || r.g.Common(nk) || facilityNouns[nk] {
		return false
	}
	return true
}

// apAbbrev are AP-style US state abbreviations, places only after a comma.
var apAbbrev = map[string]bool{
	"ala": true, "ariz": true, "ark": true, "calif": true, "colo": true, "conn": true, "del": true, "fla": true,
	"ga": true, "ill": true, "ind": true, "kan": true, "kans": true, "ky": true, "la": true, "md": true,
	"mass": true, "mich": true, "minn": true, "miss": true, "mo": true, "mont": true, "neb": true, "nebr": true,
	"nev": true, "nh": true, "nj": true, "nm": true, "ny": true, "nc": true, "nd": true, "okla": true,
	"ore": true, "oreg": true, "pa": true, "penn": true, "ri": true, "sc": true, "sd": true, "tenn": true,
	"tex": true, "vt": true, "va": true, "wash": true, "wva": true, "wis": true, "wisc": true, "wyo": true,
}

// hasKind reports whether some reading of key k has one of the kinds.
func (r *recogniser) hasKind(k string, kinds ...uint8) bool {
	found := false
	r.g.Lookup(k, func(i int32, alt bool) bool {
		for _, kd := range kinds {
			if r.g.Places[i].Kind == kd {
				found = true
			}
		}
		return !found
	})
	return found
}

func (r *recogniser) wordText(i int) string { return r.doc.Text[r.ws[i].start:r.ws[i].end] }

func (r *recogniser) wordKey(i int) string { return Key(r.wordText(i)) }

// lower returns the word lower-cased for table lookups (ASCII fast path).
func (r *recogniser) lower(i int) string {
	w := r.wordText(i)
	for j := 0; j < len(w); j++ {
		c := w[j]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') || c == '.' {
			return strings.ToLower(strings.ReplaceAll(w, ".", ""))
		}
	}
	return w
}

// markTitles flags words in title-case runs (headlines), where capitals say
// nothing about names.
func (r *recogniser) markTitles() {
	r.title = make([]bool, len(r.ws))
	// A run is a stretch of words between sentence starts.
	for s := 0; s < len(r.ws); {
		e := s + 1
		for e < len(r.ws) && !r.ws[e].init {
			e++
		}
		caps, n := 0, 0
		for i := s; i < e; i++ {
			if !r.ws[i].cap && titleLower[r.lower(i)] {
				continue // function words stay lower in titles
			}
			n++
			if r.ws[i].cap {
				caps++
			}
		}
		if n >= 5 && caps*10 >= n*9 {
			for i := s; i < e; i++ {
				r.title[i] = true
			}
		}
		s = e
	}
}

// titleLower are words left in lower case in title-case headlines.
var titleLower = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "in": true, "on": true, "at": true, "to": true, "for": true,
	"and": true, "or": true, "but": true, "by": true, "with": true, "from": true, "as": true, "is": true,
	"nor": true, "vs": true, "via": true, "into": true, "over": true, "per": true,
}

// recognise finds toponym candidates in the document.
func (r *recogniser) recognise() {
	ws := r.ws
	r.markTitles()
	clear(r.people)
	r.personEnd = 0
	if r.people == nil {
		r.people = map[string]bool{}
	}
	for i := 0; i < len(ws); {
		if !ws[i].cap {
			i++
			continue
		}
		bestJ, bestDem := r.longest(i)
		// "South Florida", "West Surrey": a direction before a known place
		// names part of it; the span takes the direction in.
		dirStart := -1
		if (bestJ < 0 || bestJ == i) && directions[r.lower(i)] && ws[i].join == 1 && i+1 < len(ws) && ws[i+1].cap {
			if j, dem := r.longest(i + 1); j >= 0 && !dem && r.isStrong(r.keyOf(i+1, j)) {
				dirStart, bestJ, bestDem = ws[i].start, j, false
				i++
			}
		}
		// "George Washington", "Victoria Beckham": a first name and the
		// next word make a person unless they form one place name.
		if bestJ <= i && r.firstNamePair(i) {
			r.personEnd = ws[i+1].end
			r.people[r.wordKey(i)] = true
			r.people[r.wordKey(i+1)] = true
			i++
			continue
		}
		if bestJ < 0 || ws[i].start < r.personEnd {
			i++
			continue
		}
		key := r.keyOf(i, bestJ)
		t := Toponym{Start: ws[i].start, End: ws[bestJ].end, Place: -1, key: key, next: -1, inTitle: r.title[i], multi: bestJ > i}
		if dirStart >= 0 {
			t.Start, t.multi = dirStart, true
		}
		if bestDem {
			t.Reading = Adjective
			t.Why = "demonym"
		} else {
			t.Why = "gazetteer"
		}
		if r.accept(&t, i, bestJ) {
			t.poss = ws[bestJ].poss
			r.tops = append(r.tops, t)
		}
		i = bestJ + 1
	}
	// A name seen as part of a person's name is a person elsewhere in the
	// document too: "Kobe Bryant ... Bryant scored".
	if len(r.people) > 0 {
		k := 0
		for _, t := range r.tops {
			if t.Reading == Literal && !t.multi && r.people[t.key] && !t.loc && !r.hasKind(t.key, KindCountry, KindRegion) {
				continue
			}
			r.tops[k] = t
			k++
		}
		r.tops = r.tops[:k]
	}
	r.addEntities()
	r.landmarks()
	r.dropActorNames()
	// ", Y" links for admin context: "Lashkar Gah, Helmand".
	for k := 0; k+1 < len(r.tops); k++ {
		a, b := &r.tops[k], &r.tops[k+1]
		if b.Start < a.End {
			continue // a landmark around a place name
		}
		gap := r.doc.Text[a.End:b.Start]
		if a.Why != "landmark" && b.Why != "landmark" && (gap == ", " || gap == " , " || gap == " in ") {
			a.next = k + 1
		}
	}
}

// dropActorNames removes the toponyms that are the whole name of an armed
// group or a party: "Hamas" is not Hamm in Germany. Places inside a longer
// name ("University of Texas") stay: they are toponyms too.
func (r *recogniser) dropActorNames() {
	names := map[[2]int]bool{}
	for _, a := range r.doc.Actors {
		if a.Type != sitrep.ActorArmedGroup && a.Type != sitrep.ActorParty {
			// Organisations, unions and people named like places are
			// often places too ("the EU", "Dulles International
			// Airport", a club named for its town).
			continue
		}
		for _, m := range a.Mentions {
			names[[2]int{m.Start, m.End}] = true
		}
	}
	if len(names) == 0 {
		return
	}
	out := r.tops[:0]
	for _, t := range r.tops {
		if !names[[2]int{t.Start, t.End}] {
			out = append(out, t)
		}
	}
	r.tops = out
}

// directions before a place name make a part of it: "South Florida".
var directions = map[string]bool{
	"north": true, "south": true, "east": true, "west": true, "northern": true, "southern": true,
	"eastern": true, "western": true, "central": true, "upper": true, "lower": true, "greater": true,
	"northeast": true, "northwest": true, "southeast": true, "southwest": true,
	"northeastern": true, "northwestern": true, "southeastern": true, "southwestern": true,
}

// longest returns the last word of the longest gazetteer or demonym match
// of up to 6 words starting at word i (-1 if none), and whether it is a
// demonym.
func (r *recogniser) longest(i int) (int, bool) {
	ws := r.ws
	r.kb = r.kb[:0]
	bestJ, bestDem := -1, false
	for j := i; j < len(ws) && j < i+6; j++ {
		if j > i {
			if ws[j-1].join == 0 || ws[j-1].poss {
				break
			}
			if !ws[j].cap {
				if !connectors[r.lower(j)] || j+1 >= len(ws) {
					break
				}
			}
		}
		r.kb = appendKeyBytes(r.kb, r.wordText(j))
		if !ws[j].cap {
			continue
		}
		if _, ok := r.g.demonyms[string(r.kb)]; ok {
			bestJ, bestDem = j, true
		} else if r.g.findBytes(r.kb) >= 0 {
			bestJ, bestDem = j, false
		}
	}
	return bestJ, bestDem
}

func (r *recogniser) keyOf(i, j int) string {
	return Key(r.doc.Text[r.ws[i].start:r.ws[j].end])
}

func appendKeyBytes(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			b = append(b, c)
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		case c >= utf8.RuneSelf:
			k := Key(s[i:])
			return append(b, k...)
		}
	}
	return b
}

// strength of the best reading of a key: 3 strong (country, region, admin1,
// capital, big city), 2 medium, 1 weak, 0 none.
func (r *recogniser) strength(key string) (s int, country bool) {
	r.g.Lookup(key, func(i int32, alt bool) bool {
		e := &r.g.Places[i]
		v := 1
		switch {
		case e.Kind == KindCountry || e.Kind == KindRegion:
			v = 3
			if !alt || e.Kind == KindCountry {
				country = true
			}
		case e.Kind == KindAdmin1 || e.Kind == KindCapital || e.Kind == KindFacility || e.Pop >= 100000:
			v = 3
		case e.Pop >= 15000 || e.Kind == KindSeat1:
			v = 2
		}
		if alt && v > 1 && e.Kind != KindCountry && e.Kind != KindAdmin1 && e.Kind != KindRegion {
			v--
		}
		if v > s {
			s = v
		}
		return s < 3
	})
	return s, country
}

// accept decides whether the gazetteer or demonym hit on words i..j is a
// toponym, and sets its reading.
func (r *recogniser) accept(t *Toponym, i, j int) bool {
	ws := r.ws
	multi := j > i
	lw := r.lower(i)
	if !multi && neverAlone[lw] || notPlaces[t.key] {
		return false
	}
	if _, ok := placeNouns[t.key]; ok && !multi || facilityNouns[t.key] && !multi {
		return false // "Valley", "Plaza": a feature word, not a name
	}
	// Person names: title or first name before, surname after.
	if i > 0 && ws[i-1].join == 1 && !ws[i-1].poss {
		p := r.lower(i - 1)
		if titles[p] {
			r.people[t.key] = true
			return false
		}
	}
	if t.Reading == Adjective {
		return true
	}
	ent := r.entityAt(t.Start, t.End)
	switch ent {
	case "PER":
		// The entity model misreads some towns as surnames ("the last
		// rebel bastion of Douma", "IMMOKALEE – Congressman ..."): a
		// locative word or a dateline outweighs it unless the word is a
		// first name, a common name or a common word.
		if multi || r.g.FirstName(t.key) || r.g.Given(t.key) || r.g.Common(t.key) || !(r.locContext(i) || r.dateline(i, j)) {
			r.people[t.key] = true
			return false
		}
		return true
	case "LOC", "GPE", "FAC":
		return true
	case "CARDINAL", "ORDINAL", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY":
		return false // "Four", "March": numbers and dates, not namesake villages
	}
	str, country := r.strength(t.key)
	if country {
		str = 3
	}
	title := r.title[i]
	// All-capital short words are acronyms ("APC", "NGO") unless they name
	// a country, region or state ("US", "EU", "BC").
	if !multi && ws[i].upper && ws[i].end-ws[i].start <= 5 && !r.hasKind(t.key, KindCountry, KindRegion, KindAdmin1) {
		return false
	}
	// AP state abbreviations count only in "Dayton, Ohio" position: "Austin, Tex."
	if !multi && apAbbrev[t.key] {
		if t.Start < 2 || r.doc.Text[t.Start-2:t.Start] != ", " {
			return false
		}
		if r.doc.Text[t.End-1] != '.' {
			if t.End >= len(r.doc.Text) || r.doc.Text[t.End] != '.' {
				return false
			}
			t.End++
		}
		return true
	}
	prevCap := i > 0 && ws[i-1].join == 1 && !ws[i-1].poss && ws[i-1].cap && !ws[i-1].init && !r.g.Common(r.wordKey(i-1)) && !title
	if prevCap && len(r.tops) > 0 && r.tops[len(r.tops)-1].End == ws[i-1].end {
		prevCap = false // "Kabul Herat": two places
	}
	if prevCap {
		if _, ok := r.g.demonyms[r.wordKey(i-1)]; ok {
			prevCap = false
		}
	}
	nextCap := ws[j].join == 1 && !ws[j].poss && j+1 < len(ws) && ws[j+1].cap && !title
	if nextCap {
		nk := r.wordKey(j + 1)
		if _, ok := placeNouns[nk]; ok || r.g.Common(nk) || r.isStrong(nk) {
			nextCap = false
		}
		if _, ok := r.g.demonyms[nk]; ok {
			nextCap = false
		}
	}
	if str == 3 && (country || !r.g.Given(t.key) || r.hasKind(t.key, KindAdmin1, KindCapital, KindRegion)) {
		// Well-known places inside longer names are still places ("Texas
		// Rangers", "DeSmog Canada") unless a given name stands beside
		// them ("George Washington", "Nelson Mandela").
		prevCap = prevCap && r.g.FirstName(r.wordKey(i-1))
		nextCap = nextCap && r.g.FirstName(r.wordKey(j+1)) && !neverAlone[r.wordKey(j+1)]
	}
	if prevCap || nextCap {
		r.people[t.key] = true
		return false
	}
	if !multi && !title && r.g.Given(t.key) && str < 3 && !r.locContext(i) && r.nounHint(j) == hintNone && !r.commaPlace(j) {
		return false // a given name or surname that is also a small town
	}
	loc := r.locContext(i)
	t.loc = loc
	hint := r.nounHint(j)
	t.hint = hint
	// Metonymy: a capital or country directly before a speech or act verb.
	if ws[j].join == 1 && j+1 < len(ws) && actVerbs[r.lower(j+1)] && !ws[j].poss {
		if r.isCapital(t.key) && !country {
			t.Reading = Metonym
			return true
		}
		if str < 3 {
			return false // "Franklin said": a person
		}
	}
	if country && ws[j].join != 0 && !ws[j].poss && j+1 < len(ws) && actorNouns[r.lower(j+1)] {
		t.Reading = Adjective // "UK forces"
		return true
	}
	if !country && !multi && ws[j].join != 0 && j+1 < len(ws) && (r.lower(j+1) == "era" || r.lower(j+1) == "administration") {
		return false // "the Obama administration", "Obama-era rules"
	}
	if country && ws[j].join == 2 && j+1 < len(ws) && (r.lower(j+1) == "led" || r.lower(j+1) == "backed") {
		t.Reading = Adjective // "U.S.-backed government"
		return true
	}
	common := !multi && r.g.Common(t.key)
	if r.dateline(i, j) && str >= 2 {
		return true
	}
	switch {
	case country:
		return true
	case title:
		return str == 3 && !common
	case common:
		if ws[i].init {
			return false
		}
		return str == 3 && (loc || hint != hintNone || r.commaPlace(j)) || ent != "" && ent != "ORG"
	case str == 3, str == 2 && !ws[i].init:
		return true
	case str == 2:
		return loc || hint != hintNone || r.commaPlace(j)
	default:
		return loc && !ws[i].init || hint != hintNone || r.commaPlace(j)
	}
}

// dateline reports an all-capital place opening a paragraph and followed by
// a comma, a bracket or a dash: "PLEASANTON, Calif. —", "WASHINGTON (AP)",
// "IMMOKALEE –".
func (r *recogniser) dateline(i, j int) bool {
	if !r.ws[i].init || !r.ws[i].upper || !r.ws[j].upper {
		return false
	}
	s := r.ws[i].start
	if s > 0 && r.doc.Text[s-1] != '\n' {
		return false
	}
	rest := r.doc.Text[r.ws[j].end:]
	return strings.HasPrefix(rest, ",") || strings.HasPrefix(rest, " (") || strings.HasPrefix(rest, " —") || strings.HasPrefix(rest, " –") || strings.HasPrefix(rest, " -")
}

func (r *recogniser) isStrong(k string) bool {
	s, c := r.strength(k)
	return s == 3 || c
}

func (r *recogniser) isCapital(k string) bool {
	capital := false
	r.g.Lookup(k, func(i int32, alt bool) bool {
		if r.g.Places[i].Kind == KindCapital && !alt {
			capital = true
		}
		return !capital && !alt
	})
	return capital
}

// locContext reports a locative word right before word i.
func (r *recogniser) locContext(i int) bool {
	if i == 0 || r.ws[i-1].join != 1 {
		return false
	}
	p := i - 1
	if r.lower(p) == "the" && p > 0 && r.ws[p-1].join == 1 {
		p--
	}
	return locPreps[r.lower(p)]
}

// nounHint reads a place noun after word j: "Helmand province", "Herat city".
func (r *recogniser) nounHint(j int) uint8 {
	if r.ws[j].join != 1 || j+1 >= len(r.ws) {
		return hintNone
	}
	h, ok := placeNouns[r.lower(j+1)]
	if !ok {
		return hintNone
	}
	if h == hintNone {
		return 3 // a feature noun: place reading, no admin/city preference
	}
	return h
}

// commaPlace reports ", Y" after word j where Y is a strong place: "Paris, Texas".
func (r *recogniser) commaPlace(j int) bool {
	w := r.ws[j]
	if w.end+2 > len(r.doc.Text) || r.doc.Text[w.end:w.end+2] != ", " || j+1 >= len(r.ws) || !r.ws[j+1].cap {
		return false
	}
	k := r.wordKey(j + 1)
	if j+2 < len(r.ws) && r.ws[j+1].join == 1 && r.ws[j+2].cap {
		if k2 := k + r.wordKey(j+2); r.g.Has(k2) && r.isStrong(k2) {
			return true
		}
	}
	return r.g.Has(k) && r.isStrong(k)
}

// entityAt returns the label of a NER entity covering [s,e), or "".
func (r *recogniser) entityAt(s, e int) string {
	for _, en := range r.doc.Entities {
		if en.Start <= s && e <= en.End {
			if en.Label == "ORG" && (en.Start != s || en.End != e) {
				return "" // embedded in an organisation name: still a place
			}
			return en.Label
		}
	}
	return ""
}

// addEntities adds LOC/GPE entities the gazetteer pass missed.
func (r *recogniser) addEntities() {
	if len(r.doc.Entities) == 0 {
		return
	}
	var extra []Toponym
	for _, en := range r.doc.Entities {
		if en.Label != "LOC" && en.Label != "GPE" && en.Label != "FAC" {
			continue
		}
		covered := false
		for k := range r.tops {
			if r.tops[k].Start < en.End && en.Start < r.tops[k].End {
				covered = true
				break
			}
		}
		if covered || !(sitrep.Span{Start: en.Start, End: en.End}).Valid(len(r.doc.Text)) {
			continue
		}
		s, e := en.Start, en.End
		txt := r.doc.Text[s:e]
		if strings.HasPrefix(txt, "the ") || strings.HasPrefix(txt, "The ") {
			s += 4
			txt = txt[4:]
		}
		if txt == "" || !unicode.IsUpper(runeAt(txt, 0)) {
			continue
		}
		k := Key(txt)
		t := Toponym{Start: s, End: e, Place: -1, key: k, next: -1, Why: "ner"}
		if neverAlone[k] {
			continue
		}
		if d, ok := r.g.demonyms[k]; ok {
			_ = d
			t.Reading = Adjective
		}
		extra = append(extra, t)
	}
	if len(extra) == 0 {
		return
	}
	r.tops = append(r.tops, extra...)
	sortTops(r.tops)
}

func sortTops(ts []Toponym) {
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && ts[j].Start < ts[j-1].Start; j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}
