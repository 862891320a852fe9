package geo

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
	count := map[int32]int{}
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
		count[t.Place]++
		if local < 0 || count[t.Place] > count[local] {
			local = t.Place
		}
	}
	keep := r.tops[:0]
	for k := range r.tops {
		t := r.tops[k]
		if t.Why == "landmark" {
			t.Place = local
			for q := range r.tops {
				u := &r.tops[q]
				if inner[q] && t.Start <= u.Start && u.End <= t.End && u.Place >= 0 && u.Reading == Literal &&
					r.g.Places[u.Place].IsCityLike() && r.g.Places[u.Place].Pop >= 100000 {
					t.Place = u.Place // "Seoul Central District Court"
				}
			}
		} else if inner[k] && t.Reading == Literal && (t.Place < 0 || r.g.Places[t.Place].IsCityLike() && r.g.Places[t.Place].Pop < 100000) {
			continue
		}
		keep = append(keep, t)
	}
	r.tops = keep
}
