// Package actors resolves the actors of a document: countries, IGOs, armed
// groups, ethnic groups, people and agents (a country plus a sector such as
// GOV or MIL), each with every mention that refers to it. It reads an
// embedded lexicon (lexicon/actors) that users may extend with a folder of
// their own TSV files.
package actors

//go:generate go run ./gen -out ../../lexicon/actors/countries.tsv

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	lexdata "github.com/sitrep/sitrep/lexicon/actors"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/segment"
	"golang.org/x/text/unicode/norm"
)

// Entry is one canonical actor of the lexicon.
type Entry struct {
	ID      string
	Type    string // sitrep.Actor* type
	Country string // ISO 3166 alpha-3 or ""
	Sector  string // CAMEO agent code or ""
	Name    string
	// Affil is the organisation a person serves (an entry id), or "".
	Affil string
	// Adjectives are demonyms and adjectival forms ("Afghan", "Uyghur").
	Adjectives []string
	Aliases    []string
	Capitals   []string
	// Offices are a person's posts with their dates.
	Offices []Office
	// Pos is where the entry was first defined (file:line).
	Pos string
}

// Office is a post a person held between two dates (yyyymmdd; To 0 = still
// in office).
type Office struct {
	Role    string
	Sector  string
	Country string
	From    int
	To      int
}

// Sector is a word for a kind of actor: a CAMEO agent code with the role it
// plays in a phrase.
type Sector struct {
	Phrase string
	Code   string
	// Class is group (heads an agent, alone or with a country), noun (heads
	// an agent only with a country), title (a person's office), modifier,
	// collective (a neutral head such as "groups") or honorific ("Mr.").
	Class string
	Role  string // canonical office for titles
	ntok  int    // tokens in Phrase
}

// hit kinds
const (
	kName = iota
	kAdj
	kCapital
	kSector
)

type hit struct {
	kind  uint8
	entry *Entry
	sect  *Sector
	// acronym: the alias is all capitals and only matches capitals;
	// proper: the alias has capitals and does not match all-lowercase text.
	acronym, proper bool
	// exact: the surface form must be this string.
	exact string
}

type node struct {
	next map[string]*node
	hits []hit
}

// Lexicon is the parsed actor lexicon. It is read-only once built and safe
// for concurrent use.
type Lexicon struct {
	entries []*Entry
	byID    map[string]*Entry
	byISO   map[string]*Entry // countries by ISO alpha-3
	sectors []*Sector
	root    map[string]*node
	// holders lists the people by (country or affiliation, role).
	holders map[string][]*Entry
	maxLen  int
}

// PosError is a bad lexicon line.
type PosError struct {
	File string
	Line int
	Err  error
}

func (e *PosError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }

// Unwrap returns the underlying error.
func (e *PosError) Unwrap() error { return e.Err }

// Entry returns the entry with id, or nil.
func (l *Lexicon) Entry(id string) *Entry { return l.byID[id] }

// Len returns the number of entries.
func (l *Lexicon) Len() int { return len(l.entries) }

// Load parses the embedded lexicon and then, when dir is not empty, every
// *.tsv file in dir, whose rows add to or override embedded entries with
// the same id (aliases are added; non-empty fields replace). All bad lines
// are reported, each as file:line.
func Load(dir string) (*Lexicon, error) {
	b := newBuilder()
	names, err := fs.Glob(lexdata.FS, "*.tsv")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	// countries.tsv first so the curated files can extend it.
	sort.SliceStable(names, func(i, j int) bool { return names[i] == "countries.tsv" && names[j] != "countries.tsv" })
	for _, n := range names {
		data, err := fs.ReadFile(lexdata.FS, n)
		if err != nil {
			return nil, err
		}
		b.parse("lexicon/actors/"+n, data)
	}
	if dir != "" {
		user, err := filepath.Glob(filepath.Join(dir, "*.tsv"))
		if err != nil {
			return nil, fmt.Errorf("actors: reading lexicon folder %q: %w", dir, err)
		}
		if len(user) == 0 {
			if _, err := os.Stat(dir); err != nil {
				return nil, fmt.Errorf("actors: reading lexicon folder %q: %w", dir, err)
			}
		}
		sort.Strings(user)
		for _, p := range user {
			data, err := os.ReadFile(p)
			if err != nil {
				return nil, fmt.Errorf("actors: reading %q: %w", p, err)
			}
			b.parse(p, data)
		}
	}
	if len(b.errs) > 0 {
		return nil, errors.Join(b.errs...)
	}
	return b.build(), nil
}

// ParseFile parses one lexicon file on its own, for tools and fuzzing.
func ParseFile(name string, data []byte) (*Lexicon, error) {
	b := newBuilder()
	b.parse(name, data)
	if len(b.errs) > 0 {
		return nil, errors.Join(b.errs...)
	}
	return b.build(), nil
}

type builder struct {
	l    *Lexicon
	errs []error
}

func newBuilder() *builder {
	return &builder{l: &Lexicon{byID: map[string]*Entry{}, root: map[string]*node{}, holders: map[string][]*Entry{}}}
}

var actorCols = map[string]bool{"id": true, "type": true, "country": true, "sector": true, "name": true,
	"aliases": true, "adjectives": true, "capitals": true, "role": true, "from": true, "to": true, "affil": true}
var sectorCols = map[string]bool{"phrase": true, "sector": true, "class": true, "role": true}

var actorTypes = map[string]bool{sitrep.ActorCountry: true, sitrep.ActorIGO: true, sitrep.ActorArmedGroup: true,
	sitrep.ActorParty: true, sitrep.ActorOrganization: true, sitrep.ActorPerson: true,
	sitrep.ActorEthnicGroup: true, sitrep.ActorAgent: true}
var sectorClasses = map[string]bool{"group": true, "noun": true, "title": true, "modifier": true, "collective": true, "honorific": true}

func (b *builder) fail(file string, line int, format string, args ...any) {
	if len(b.errs) < 100 {
		b.errs = append(b.errs, &PosError{File: file, Line: line, Err: fmt.Errorf(format, args...)})
	}
}

// parse reads one TSV file: '#' comment lines, a header row naming the
// columns, then rows. The header decides the kind of file: "id" for
// actors, "phrase" for sector words.
func (b *builder) parse(file string, data []byte) {
	if !utf8.Valid(data) {
		b.fail(file, 1, "not UTF-8 text")
		return
	}
	var header []string
	line := 0
	for len(data) > 0 {
		line++
		var s string
		if i := strings.IndexByte(string(data), '\n'); i >= 0 {
			s, data = string(data[:i]), data[i+1:]
		} else {
			s, data = string(data), nil
		}
		s = strings.TrimRight(s, "\r")
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		cells := strings.Split(s, "\t")
		if header == nil {
			header = b.header(file, line, cells)
			if header == nil {
				return
			}
			continue
		}
		if len(cells) > len(header) {
			b.fail(file, line, "%d columns, header has %d", len(cells), len(header))
			continue
		}
		row := map[string]string{}
		for i, c := range cells {
			row[header[i]] = strings.TrimSpace(c)
		}
		if header[0] == "phrase" || slicesContains(header, "phrase") {
			b.sectorRow(file, line, row)
		} else {
			b.actorRow(file, line, row)
		}
	}
}

func slicesContains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func (b *builder) header(file string, line int, cells []string) []string {
	h := make([]string, len(cells))
	seen := map[string]bool{}
	for i, c := range cells {
		h[i] = strings.ToLower(strings.TrimSpace(c))
		if seen[h[i]] {
			b.fail(file, line, "column %q twice in header", h[i])
			return nil
		}
		seen[h[i]] = true
	}
	cols := actorCols
	need := []string{"id", "type"}
	if seen["phrase"] {
		cols, need = sectorCols, []string{"phrase", "class"}
	}
	for _, c := range h {
		if !cols[c] {
			b.fail(file, line, "unknown column %q in header", c)
			return nil
		}
	}
	for _, c := range need {
		if !seen[c] {
			b.fail(file, line, "header lacks column %q", c)
			return nil
		}
	}
	return h
}

func isCode(s string, min, max int) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

func validID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r < utf8.RuneSelf && (r == '-' || r == '_' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z')) {
			return false
		}
	}
	return true
}

// parseDate reads YYYY, YYYY-MM or YYYY-MM-DD as yyyymmdd; end picks the
// last day of a partial date.
func parseDate(s string, end bool) (int, error) {
	if s == "" {
		return 0, nil
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return 0, fmt.Errorf("bad date %q (want YYYY, YYYY-MM or YYYY-MM-DD)", s)
	}
	v := [3]int{0, 1, 1}
	if end {
		v = [3]int{0, 12, 31}
	}
	lim := [3]int{9999, 12, 31}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > lim[i] || (i > 0 && len(p) != 2) {
			return 0, fmt.Errorf("bad date %q (want YYYY, YYYY-MM or YYYY-MM-DD)", s)
		}
		v[i] = n
	}
	return v[0]*10000 + v[1]*100 + v[2], nil
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (b *builder) actorRow(file string, line int, row map[string]string) {
	id, typ := row["id"], row["type"]
	switch {
	case !validID(id):
		b.fail(file, line, "bad id %q (letters, digits, - and _ only)", id)
		return
	case !actorTypes[typ]:
		b.fail(file, line, "unknown type %q", typ)
		return
	case row["country"] != "" && !isCode(row["country"], 3, 3):
		b.fail(file, line, "country %q is not an ISO alpha-3 code", row["country"])
		return
	case row["sector"] != "" && !isCode(row["sector"], 3, 3):
		b.fail(file, line, "sector %q is not a three-letter code", row["sector"])
		return
	case row["affil"] != "" && !validID(row["affil"]):
		b.fail(file, line, "bad affil %q", row["affil"])
		return
	}
	from, err := parseDate(row["from"], false)
	if err != nil {
		b.fail(file, line, "%v", err)
		return
	}
	to, err := parseDate(row["to"], true)
	if err != nil {
		b.fail(file, line, "%v", err)
		return
	}
	if to != 0 && from > to {
		b.fail(file, line, "office ends (%s) before it starts (%s)", row["to"], row["from"])
		return
	}
	if typ != sitrep.ActorPerson && (row["role"] != "" || from != 0 || to != 0) {
		b.fail(file, line, "role and dates are for people only")
		return
	}
	e := b.l.byID[id]
	if e == nil {
		e = &Entry{ID: id, Type: typ, Pos: fmt.Sprintf("%s:%d", file, line)}
		b.l.byID[id] = e
		b.l.entries = append(b.l.entries, e)
	} else if e.Type != typ {
		b.fail(file, line, "id %q is a %s at %s, not a %s", id, e.Type, e.Pos, typ)
		return
	}
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&e.Country, row["country"])
	set(&e.Sector, row["sector"])
	set(&e.Name, row["name"])
	set(&e.Affil, row["affil"])
	if e.Name == "" {
		b.fail(file, line, "entry %q has no name", id)
		return
	}
	e.Aliases = appendNew(e.Aliases, splitList(row["aliases"])...)
	e.Adjectives = appendNew(e.Adjectives, splitList(row["adjectives"])...)
	e.Capitals = appendNew(e.Capitals, splitList(row["capitals"])...)
	if typ == sitrep.ActorPerson && (row["role"] != "" || from != 0) {
		e.Offices = append(e.Offices, Office{Role: row["role"], Sector: row["sector"], Country: row["country"], From: from, To: to})
	}
}

func appendNew(dst []string, vs ...string) []string {
outer:
	for _, v := range vs {
		for _, d := range dst {
			if d == v {
				continue outer
			}
		}
		dst = append(dst, v)
	}
	return dst
}

func (b *builder) sectorRow(file string, line int, row map[string]string) {
	s := &Sector{Phrase: row["phrase"], Code: row["sector"], Class: row["class"], Role: row["role"]}
	switch {
	case s.Phrase == "":
		b.fail(file, line, "empty phrase")
	case !sectorClasses[s.Class]:
		b.fail(file, line, "unknown class %q", s.Class)
	case s.Code != "" && !isCode(s.Code, 3, 3):
		b.fail(file, line, "sector %q is not a three-letter code", s.Code)
	case (s.Class == "group" || s.Class == "noun" || s.Class == "title") && s.Code == "":
		b.fail(file, line, "a %s needs a sector", s.Class)
	case s.Class == "title" && s.Role == "":
		b.fail(file, line, "a title needs a role")
	default:
		b.l.sectors = append(b.l.sectors, s)
	}
}

// build indexes the entries: the phrase trie and the office holders.
func (b *builder) build() *Lexicon {
	l := b.l
	l.byISO = map[string]*Entry{}
	for _, e := range l.entries {
		if e.Type == sitrep.ActorCountry && e.Country != "" {
			l.byISO[e.Country] = e
		}
	}
	for _, e := range l.entries {
		names := appendNew([]string{e.Name}, e.Aliases...)
		if e.Type == sitrep.ActorPerson || e.Type == sitrep.ActorAgent {
			// An agent's or person's canonical name is a description, not always
			// a surface form; aliases carry the forms.
			names = e.Aliases
			if e.Type == sitrep.ActorPerson {
				names = appendNew([]string{e.Name}, e.Aliases...)
			}
		}
		for _, a := range names {
			l.add(a, hit{kind: kName, entry: e})
		}
		for _, a := range e.Adjectives {
			l.add(a, hit{kind: kAdj, entry: e})
		}
		for _, a := range e.Capitals {
			l.add(a, hit{kind: kCapital, entry: e})
		}
		for _, o := range e.Offices {
			for _, k := range []string{e.Country, e.Affil} {
				if k != "" {
					key := k + "|" + o.Role
					if n := len(l.holders[key]); n == 0 || l.holders[key][n-1] != e {
						l.holders[key] = append(l.holders[key], e)
					}
				}
			}
		}
	}
	for _, s := range l.sectors {
		s.ntok = len(segment.Tokenize(s.Phrase))
		l.add(s.Phrase, hit{kind: kSector, sect: s})
	}
	return l
}

// add indexes one surface form.
func (l *Lexicon) add(form string, h hit) {
	toks := segment.Tokenize(form)
	if len(toks) == 0 {
		return
	}
	letters, upper := 0, 0
	for _, r := range form {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	h.acronym = letters >= 2 && upper == letters && letters <= 6
	h.proper = upper > 0
	// "LeT", "MoD", "JeM": a capital inside a short single word marks an
	// abbreviation whose case must match exactly ("Let" is a verb).
	if len(toks) == 1 && !strings.ContainsAny(form, "-'. ") && letters <= 5 {
		for i, r := range form {
			if i > 0 && unicode.IsUpper(r) {
				h.exact = form
				break
			}
		}
	}
	m := l.root
	var n *node
	for i, t := range toks {
		k := fold(t.Norm)
		n = m[k]
		if n == nil {
			n = &node{}
			m[k] = n
		}
		if i < len(toks)-1 {
			if n.next == nil {
				n.next = map[string]*node{}
			}
			m = n.next
		}
	}
	for _, o := range n.hits {
		if o.kind == h.kind && o.entry == h.entry && o.sect == h.sect {
			return
		}
	}
	n.hits = append(n.hits, h)
	if len(toks) > l.maxLen {
		l.maxLen = len(toks)
	}
}

// fold lowercases s and strips diacritics, so that "Côte" matches "cote".
// ASCII lowercase input is returned as is, without allocating.
func fold(s string) string {
	if isFolded(s) {
		return s
	}
	return string(appendFold(nil, s))
}

// isFolded reports whether s is lower-case ASCII, which folds to itself.
func isFolded(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// appendFold appends the folded form of s to dst.
func appendFold(dst []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for i := 0; i < len(s); i++ {
			c := s[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		return dst
	}
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case '\u2019', '\u2018', '\u02bc':
			r = '\''
		case '\u2010', '\u2011', '\u2013', '\u2014':
			r = '-'
		case 'ı':
			r = 'i'
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}
