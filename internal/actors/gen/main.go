// Command gen builds lexicon/actors/countries.tsv from registry data: the
// npm packages i18n-iso-countries (names, ISO 3166 codes), i18n-nationality
// (demonyms) and countries-list (capitals, former names), at pinned
// versions fetched with `npm pack`. Curated additions (short forms such as
// "U.S.", extra demonyms, capitals used as metonyms) live in
// lexicon/actors/countries_extra.tsv, not here.
//
// Usage: go run ./internal/actors/gen -out lexicon/actors/countries.tsv
package main

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// Pinned registry packages.
var packages = []string{
	"i18n-iso-countries@7.14.0",
	"i18n-nationality@1.4.0",
	"countries-list@3.4.1",
}

// cameo maps ISO alpha-3 codes to the CAMEO country code where CAMEO
// kept an older code (ISO changed ROM->ROU and TMP->TLS in 2002; CAMEO
// 1.1b3 kept the old ones).
var cameo = map[string]string{
	"ROU": "ROM",
	"TLS": "TMP",
	"XKK": "KSV", // Kosovo: no ISO code; CAMEO KSV, registry XKK
}

// ambiguous names the one country an alias shared by several belongs to.
var ambiguous = map[string]string{
	"Congo":     "COG",
	"Congolese": "COD",
}

// dropAlias lists registry aliases that are too ambiguous in news text
// (places elsewhere, common words).
var dropAlias = map[string]bool{
	"Gold Coast": true, "French Sudan": true, "Georgetown": true,
	"Emirates": true, "Vatican City": true, "Holy See": true,
	"Taiwan, Province of China": true,
}

// fixDemonym corrects registry demonyms that are not adjectives.
var fixDemonym = map[string]string{
	"AG": "Antiguan",
	"PS": "Palestinian",
	"AR": "Argentine",
	"BM": "Bermudian",
	"US": "American",
	"GB": "British",
}

func main() {
	out := flag.String("out", "lexicon/actors/countries.tsv", "output file")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

type pkgFiles map[string][]byte

func fetch(tmp, spec string) (pkgFiles, error) {
	cmd := exec.Command("npm", "pack", "--silent", spec)
	cmd.Dir = tmp
	cmd.Stderr = os.Stderr
	name, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("npm pack %q: %w", spec, err)
	}
	f, err := os.Open(filepath.Join(tmp, strings.TrimSpace(string(name))))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("reading %q: %w", spec, err)
	}
	files := pkgFiles{}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading %q: %w", spec, err)
		}
		if !strings.HasSuffix(h.Name, ".json") {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		files[strings.TrimPrefix(h.Name, "package/")] = b
	}
	return files, nil
}

// names decodes i18n-iso-countries' name table: each value is a string or
// a list whose first item is the official name.
func names(b []byte, key string) (map[string][]string, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, err
	}
	var tab map[string]json.RawMessage
	if err := json.Unmarshal(raw[key], &tab); err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for k, v := range tab {
		var s string
		if json.Unmarshal(v, &s) == nil {
			out[k] = []string{s}
			continue
		}
		var l []string
		if err := json.Unmarshal(v, &l); err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		out[k] = l
	}
	return out, nil
}

type clEntry struct {
	Name    string   `json:"name"`
	Capital string   `json:"capital"`
	Alias   []string `json:"alias"`
}

func run(out string) error {
	tmp, err := os.MkdirTemp("", "actorsgen")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	var pk []pkgFiles
	for _, p := range packages {
		f, err := fetch(tmp, p)
		if err != nil {
			return err
		}
		pk = append(pk, f)
	}
	var codes [][]string
	if err := json.Unmarshal(pk[0]["codes.json"], &codes); err != nil {
		return fmt.Errorf("codes.json: %w", err)
	}
	cnames, err := names(pk[0]["langs/en.json"], "countries")
	if err != nil {
		return fmt.Errorf("i18n-iso-countries en.json: %w", err)
	}
	nat, err := names(pk[1]["langs/en.json"], "nationalities")
	if err != nil {
		return fmt.Errorf("i18n-nationality en.json: %w", err)
	}
	var cl map[string]clEntry
	if err := json.Unmarshal(pk[2]["countries.min.json"], &cl); err != nil {
		return fmt.Errorf("countries-list: %w", err)
	}

	type row struct {
		a2, a3, name        string
		aliases, adjs, caps []string
	}
	var rows []row
	owner := map[string]string{} // alias -> alpha-2 of the first holder
	for _, c := range codes {
		a2, a3 := c[0], c[1]
		ns := cnames[a2]
		if len(ns) == 0 {
			continue
		}
		r := row{a2: a2, a3: a3}
		// The short common name: countries-list's name, else the registry's
		// last (shortest-form) entry.
		r.name = ns[len(ns)-1]
		if e, ok := cl[a2]; ok && e.Name != "" {
			r.name = e.Name
		}
		seen := map[string]bool{}
		add := func(s string) {
			s = strings.TrimSpace(s)
			if s == "" || seen[s] || dropAlias[s] || strings.Contains(s, ",") || strings.Contains(s, "(") {
				return
			}
			seen[s] = true
			r.aliases = append(r.aliases, s)
		}
		add(r.name)
		for _, n := range ns {
			add(n)
		}
		if e, ok := cl[a2]; ok {
			for _, a := range e.Alias {
				add(a)
			}
			for _, cap := range strings.Split(e.Capital, ",") {
				if cap = strings.TrimSpace(cap); cap != "" && !seen[cap] && !dropAlias[cap] {
					r.caps = append(r.caps, cap)
				}
			}
		}
		d := ""
		if v := nat[a2]; len(v) > 0 {
			d = v[0]
		}
		if f, ok := fixDemonym[a2]; ok {
			d = f
		}
		if i := strings.Index(d, " ("); i > 0 { // "Congolese (Republic of the Congo)"
			d = d[:i]
		}
		if d != "" && !strings.Contains(d, ",") && d != r.name {
			r.adjs = append(r.adjs, d)
			if p := plural(d); p != "" {
				r.adjs = append(r.adjs, p)
			}
		}
		rows = append(rows, r)
	}
	// Resolve aliases shared by several countries.
	count := map[string]int{}
	for _, r := range rows {
		for _, a := range r.aliases {
			count[a]++
		}
	}
	for _, r := range rows {
		for _, a := range r.adjs {
			count["adj:"+a]++
		}
	}
	for i := range rows {
		var adjs []string
		for _, a := range rows[i].adjs {
			if count["adj:"+a] > 1 && ambiguous[a] != rows[i].a3 {
				continue
			}
			adjs = append(adjs, a)
		}
		rows[i].adjs = adjs
		var keep []string
		for _, a := range rows[i].aliases {
			if count[a] > 1 {
				if w, ok := ambiguous[a]; !ok || w != rows[i].a3 {
					continue
				}
			}
			if o, ok := owner[a]; ok && o != rows[i].a2 {
				continue
			}
			owner[a] = rows[i].a2
			keep = append(keep, a)
		}
		rows[i].aliases = keep
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].a3 < rows[j].a3 })

	var b strings.Builder
	b.WriteString(`# countries.tsv: every ISO 3166-1 country and territory.
# Code generated by internal/actors/gen; DO NOT EDIT. Regenerate with
#   go generate ./internal/actors
# Sources (npm registry, pinned): i18n-iso-countries@7.14.0 (names, ISO codes; MIT),
# i18n-nationality@1.4.0 (demonyms; MIT), countries-list@3.4.1 (capitals, former
# names; MIT). Plural demonyms are derived (+s). Ids are CAMEO country codes, equal
# to ISO alpha-3 except ROU->ROM and TLS->TMP (CAMEO 1.1b3 kept pre-2002 codes)
# and Kosovo (registry XKK) -> KSV.
# Curated additions: countries_extra.tsv.
# Columns: id, type, country (ISO alpha-3), sector, name, aliases (| separated),
# adjectives (demonyms and adjectives), capitals (metonyms), role, from, to.
id	type	country	sector	name	aliases	adjectives	capitals	role	from	to
`)
	for _, r := range rows {
		id := r.a3
		if c, ok := cameo[r.a3]; ok {
			id = c
		}
		fmt.Fprintf(&b, "%s\tcountry\t%s\t\t%s\t%s\t%s\t%s\t\t\t\n", id, r.a3, r.name,
			strings.Join(r.aliases, "|"), strings.Join(r.adjs, "|"), strings.Join(r.caps, "|"))
	}
	return os.WriteFile(out, []byte(b.String()), 0o644)
}

// plural returns the plural noun of a demonym ("Afghan" -> "Afghans"), or
// "" when it does not inflect ("Chinese", "British", "Swiss").
func plural(d string) string {
	for _, suf := range []string{"ese", "sh", "ch", "ss", "s", "i", "y"} {
		if strings.HasSuffix(d, suf) {
			if suf == "i" { // Israeli -> Israelis, Pakistani -> Pakistanis
				return d + "s"
			}
			return ""
		}
	}
	return d + "s"
}
