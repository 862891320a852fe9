// Package geo finds toponyms in a document and resolves them to places with
// coordinates, using an embedded GeoNames-based gazetteer (see data/README.md).
//
// Recognition matches capitalised word sequences against the gazetteer
// (folded keys: "Herāt" = "Herat", "Lashkargah" = "Lashkar Gah") and takes
// LOC/GPE entities from the language layer when present. It rejects person
// names (titles, given names, names seen with a surname elsewhere in the
// document), common-word namesakes at sentence starts or without locative
// context, acronyms and institutions ("White House"). Each toponym gets a
// reading: literal, adjective (demonyms and "UK forces") or metonym (a
// capital as speaker: "Beijing said"); only literal ones become Doc.Places.
// Vague regions ("the region", "the south", "surrounding countries") are
// lower-case phrases the matcher never takes: they get no place at all,
// rather than a point that would be a guess. Streets and buildings
// ("Royal Street") become landmark places at the locality they stand in.
//
// Resolution scores each reading by population and feature class, then by
// the document: country focus, admin units beside the name ("X, Y",
// "Y's capital X", "X province"), and nearness to the other places.
package geo

//go:generate go run ./gen -out data -extra gen/extra.tsv

import (
	"bytes"
	"compress/gzip"
	"embed"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
)

//go:embed data/places.tsv.gz data/names.tsv.gz
var dataFS embed.FS

// Place kinds in the gazetteer, from the generator's kind column.
const (
	KindCity     uint8 = iota // P, PPL: any populated place
	KindSeat2                 // 2, PPLA2: seat of a second-order admin unit
	KindSeat1                 // 1, PPLA: seat of a first-order admin unit
	KindCapital               // C, PPLC: national capital
	KindAdmin2                // B, ADM2
	KindAdmin1                // A, ADM1
	KindRegion                // R: continent, sea, named region
	KindCountry               // N: country
	KindFacility              // F: large airport (OurAirports)
)

var kindLetters = [256]uint8{'P': KindCity + 1, '2': KindSeat2 + 1, '1': KindSeat1 + 1, 'C': KindCapital + 1,
	'B': KindAdmin2 + 1, 'A': KindAdmin1 + 1, 'R': KindRegion + 1, 'N': KindCountry + 1, 'F': KindFacility + 1}

// Entry is one gazetteer place.
type Entry struct {
	GeonameID int32 // 0 when the place has none (countries, regions)
	Name      string
	Lat, Lon  float32
	Kind      uint8
	CC        string // ISO 3166 alpha-2, "" for multi-country regions
	Admin1    string // admin1 code within CC
	Pop       int64
}

// IsCityLike reports whether e is a populated place.
func (e *Entry) IsCityLike() bool { return e.Kind <= KindCapital }

// Feature returns the contract feature name for e.
func (e *Entry) Feature() string {
	switch e.Kind {
	case KindCountry:
		return "country"
	case KindAdmin1:
		return "admin1"
	case KindAdmin2:
		return "admin2"
	case KindRegion:
		return "region"
	case KindFacility:
		return "landmark"
	}
	return "city"
}

// Demonym is a demonym or adjective of a place: "Afghan" -> AF.
type Demonym struct {
	CC    string
	Place int32 // index of the place it names
}

// Gazetteer is the loaded, read-only place index. It is safe for concurrent use.
type Gazetteer struct {
	Places []Entry
	// text holds the names file; nameLines are the offsets of its @names
	// lines, sorted by key, whose postings are decoded on lookup.
	text      string
	nameLines []int32
	keyEnds   []int32 // end of each name line's key
	demonyms  map[string]Demonym
	common    map[string]struct{}
	given     map[string]struct{}
	first     map[string]struct{}
	countries map[string]int32 // ISO2 -> place index
	admin1    map[string]int32 // "CC.code" -> place index
}

var (
	loadOnce sync.Once
	loadGaz  *Gazetteer
	loadErr  error
)

// Load returns the embedded gazetteer, parsing it on first use; later calls
// share the same read-only value.
func Load() (*Gazetteer, error) {
	loadOnce.Do(func() { loadGaz, loadErr = load() })
	return loadGaz, loadErr
}

// ErrFormat reports a malformed gazetteer file.
var ErrFormat = errors.New("geo: malformed gazetteer")

func load() (*Gazetteer, error) {
	pz, err := dataFS.ReadFile("data/places.tsv.gz")
	if err != nil {
		return nil, fmt.Errorf("geo: reading gazetteer: %w", err)
	}
	nz, err := dataFS.ReadFile("data/names.tsv.gz")
	if err != nil {
		return nil, fmt.Errorf("geo: reading gazetteer: %w", err)
	}
	return parse(pz, nz)
}

// parse builds a gazetteer from the two gzip files, decoding them in
// parallel: loading time is mostly decompression.
func parse(placesGz, namesGz []byte) (*Gazetteer, error) {
	g := &Gazetteer{
		demonyms:  map[string]Demonym{},
		common:    map[string]struct{}{},
		given:     map[string]struct{}{},
		first:     map[string]struct{}{},
		countries: map[string]int32{},
		admin1:    map[string]int32{},
	}
	var (
		wg   sync.WaitGroup
		nerr error
		dems [][3]string
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		t, err := gunzip(namesGz)
		if err == nil {
			dems, err = g.parseNames(t)
		}
		nerr = err
	}()
	t, err := gunzip(placesGz)
	if err == nil {
		err = g.parsePlaces(t)
	}
	wg.Wait()
	if err == nil {
		err = nerr
	}
	if err != nil {
		return nil, err
	}
	for _, d := range dems {
		dm := Demonym{CC: d[1], Place: -1}
		switch {
		case d[2] == "" && d[1] != "":
			if i, ok := g.countries[d[1]]; ok {
				dm.Place = i
			}
		case d[2] != "":
			dm.Place = g.bestNamed(d[2], d[1])
		}
		if dm.Place >= 0 {
			g.demonyms[d[0]] = dm
		}
	}
	return g, nil
}

func gunzip(b []byte) (string, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return "", fmt.Errorf("geo: reading gazetteer: %w", err)
	}
	var buf bytes.Buffer
	buf.Grow(len(b) * 3)
	if _, err := io.Copy(&buf, zr); err != nil {
		return "", fmt.Errorf("geo: reading gazetteer: %w", err)
	}
	return buf.String(), nil
}

// lines calls fn for each line of t that is not a comment, with its offset
// and 1-based number, until fn returns an error.
func lines(t string, fn func(line string, off, no int) error) error {
	no := 0
	for off := 0; off < len(t); {
		end := strings.IndexByte(t[off:], '\n')
		if end < 0 {
			end = len(t)
		} else {
			end += off
		}
		line := t[off:end]
		no++
		if line != "" && line[0] != '#' {
			if err := fn(line, off, no); err != nil {
				return err
			}
		}
		off = end + 1
	}
	return nil
}

func (g *Gazetteer) parsePlaces(t string) error {
	started := false
	err := lines(t, func(line string, _, no int) error {
		bad := func(why string) error { return fmt.Errorf("%w: places line %d: %s", ErrFormat, no, why) }
		if line[0] == '@' {
			var f [3]string
			splitTab(line, f[:])
			n, ok := atoi(f[1])
			if f[0] != "@places" || !ok || n < 0 || n > 1<<24 {
				return bad("want @places header with a count")
			}
			g.Places = make([]Entry, 0, n)
			started = true
			return nil
		}
		if !started {
			return bad("line before @places")
		}
		var f [8]string
		if n := splitTab(line, f[:]); n != 8 {
			return bad("want 8 fields")
		}
		var e Entry
		if f[0] != "" {
			id, ok := atoi(f[0])
			if !ok {
				return bad("bad geonameid")
			}
			e.GeonameID = int32(id)
		}
		e.Name = f[1]
		lat, ok1 := atoi(f[2])
		lon, ok2 := atoi(f[3])
		if !ok1 || !ok2 || lat < -900000 || lat > 900000 || lon < -1800000 || lon > 1800000 {
			return bad("bad coordinates")
		}
		e.Lat, e.Lon = float32(lat)/1e4, float32(lon)/1e4
		if len(f[4]) != 1 || kindLetters[f[4][0]] == 0 {
			return bad("bad kind")
		}
		e.Kind = kindLetters[f[4][0]] - 1
		e.CC, e.Admin1 = f[5], f[6]
		pop, ok := atoi(f[7])
		if !ok || pop < 0 {
			return bad("bad population")
		}
		e.Pop = int64(pop)
		i := int32(len(g.Places))
		switch e.Kind {
		case KindCountry:
			g.countries[e.CC] = i
		case KindAdmin1:
			g.admin1[e.CC+"."+e.Admin1] = i
		}
		g.Places = append(g.Places, e)
		return nil
	})
	if err != nil {
		return err
	}
	if len(g.Places) == 0 {
		return fmt.Errorf("%w: no places", ErrFormat)
	}
	return nil
}

// parseNames indexes the names file and returns the raw demonym rows.
func (g *Gazetteer) parseNames(t string) ([][3]string, error) {
	g.text = t
	g.nameLines = make([]int32, 0, 1<<19)
	g.keyEnds = make([]int32, 0, 1<<19)
	section := ""
	var dems [][3]string
	prev := ""
	err := lines(t, func(line string, off, no int) error {
		bad := func(why string) error { return fmt.Errorf("%w: names line %d: %s", ErrFormat, no, why) }
		if line[0] == '@' {
			section, _, _ = strings.Cut(line, "\t")
			return nil
		}
		switch section {
		case "@names":
			k, _, ok := strings.Cut(line, "\t")
			if !ok || k <= prev {
				return bad("names not sorted")
			}
			prev = k
			g.nameLines = append(g.nameLines, int32(off))
			g.keyEnds = append(g.keyEnds, int32(off+len(k)))
		case "@demonyms":
			var f [3]string
			if n := splitTab(line, f[:]); n != 3 {
				return bad("want 3 fields")
			}
			dems = append(dems, f)
		case "@common":
			g.common[line] = struct{}{}
		case "@given":
			g.given[line] = struct{}{}
		case "@first":
			g.first[line] = struct{}{}
		default:
			return bad("line outside a section")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(g.nameLines) == 0 {
		return nil, fmt.Errorf("%w: no names", ErrFormat)
	}
	return dems, nil
}

// atoi parses a decimal integer with an optional minus sign.
func atoi(s string) (int, bool) {
	neg := false
	if s != "" && s[0] == '-' {
		neg, s = true, s[1:]
	}
	if s == "" || len(s) > 18 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// bestNamed returns the first-ranked place with key k in country cc ("" any).
func (g *Gazetteer) bestNamed(k, cc string) int32 {
	var best int32 = -1
	g.Lookup(k, func(i int32, alt bool) bool {
		if cc == "" || g.Places[i].CC == cc {
			best = i
			return false
		}
		return true
	})
	return best
}

func splitTab(s string, f []string) int {
	n := 0
	for n < len(f)-1 {
		i := strings.IndexByte(s, '\t')
		if i < 0 {
			break
		}
		f[n] = s[:i]
		s = s[i+1:]
		n++
	}
	f[n] = s
	return n + 1
}

// nameKey returns the key of name line i.
func (g *Gazetteer) nameKey(i int) string {
	return g.text[g.nameLines[i]:g.keyEnds[i]]
}

// Has reports whether some place has the folded key k.
func (g *Gazetteer) Has(k string) bool {
	return g.find(k) >= 0
}

func (g *Gazetteer) find(k string) int {
	i := sort.Search(len(g.nameLines), func(i int) bool { return g.nameKey(i) >= k })
	if i < len(g.nameLines) && g.nameKey(i) == k {
		return i
	}
	return -1
}

// findBytes is find for a key held in a byte slice, without allocating.
func (g *Gazetteer) findBytes(k []byte) int {
	lo, hi := 0, len(g.nameLines)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if cmpKey(g.nameKey(m), k) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(g.nameLines) && cmpKey(g.nameKey(lo), k) == 0 {
		return lo
	}
	return -1
}

func cmpKey(a string, b []byte) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return len(a) - len(b)
}

// Lookup calls fn for each place with folded key k, best-ranked first
// (main names before alternate names, then by kind and population), until fn
// returns false. alt reports a match on an alternate name.
func (g *Gazetteer) Lookup(k string, fn func(i int32, alt bool) bool) {
	li := g.find(k)
	if li < 0 {
		return
	}
	s := g.text[g.nameLines[li]:]
	if j := strings.IndexByte(s, '\n'); j >= 0 {
		s = s[:j]
	}
	j := strings.IndexByte(s, '\t')
	if j < 0 {
		return
	}
	s = s[j+1:]
	for len(s) > 0 {
		alt := false
		if s[0] == '~' {
			alt = true
			s = s[1:]
		}
		n := 0
		j := 0
		for j < len(s) && s[j] != ',' {
			if c := s[j]; '0' <= c && c <= '9' && n < 1<<30 {
				n = n*10 + int(c-'0')
			}
			j++
		}
		if j < len(s) {
			j++
		}
		s = s[j:]
		if n < len(g.Places) && !fn(int32(n), alt) {
			return
		}
	}
}

// DemonymOf returns the place a demonym or adjective (folded key) refers to.
func (g *Gazetteer) DemonymOf(k string) (Demonym, bool) {
	d, ok := g.demonyms[k]
	return d, ok
}

// Common reports whether the folded key is a common English word.
func (g *Gazetteer) Common(k string) bool {
	_, ok := g.common[k]
	return ok
}

// Given reports whether the folded key is a word mostly written
// capitalised in spoken English that is not also a common word: mostly
// given names and surnames ("Kelly", "Bryant").
func (g *Gazetteer) Given(k string) bool {
	_, ok := g.given[k]
	return ok
}

// FirstName reports whether the folded key is an English given name.
func (g *Gazetteer) FirstName(k string) bool {
	_, ok := g.first[k]
	return ok
}

// Country returns the index of the country with ISO alpha-2 code cc, or -1.
func (g *Gazetteer) Country(cc string) int32 {
	if i, ok := g.countries[cc]; ok {
		return i
	}
	return -1
}

// Admin1Of returns the index of the admin1 unit containing place i, or -1.
func (g *Gazetteer) Admin1Of(i int32) int32 {
	e := &g.Places[i]
	if e.Kind == KindAdmin1 {
		return i
	}
	if e.Admin1 == "" {
		return -1
	}
	if j, ok := g.admin1[e.CC+"."+e.Admin1]; ok {
		return j
	}
	return -1
}
