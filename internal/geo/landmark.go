package geo

import (
	"math"
	"strings"
)

// facilityNouns end names of streets and buildings inside a locality:
// "Royal Street", "Third Presbyterian Church", "Rogers Centre".
var facilityNouns = map[string]bool{
	"street": true, "st": true, "avenue": true, "ave": true, "road": true, "rd": true, "boulevard": true,
	"blvd": true, "lane": true, "drive": true, "square": true, "plaza": true, "bridge": true, "highway": true,
	"canal": true, "church": true, "cathedral": true, "mosque": true, "temple": true, "synagogue": true,
	"court": true, "estate": true, "centre": true, "center": true, "hospital": true, "airport": true,
	"college": true, "school": true, "academy": true, "mall": true, "tower": true, "stadium": true,
	"arena": true, "hall": true, "theatre": true, "theater": true, "museum": true, "library": true,
	"prison": true, "jail": true, "market": true, "station": true, "plantation": true, "palace": true,
	"castle": true, "embassy": true, "parkway": true, "terrace": true, "place": true, "way": true,
	"inn": true, "hotel": true, "cemetery": true, "graveyard": true, "park": true, "campus": true,
	"elementary": true, "roundabout": true, "junction": true, "gardens": true, "fields": true,
}

// landmarks adds street and building names as toponyms anchored to the
// locality they stand in, found from the words before a facility noun.
func (r *recogniser) landmarks() {
	ws := r.ws
	var extra []Toponym
	for j := 1; j < len(ws); j++ {
		if !ws[j].cap || !facilityNouns[r.lower(j)] || ws[j-1].join != 1 || ws[j-1].poss {
			continue
		}
		// Walk back over capitalised words (and inner connectors).
		i := j
		for i > 0 && ws[i-1].join != 0 && !ws[i-1].poss {
			p := i - 1
			if ws[p].cap && !(ws[p].init && r.g.Common(r.wordKey(p)) && p == i-1 && i == j) {
				if ws[p].init && (r.lower(p) == "the" || r.lower(p) == "a") {
					break
				}
				i = p
				continue
			}
			if !ws[p].cap && connectors[r.lower(p)] && p > 0 && ws[p-1].cap && ws[p-1].join != 0 {
				i = p
				continue
			}
			break
		}
		// "The Delhi High Court": the article is no part of the name.
		for i < j && (r.lower(i) == "the" || r.lower(i) == "a") {
			i++
		}
		if i == j || !ws[i].cap {
			continue
		}
		// "St. Thomas" is a saint, not a street.
		if r.lower(j) == "st" && ws[j].join == 3 && j+1 < len(ws) && ws[j+1].cap {
			continue
		}
		// Ordinary phrases are not names: "The Street", "New School" at a
		// sentence start.
		if ws[i].init && r.g.Common(r.wordKey(i)) && j-i == 1 {
			continue
		}
		t := Toponym{Start: ws[i].start, End: ws[j].end, Place: -1, key: r.keyOf(i, j), next: -1, Why: "landmark", multi: true}
		if r.g.Has(t.key) || notPlaces[t.key] {
			continue // a gazetteer place already
		}
		extra = append(extra, t)
	}
	if len(extra) == 0 {
		return
	}
	r.tops = append(r.tops, extra...)
	sortTops(r.tops)
}

// anchorLandmarks gives each landmark the place of a toponym inside it
// ("Seoul Central District Court"), else the document's most mentioned
// locality (the first mentioned on a tie: datelines come first); with
// neither it stays unresolved.
func (r *recogniser) anchorLandmarks() {
	// A small place reached through an alternate name that reads like a
	// street or building ("Washington Square" -> Franklin Square, NY) is
	// that landmark in the article's own town.
	for k := range r.tops {
		t := &r.tops[k]
		if t.Why == "landmark" || t.Place < 0 || t.Reading != Literal {
			continue
		}
		e := &r.g.Places[t.Place]
		if !e.IsCityLike() || e.Pop >= 100000 || Key(e.Name) == t.key {
			continue
		}
		txt := r.doc.Text[t.Start:t.End]
		last := strings.ToLower(txt[strings.LastIndexByte(txt, ' ')+1:])
		if facilityNouns[strings.TrimSuffix(last, ".")] && strings.IndexByte(txt, ' ') > 0 {
			t.Why = "landmark"
		}
	}
	// A weak place name inside a landmark is the landmark's namesake, not
	// a place: "Elysian Fields", "Rogers Centre", "Frenchmen Street".
	inner := make([]bool, len(r.tops))
	for k := range r.tops {
		t := &r.tops[k]
		if t.Why != "landmark" {
			continue
		}
		for q := range r.tops {
			u := &r.tops[q]
			if q != k && u.Why != "landmark" && t.Start <= u.Start && u.End <= t.End {
				inner[q] = true
			}
		}
	}
	// The locality is sought in the document's main country.
	byCC := map[string]int{}
	main := ""
	for k := range r.tops {
		t := &r.tops[k]
		if inner[k] || t.Why == "landmark" || t.Place < 0 {
			continue
		}
		cc := r.g.Places[t.Place].CC
		byCC[cc]++
		if main == "" || byCC[cc] > byCC[main] {
			main = cc
		}
	}
	// Mentions are weighed by how sure and how prominent the place is: a
	// village that is also a common word ("Royal") or a street name written
	// alone must not outvote the city the article is about.
	score := map[int32]float64{}
	var local int32 = -1
	for k := range r.tops {
		t := &r.tops[k]
		if inner[k] || t.Why == "landmark" || t.Reading != Literal || t.Place < 0 {
			continue
		}
		e := &r.g.Places[t.Place]
		if !e.IsCityLike() && e.Kind != KindAdmin2 || e.CC != main {
			continue
		}
		// A million people weigh 1, a village of 1,000 0.5, in half-decade
		// steps so that towns of a size tie and the first named (the
		// dateline) wins.
		w := min(1, math.Floor(2*math.Log10(float64(e.Pop)+10))/12)
		if r.g.Common(t.key) {
			w /= 2
		}
		score[t.Place] += w
		if local < 0 || score[t.Place] > score[local] {
			local = t.Place
		}
	}
	// A minor town abroad that nothing else in a single-country article
	// points to is mostly a local place the gazetteer lacks, named like
	// the foreign one ("Delft" in a Cape Town story): placed in the town.
	if local >= 0 && byCC[main] >= 3 {
		for k := range r.tops {
			t := &r.tops[k]
			if inner[k] || t.Why == "landmark" || t.Reading != Literal || t.Place < 0 {
				continue
			}
			e := &r.g.Places[t.Place]
			if !e.IsCityLike() || e.Kind == KindCapital || e.Pop >= 1000000 || e.CC == main || byCC[e.CC] > r.mentions(t.key) {
				continue
			}
			t.Place, t.Near = local, true
		}
	}
	keep := r.tops[:0]
	for k := range r.tops {
		t := r.tops[k]
		if t.Why == "landmark" {
			t.Place, t.Near = local, local >= 0
			for q := range r.tops {
				u := &r.tops[q]
				if inner[q] && t.Start <= u.Start && u.End <= t.End && u.Place >= 0 && u.Reading == Literal &&
					(r.g.Places[u.Place].IsCityLike() && r.g.Places[u.Place].Pop >= 100000 || r.g.Places[u.Place].Kind == KindFacility) {
					t.Place, t.Near = u.Place, true // "Seoul Central District Court", "Heathrow Animal Reception Center"
				}
			}
		} else if t.Why == "ner" && t.Place < 0 && t.Reading == Literal && !inner[k] && local >= 0 && r.nearIn(t, local) {
			// A place the entity model found and the gazetteer lacks, in a
			// paragraph that names the article's town, is mostly one of its
			// neighbourhoods or roads ("Faubourg Marigny", "A417"): placed
			// there, as a landmark. Elsewhere it stays unresolved: a border
			// village is not in the capital.
			t.Place, t.Near = local, true
		} else if inner[k] && t.Reading == Literal && (t.Place < 0 || r.g.Places[t.Place].IsCityLike() && r.g.Places[t.Place].Pop < 100000 || r.g.Places[t.Place].Kind == KindFacility) {
			continue
		}
		keep = append(keep, t)
	}
	r.tops = keep
}

// nearIn reports whether a toponym resolved to place p stands in the same
// paragraph as t.
func (r *recogniser) nearIn(t Toponym, p int32) bool {
	para := func(off int) int {
		if i := r.doc.SentenceAt(off); i >= 0 {
			return r.doc.Sentences[i].Para
		}
		return -1
	}
	want := para(t.Start)
	for q := range r.tops {
		u := &r.tops[q]
		if u.Place == p && !u.Near && para(u.Start) == want {
			return true
		}
	}
	return false
}

// mentions counts the toponyms with key k.
func (r *recogniser) mentions(k string) int {
	n := 0
	for q := range r.tops {
		if r.tops[q].key == k {
			n++
		}
	}
	return n
}
