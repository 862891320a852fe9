package geo

import (
	"math"

	"golang.org/x/text/language"
)

// maxCands bounds the readings weighed per toponym; postings are ranked
// (main names, then kind, then population) so the tail rarely matters.
const maxCands = 24

// resolve picks a gazetteer entry for each toponym: a prior from population
// and feature class, then the document's context (country focus, admin
// units named beside it, nearness to the other places), in two passes.
func (r *recogniser) resolve() {
	g := r.g
	for k := range r.tops {
		t := &r.tops[k]
		if t.Reading == Adjective && t.Why == "demonym" {
			if d, ok := g.demonyms[t.key]; ok {
				t.Place = d.Place
			}
			continue
		}
		t.cands = t.cands[:0]
		if t.Why == "landmark" {
			continue
		}
		g.Lookup(t.key, func(i int32, alt bool) bool {
			t.cands = append(t.cands, cand{i, alt})
			return len(t.cands) < maxCands
		})
	}
	// Country focus from the unambiguous signals: country names and demonyms.
	focus := map[string]float64{}
	for k := range r.tops {
		t := &r.tops[k]
		if t.Reading == Adjective && t.Place >= 0 {
			focus[g.Places[t.Place].CC] += 0.5
			continue
		}
		if len(t.cands) > 0 {
			e := &g.Places[t.cands[0].idx]
			if e.Kind == KindCountry {
				focus[e.CC]++
			}
		}
	}
	r.actorCountries()
	r.choose(focus, nil)
	// Second pass: add the first pass's places to the focus and weigh
	// nearness to them.
	var pts []point
	seenPt := map[int32]bool{}
	focus2 := map[string]float64{}
	for c, v := range focus {
		focus2[c] = v
	}
	for k := range r.tops {
		t := &r.tops[k]
		if t.Place < 0 || len(t.cands) == 0 {
			continue
		}
		e := &g.Places[t.Place]
		if e.Kind != KindCountry && e.CC != "" {
			focus2[e.CC] += 0.5
		}
		if e.IsCityLike() && !seenPt[t.Place] {
			seenPt[t.Place] = true
			pts = append(pts, point{t.Place, e.Lat, e.Lon})
		}
	}
	r.choose(focus2, pts)
	r.anchorLandmarks()
	// "Calif." is written with its period: the mention keeps it.
	for k := range r.tops {
		t := &r.tops[k]
		if apAbbrev[t.key] && t.End < len(r.doc.Text) && r.doc.Text[t.End] == '.' {
			t.End++
		}
	}
}

// actorCountries gives each toponym that is also the mention of an actor
// with a country that country (ISO alpha-2): the actor lexicon knows Gaza
// as Palestinian, whatever the population of Gaza Province, Mozambique.
func (r *recogniser) actorCountries() {
	if len(r.doc.Actors) == 0 {
		return
	}
	at := map[[2]int]string{}
	for _, a := range r.doc.Actors {
		if a.Country == "" {
			continue
		}
		reg, err := language.ParseRegion(string(a.Country))
		if err != nil {
			continue
		}
		for _, m := range a.Mentions {
			at[[2]int{m.Start, m.End}] = reg.String()
		}
	}
	for k := range r.tops {
		t := &r.tops[k]
		t.actorCC = at[[2]int{t.Start, t.End}]
	}
}

type point struct {
	place    int32
	lat, lon float32
}

func (r *recogniser) choose(focus map[string]float64, pts []point) {
	g := r.g
	maxF := 0.0
	for _, v := range focus {
		maxF = max(maxF, v)
	}
	// Admin1 units and countries named in the document.
	var admins []int32
	for k := range r.tops {
		t := &r.tops[k]
		if t.Place >= 0 && t.Reading == Literal && g.Places[t.Place].Kind == KindAdmin1 {
			admins = append(admins, t.Place)
		}
	}
	for k := range r.tops {
		t := &r.tops[k]
		if len(t.cands) == 0 {
			continue
		}
		// Explicit containers: "X, Y", "X in Y", "Y's capital X".
		var ctr []int32
		if t.next >= 0 {
			ctr = r.appendReadings(ctr, t.next)
		}
		if k > 0 {
			p := &r.tops[k-1]
			if p.poss && t.Start-p.End < 40 {
				ctr = r.appendReadings(ctr, k-1)
			}
		}
		mainName := false
		for _, c := range t.cands {
			mainName = mainName || !c.alt
		}
		// Namesakes folded to one key but spelled apart ("New Quay",
		// "Newquay"): the one written as in the text is meant.
		words := wordCount(r.doc.Text[t.Start:t.End])
		spelled := false
		if len(t.cands) > 1 {
			for _, c := range t.cands {
				if e := &g.Places[c.idx]; !c.alt && wordCount(e.Name) != words && Key(e.Name) == t.key {
					spelled = true
					break
				}
			}
		}
		best, bestS := int32(-1), math.Inf(-1)
		for ci, c := range t.cands {
			e := &g.Places[c.idx]
			s := 1.5 * math.Log10(float64(e.Pop)+10)
			switch e.Kind {
			case KindCountry:
				s += 6
			case KindRegion:
				s += 4
			case KindAdmin1:
				s += 2.5
				if r.sameNameCity(t, ci) {
					s -= 3
				}
			case KindCapital:
				s += 4
			case KindFacility:
				s += 5 // a large airport outranks its village namesake
			case KindSeat1:
				s += 1
			case KindSeat2, KindAdmin2:
				s += 0.5
			}
			if spelled && !c.alt && wordCount(e.Name) == words && Key(e.Name) == t.key {
				s += 2.5
			}
			if c.alt && e.Kind != KindCountry {
				// Alternate names are often old or foreign names
				// ("Salisbury" for Harare): weak when a main name matches.
				s -= 1.5
				if mainName {
					s -= 4
				}
			}
			switch t.hint {
			case hintAdmin:
				if e.Kind == KindAdmin1 || e.Kind == KindAdmin2 {
					s += 4
				} else if e.IsCityLike() {
					s -= 2
				}
			case hintCity:
				if e.IsCityLike() {
					s += 3
				} else if e.Kind == KindAdmin1 || e.Kind == KindAdmin2 {
					s -= 3
				}
			}
			if e.CC != "" && maxF > 0 {
				s += 3 * focus[e.CC] / maxF
			}
			if t.actorCC != "" && e.CC == t.actorCC {
				s += 4 // the actor layer's country for this very name
			}
			for _, a := range ctr {
				if contains(g, a, c.idx) {
					s += 6
					break
				}
			}
			if e.Kind != KindAdmin1 && e.Kind != KindCountry {
				for _, a := range admins {
					if contains(g, a, c.idx) {
						s += 1
						break
					}
				}
			}
			if len(pts) > 0 && e.Kind != KindCountry && e.Kind != KindRegion {
				// Places named together lie together: each other place
				// within 100 km counts, up to three.
				d, close := math.Inf(1), 0
				for _, p := range pts {
					if p.place == t.Place {
						continue // itself, as chosen in the first pass
					}
					x := fastDist(e.Lat, e.Lon, p.lat, p.lon)
					d = min(d, x)
					if x < 100 {
						close++
					}
				}
				switch {
				case close > 0:
					s += 1.5 + 1.5*float64(min(close, 3))
				case d < 300:
					s += 1.5
				case d < 800:
					s += 0.5
				}
			}
			if s > bestS {
				best, bestS = c.idx, s
			}
		}
		t.Place = best
	}
}

// appendReadings adds the chosen place of toponym k and its country and
// admin1 readings as possible containers.
func (r *recogniser) appendReadings(dst []int32, k int) []int32 {
	t := &r.tops[k]
	if t.Reading == Adjective {
		return dst
	}
	for _, c := range t.cands {
		if e := &r.g.Places[c.idx]; e.Kind == KindCountry || e.Kind == KindAdmin1 || e.Kind == KindAdmin2 {
			dst = append(dst, c.idx)
		}
	}
	return dst
}

// sameNameCity reports whether another reading of t is a city inside the
// admin1 reading ci: "Kandahar" names the city before the province.
func (r *recogniser) sameNameCity(t *Toponym, ci int) bool {
	a := &r.g.Places[t.cands[ci].idx]
	for _, c := range t.cands {
		e := &r.g.Places[c.idx]
		if e.IsCityLike() && e.CC == a.CC && e.Admin1 == a.Admin1 && (e.Pop >= 1000 && !c.alt || e.Pop >= 100000) {
			return true
		}
	}
	return false
}

// contains reports whether container a (country, admin1 or admin2) holds place i.
func contains(g *Gazetteer, a, i int32) bool {
	if a == i {
		return false
	}
	ca, e := &g.Places[a], &g.Places[i]
	if ca.CC == "" || ca.CC != e.CC {
		return false
	}
	switch ca.Kind {
	case KindCountry:
		return e.Kind != KindCountry
	case KindAdmin1:
		return e.Admin1 == ca.Admin1 && e.Kind != KindAdmin1
	case KindAdmin2:
		return e.Admin1 == ca.Admin1 && e.IsCityLike() && fastDist(ca.Lat, ca.Lon, e.Lat, e.Lon) < 60
	}
	return false
}

// fastDist is an equirectangular distance in km, good enough below a few
// thousand km for ranking.
func fastDist(lat1, lon1, lat2, lon2 float32) float64 {
	const rad = math.Pi / 180
	x := float64(lon2-lon1) * rad * math.Cos(float64(lat1+lat2)/2*rad)
	if x > math.Pi {
		x -= 2 * math.Pi
	} else if x < -math.Pi {
		x += 2 * math.Pi
	}
	y := float64(lat2-lat1) * rad
	return 6371 * math.Sqrt(x*x+y*y)
}

// Haversine returns the great-circle distance in km.
func Haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const rad = math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * 6371 * math.Asin(math.Sqrt(min(1, a)))
}

// wordCount counts the space- or hyphen-separated words of s.
func wordCount(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		sep := s[i] == ' ' || s[i] == '-'
		if !sep && !in {
			n++
		}
		in = !sep
	}
	return n
}
