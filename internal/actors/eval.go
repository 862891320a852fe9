package actors

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/segment"
)

// Summary is the outcome of EvalActors.
type Summary struct {
	// PLOVER GSR (dev): gold source/target actors, and the fraction whose
	// words carry a mention of an actor with the gold country code (and the
	// gold sector too). Anywhere: found in the record but not on the words.
	PloverRecords       int
	PloverActors        int
	Country             float64
	CountrySector       float64
	CountryAnywhere     float64
	CountrySectorByGold map[string][2]int // gold sector -> {right, total}

	// re3d (dev): gold entities of each type with an actor mention on them,
	// and the fraction of actor mentions that fall on a gold entity.
	RE3DDocs      int
	RE3DRecall    map[string][2]int // entity type -> {resolved, total}
	RE3DPrecision float64
}

// Prepare runs whatever must precede the actors stage on a document whose
// Text is set (at least segmentation; the language layer when available).
type Prepare func(ctx context.Context, doc *sitrep.Doc) error

// EvalActors scores the embedded lexicon and the resolver, with
// segmentation only, on the shared dev data under dataDir
// (event-plover-gsr, ner-rel-re3d), writing a report to w.
func EvalActors(ctx context.Context, dataDir string, w io.Writer) (Summary, error) {
	lex, err := Load("")
	if err != nil {
		return Summary{}, err
	}
	return EvalActorsWith(ctx, dataDir, w, New(lex), nil)
}

// EvalActorsWith is EvalActors with a given resolver and a prepare step
// (nil: segmentation only), so callers can put the language layer first.
func EvalActorsWith(ctx context.Context, dataDir string, w io.Writer, r *Resolver, prep Prepare) (Summary, error) {
	if prep == nil {
		prep = func(_ context.Context, d *sitrep.Doc) error { segment.Split(d); return nil }
	}
	var sum Summary
	if err := evalPlover(ctx, filepath.Join(dataDir, "event-plover-gsr", "plover_gsr.dev.jsonl"), w, r, prep, &sum); err != nil {
		return sum, err
	}
	if err := evalRE3D(ctx, filepath.Join(dataDir, "ner-rel-re3d", "re3d.dev.jsonl"), w, r, prep, &sum); err != nil {
		return sum, err
	}
	fmt.Fprintf(w, "actors: plover country %.1f%% country+sector %.1f%% (n=%d); re3d precision %.1f%%\n",
		100*sum.Country, 100*sum.CountrySector, sum.PloverActors, 100*sum.RE3DPrecision)
	return sum, nil
}

func readJSONL(path string, each func(line []byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("actors: eval: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	n := 0
	for sc.Scan() {
		n++
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		if err := each(sc.Bytes()); err != nil {
			return fmt.Errorf("actors: eval: %s:%d: %w", path, n, err)
		}
	}
	return sc.Err()
}

type ploverRecord struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Expected []struct {
		SourceActor  []string  `json:"source_actor"`
		TargetActor  []string  `json:"target_actor"`
		SourceText   []string  `json:"source_text"`
		TargetText   []string  `json:"target_text"`
		SourceSector []*string `json:"source_sector"`
		TargetSector []*string `json:"target_sector"`
	} `json:"expected"`
}

// goldCountry maps codes of the GSR that are not ISO alpha-3 (older or
// mistyped CAMEO codes) to ISO.
var goldCountry = map[string]string{"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "TMP": "TLS"}

// sectorOK compares a gold GSR sector with ours. The GSR writes MED for
// medical actors (CAMEO HLH), JRN for journalists (CAMEO MED) and CIV once
// for CVL; "***" is unknown and matches anything.
func sectorOK(gold *string, ours string) bool {
	if gold == nil {
		return ours == ""
	}
	g := *gold
	if g == "***" {
		return true
	}
	if len(g) > 3 {
		g = g[:3]
	}
	g = strings.ToUpper(g)
	switch g {
	case "MED":
		return ours == "MED" || ours == "HLH"
	case "JRN":
		return ours == "MED"
	case "CIV":
		return ours == "CVL"
	}
	return g == ours
}

func (r *Resolver) countryOK(code string, a *sitrep.Actor) bool {
	switch code {
	case "IGO", "NGO":
		if strings.HasPrefix(a.ID, "IGO") || strings.HasPrefix(a.ID, "NGO") || a.Type == sitrep.ActorIGO {
			return true
		}
		if e := r.lex.Entry(a.ID); e != nil && (strings.HasPrefix(e.Affil, "IGO") || strings.HasPrefix(e.Affil, "NGO")) {
			return true
		}
		return false
	}
	if c, ok := goldCountry[code]; ok {
		code = c
	}
	return string(a.Country) == code
}

func evalPlover(ctx context.Context, path string, w io.Writer, r *Resolver, prep Prepare, sum *Summary) error {
	var total, okC, okCS, anyC int
	by := map[string][2]int{}
	var misses []string
	err := readJSONL(path, func(line []byte) error {
		var rec ploverRecord
		if err := json.Unmarshal(line, &rec); err != nil {
			return err
		}
		doc := &sitrep.Doc{Text: rec.Text, Published: "2000-01-01"}
		if err := prep(ctx, doc); err != nil {
			return err
		}
		if err := r.Process(ctx, doc); err != nil {
			return err
		}
		sum.PloverRecords++
		for _, ev := range rec.Expected {
			for side := 0; side < 2; side++ {
				codes, texts, secs := ev.SourceActor, ev.SourceText, ev.SourceSector
				if side == 1 {
					codes, texts, secs = ev.TargetActor, ev.TargetText, ev.TargetSector
				}
				for i, code := range codes {
					var txt string
					var sec *string
					if i < len(texts) {
						txt = strings.TrimSpace(texts[i])
					}
					if i < len(secs) {
						sec = secs[i]
					}
					st, en := locate(rec.Text, txt)
					total++
					gs := "null"
					if sec != nil {
						gs = *sec
					}
					c := by[gs]
					c[1]++
					foundC, foundCS, anywhere := false, false, false
					for ai := range doc.Actors {
						a := &doc.Actors[ai]
						if !r.countryOK(code, a) {
							continue
						}
						anywhere = true
						for _, m := range a.Mentions {
							if st < 0 || m.Start < en && st < m.End {
								foundC = true
								if sectorOK(sec, string(a.Sector)) {
									foundCS = true
								}
							}
						}
					}
					if foundC {
						okC++
					}
					if foundCS {
						okCS++
						c[0]++
					}
					if anywhere {
						anyC++
					}
					by[gs] = c
					if !foundCS && len(misses) < 400 {
						misses = append(misses, fmt.Sprintf("%s\t%s/%s\tcountry=%v\t%q\t%s", rec.ID, code, gs, foundC, txt, actorsBrief(doc)))
					}
				}
			}
		}
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	sum.PloverActors = total
	sum.CountrySectorByGold = by
	if total > 0 {
		sum.Country = float64(okC) / float64(total)
		sum.CountrySector = float64(okCS) / float64(total)
		sum.CountryAnywhere = float64(anyC) / float64(total)
	}
	fmt.Fprintf(w, "PLOVER GSR dev: %d records, %d gold actors\n", sum.PloverRecords, total)
	fmt.Fprintf(w, "  country on the gold words:          %5.1f%% (%d)\n", 100*sum.Country, okC)
	fmt.Fprintf(w, "  country+sector on the gold words:   %5.1f%% (%d)\n", 100*sum.CountrySector, okCS)
	fmt.Fprintf(w, "  country anywhere in the record:     %5.1f%% (%d)\n", 100*sum.CountryAnywhere, anyC)
	fmt.Fprintf(w, "  recall of country+sector by gold sector:\n")
	keys := make([]string, 0, len(by))
	for k := range by {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return by[keys[i]][1] > by[keys[j]][1] || by[keys[i]][1] == by[keys[j]][1] && keys[i] < keys[j]
	})
	for _, k := range keys {
		c := by[k]
		fmt.Fprintf(w, "    %-8s R %5.1f%%  (%d/%d)\n", k, 100*float64(c[0])/float64(c[1]), c[0], c[1])
	}
	if os.Getenv("SITREP_EVAL_VERBOSE") != "" {
		for _, m := range misses {
			fmt.Fprintln(w, "  miss", m)
		}
	}
	return nil
}

func actorsBrief(doc *sitrep.Doc) string {
	var parts []string
	for _, a := range doc.Actors {
		for _, m := range a.Mentions {
			parts = append(parts, fmt.Sprintf("%s=%s/%s/%s", m.Text, a.ID, a.Country, a.Sector))
		}
	}
	return strings.Join(parts, "; ")
}

// locate finds gold words in the text (byte span), or -1, -1.
func locate(text, words string) (int, int) {
	if words == "" {
		return -1, -1
	}
	for _, t := range []string{text, strings.ToLower(text)} {
		w := words
		if t != text {
			w = strings.ToLower(words)
			if len(t) != len(text) {
				break
			}
		}
		// The first occurrence on word boundaries ("Iraq", not in "Iraqi").
		for off := 0; ; {
			i := strings.Index(t[off:], w)
			if i < 0 {
				break
			}
			i += off
			j := i + len(w)
			if (i == 0 || !isWordByte(t[i-1])) && (j == len(t) || !isWordByte(t[j])) {
				return i, j
			}
			off = i + 1
		}
	}
	// "Sierra Leonean ... refugees": the first and last words.
	f := strings.Fields(words)
	if len(f) > 1 {
		a := strings.Index(text, f[0])
		b := strings.LastIndex(text, f[len(f)-1])
		if a >= 0 && b > a {
			return a, b + len(f[len(f)-1])
		}
	}
	return -1, -1
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= 0x80
}

type re3dDoc struct {
	Text     string `json:"text"`
	Entities []struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Type  string `json:"type"`
		Gold  bool   `json:"gold"`
	} `json:"entities"`
}

var re3dTypes = []string{"Organisation", "Person", "Nationality", "Location"}

func evalRE3D(ctx context.Context, path string, w io.Writer, r *Resolver, prep Prepare, sum *Summary) error {
	rec := map[string][2]int{}
	var onGold, mentions int
	err := readJSONL(path, func(line []byte) error {
		var d re3dDoc
		if err := json.Unmarshal(line, &d); err != nil {
			return err
		}
		doc := &sitrep.Doc{Text: d.Text}
		if err := prep(ctx, doc); err != nil {
			return err
		}
		if err := r.Process(ctx, doc); err != nil {
			return err
		}
		sum.RE3DDocs++
		// Code point offsets to byte offsets.
		byteAt := make([]int, 0, len(d.Text)+1)
		for i := range d.Text {
			byteAt = append(byteAt, i)
		}
		byteAt = append(byteAt, len(d.Text))
		conv := func(cp int) int {
			if cp < 0 {
				return 0
			}
			if cp >= len(byteAt) {
				return len(d.Text)
			}
			return byteAt[cp]
		}
		type span struct{ s, e int }
		var gold []span
		var ms []span
		for _, a := range doc.Actors {
			for _, m := range a.Mentions {
				if m.Why == whyNames[whyCoref] {
					continue
				}
				ms = append(ms, span{m.Start, m.End})
			}
		}
		for _, e := range d.Entities {
			if !e.Gold {
				continue
			}
			typ := e.Type
			known := false
			for _, t := range re3dTypes {
				known = known || t == typ
			}
			if !known {
				continue
			}
			g := span{conv(e.Start), conv(e.End)}
			gold = append(gold, g)
			c := rec[typ]
			c[1]++
			for _, m := range ms {
				if m.s < g.e && g.s < m.e {
					c[0]++
					break
				}
			}
			rec[typ] = c
		}
		for _, m := range ms {
			mentions++
			for _, g := range gold {
				if m.s < g.e && g.s < m.e {
					onGold++
					break
				}
			}
		}
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	sum.RE3DRecall = rec
	if mentions > 0 {
		sum.RE3DPrecision = float64(onGold) / float64(mentions)
	}
	fmt.Fprintf(w, "re3d dev: %d documents; gold entities with an actor mention on them:\n", sum.RE3DDocs)
	for _, t := range re3dTypes {
		c := rec[t]
		if c[1] == 0 {
			continue
		}
		fmt.Fprintf(w, "    %-13s R %5.1f%%  (%d/%d)\n", t, 100*float64(c[0])/float64(c[1]), c[0], c[1])
	}
	fmt.Fprintf(w, "  actor mentions on a gold Organisation/Person/Nationality/Location: P %5.1f%% (%d/%d)\n", 100*sum.RE3DPrecision, onGold, mentions)
	return nil
}
