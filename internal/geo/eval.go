package geo

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
	"github.com/sitrep/sitrep/internal/evalkit"
	"github.com/sitrep/sitrep/internal/segment"
)

// GeoWebNewsDir is the folder of the GeoWebNews dev set under the shared data dir.
const GeoWebNewsDir = "geo-geowebnews"

// AccuracyKm is the usual geocoding tolerance: 161 km (100 miles).
const AccuracyKm = 161

// Summary holds the geoparsing scores.
type Summary struct {
	Docs              int
	Gold, Found, Hits int // gold toponyms, predicted toponyms, exact span matches
	P, R, F1          float64
	// Geocoding: gold toponyms with coordinates; of those found, how many
	// were placed within AccuracyKm.
	GoldCoords, FoundCoords, Within int
	AccFound, AccAll                float64
	// MeanKm is the mean error over found toponyms with coordinates.
	MeanKm float64
	// SubCountry* repeat AccFound for toponyms resolved below country
	// level: country points follow world-countries, not GeoNames, and
	// differ from the gold's for a few large countries (Canada, Japan).
	SubCountryFound, SubCountryWithin int
	// Dropped counts gold toponyms in text the cleaner removed (only with
	// EvalOptions.Process); they count as missed.
	Dropped int
}

// EvalOptions tune EvalGeo.
type EvalOptions struct {
	// Prepare runs the upstream stages on a Doc with Text set; nil runs the
	// segmenter only. Pass one that also runs the language layer (NER)
	// once it exists: entities sharpen recognition.
	Prepare func(ctx context.Context, doc *sitrep.Doc) error
	// Process runs a whole pipeline (engine.Process) on the article text
	// instead of Prepare: the cleaner may drop boilerplate lines and fold
	// white space, so gold offsets are carried into the cleaned text by
	// alignment; gold toponyms in dropped text count as missed.
	Process func(ctx context.Context, in sitrep.Input) (*sitrep.Doc, error)
	// Verbose prints each miss and wrong resolution.
	Verbose bool
}

// gwnTypes are the classic GeoWebNews toponym types, for per-type recall.
var gwnTypes = []string{"Literal", "Mixed", "Metonymic", "Literal_Modifier", "Non_Literal_Modifier",
	"Demonym", "Embedded_Literal", "Embedded_Non_Lit", "Coercion", "Homonym", "Language"}

// classic reports whether a GeoWebNews type is a toponym in classic
// geoparsing scoring (not an *_Expression, not a Non_Toponym).
func classic(typ string) bool {
	return typ != "Non_Toponym" && !strings.HasSuffix(typ, "_Expression")
}

type gwnDoc struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Toponyms []struct {
		Start, End int
		Name       string   `json:"name"`
		Lat        *float64 `json:"lat"`
		Lon        *float64 `json:"lon"`
		Type       string   `json:"type"`
		Mismatch   bool     `json:"offset_mismatch"`
	} `json:"toponyms"`
}

// EvalGeo scores the geo stage on the GeoWebNews dev set under dataDir:
// toponym P/R/F1 on exact spans (all readings, since the set counts
// adjectival and metonymic uses as toponyms) and the share within 161 km,
// of the found toponyms and of all gold toponyms with coordinates.
func EvalGeo(ctx context.Context, dataDir string, w io.Writer) (Summary, error) {
	return EvalGeoWith(ctx, dataDir, w, EvalOptions{})
}

// EvalGeoWith is EvalGeo with options.
func EvalGeoWith(ctx context.Context, dataDir string, w io.Writer, opt EvalOptions) (Summary, error) {
	var sum Summary
	path := filepath.Join(dataDir, GeoWebNewsDir, "geowebnews.dev.jsonl")
	f, err := os.Open(path)
	if err != nil {
		return sum, fmt.Errorf("geo: eval %q: %w", path, err)
	}
	defer f.Close()
	g, err := Load()
	if err != nil {
		return sum, err
	}
	st := New(g)
	if opt.Prepare == nil {
		seg := segment.New()
		opt.Prepare = seg.Process
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	var kmSum float64
	byType := map[string]*[2]int{} // gold type -> gold, found
	for _, t := range gwnTypes {
		byType[t] = new([2]int)
	}
	type miss struct{ kind, doc, text string }
	var misses []miss
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		var d gwnDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return sum, fmt.Errorf("geo: eval %q: %w", path, err)
		}
		sum.Docs++
		doc := &sitrep.Doc{Text: d.Text}
		var dropped int
		orig := evalkit.RuneOffsets(d.Text)
		off := orig
		if opt.Process != nil {
			pd, err := opt.Process(ctx, sitrep.Input{ID: d.ID, Text: d.Text})
			if err != nil {
				return sum, fmt.Errorf("geo: eval %s: %w", d.ID, err)
			}
			doc = pd
			if doc.Text != d.Text {
				amap := alignText(d.Text, doc.Text)
				off = make([]int, len(orig))
				for i, o := range orig {
					off[i] = amap[o]
				}
			}
		} else if opt.Prepare != nil {
			if err := opt.Prepare(ctx, doc); err != nil {
				return sum, fmt.Errorf("geo: eval %s: %w", d.ID, err)
			}
		}
		type gold struct {
			lat, lon *float64
			name     string
			typ      string
		}
		golds := map[[2]int]gold{}
		for _, t := range d.Toponyms {
			if byType[t.Type] == nil {
				byType[t.Type] = new([2]int)
			}
			if !classic(t.Type) || t.Mismatch || t.Start < 0 || t.End > len(off)-1 || t.Start >= t.End {
				continue
			}
			k := [2]int{off[t.Start], off[t.End]}
			if k[0] < 0 || k[1] < 0 || k[0] >= k[1] || doc.Text[k[0]:k[1]] != d.Text[orig[t.Start]:orig[t.End]] {
				// Dropped by the cleaner: a distinct key that no prediction matches.
				dropped++
				sum.Dropped++
				k = [2]int{-dropped, -dropped}
			}
			golds[k] = gold{t.Lat, t.Lon, t.Name, t.Type}
			byType[t.Type][0]++
		}
		sum.Gold += len(golds)
		for _, gd := range golds {
			if gd.lat != nil {
				sum.GoldCoords++
			}
		}
		tops := st.Toponyms(doc)
		seen := map[[2]int]bool{}
		for _, t := range tops {
			k := [2]int{t.Start, t.End}
			if seen[k] {
				continue
			}
			seen[k] = true
			sum.Found++
			gd, ok := golds[k]
			if !ok {
				misses = append(misses, miss{"FP", d.ID, doc.Text[t.Start:t.End] + " (" + t.Reading.String() + ")"})
				continue
			}
			sum.Hits++
			byType[gd.typ][1]++
			if gd.lat == nil {
				continue
			}
			sum.FoundCoords++
			if t.Place < 0 {
				misses = append(misses, miss{"UNRES", d.ID, gd.name})
				continue
			}
			e := &g.Places[t.Place]
			km := Haversine(*gd.lat, *gd.lon, float64(e.Lat), float64(e.Lon))
			kmSum += km
			if e.Kind != KindCountry {
				sum.SubCountryFound++
				if km <= AccuracyKm {
					sum.SubCountryWithin++
				}
			}
			if km <= AccuracyKm {
				sum.Within++
			} else {
				misses = append(misses, miss{"FAR", d.ID, fmt.Sprintf("%s -> %s %s (%.2f,%.2f) gold (%.2f,%.2f) %.0f km", gd.name, e.Name, e.CC, e.Lat, e.Lon, *gd.lat, *gd.lon, km)})
			}
		}
		for k, gd := range golds {
			if !seen[k] {
				misses = append(misses, miss{"FN", d.ID, gd.name})
			}
		}
	}
	if err := sc.Err(); err != nil {
		return sum, fmt.Errorf("geo: eval %q: %w", path, err)
	}
	sum.P = evalkit.Ratio(sum.Hits, sum.Found)
	sum.R = evalkit.Ratio(sum.Hits, sum.Gold)
	if sum.P+sum.R > 0 {
		sum.F1 = 2 * sum.P * sum.R / (sum.P + sum.R)
	}
	sum.AccFound = evalkit.Ratio(sum.Within, sum.FoundCoords)
	sum.AccAll = evalkit.Ratio(sum.Within, sum.GoldCoords)
	if sum.FoundCoords > 0 {
		sum.MeanKm = kmSum / float64(sum.FoundCoords)
	}
	if opt.Verbose {
		sort.SliceStable(misses, func(i, j int) bool { return misses[i].kind < misses[j].kind })
		for _, m := range misses {
			fmt.Fprintf(w, "%-5s %-10s %s\n", m.kind, m.doc, m.text)
		}
	}
	fmt.Fprintln(w, "recall by GeoWebNews type:")
	for _, t := range gwnTypes {
		if c := byType[t]; c[0] > 0 {
			fmt.Fprintf(w, "  %-22s %4d/%4d  %.3f\n", t, c[1], c[0], evalkit.Ratio(c[1], c[0]))
		}
	}
	fmt.Fprintf(w, "toponym  P %.3f  R %.3f  F1 %.3f  (gold %d, found %d, exact %d)\n", sum.P, sum.R, sum.F1, sum.Gold, sum.Found, sum.Hits)
	fmt.Fprintf(w, "geocode  within %d km: %.1f%% of found (%d/%d), %.1f%% of all gold (%d/%d); mean error %.0f km\n",
		AccuracyKm, 100*sum.AccFound, sum.Within, sum.FoundCoords, 100*sum.AccAll, sum.Within, sum.GoldCoords, sum.MeanKm)
	fmt.Fprintf(w, "geocode  below country level: %.1f%% of found within %d km (%d/%d)\n",
		100*evalkit.Ratio(sum.SubCountryWithin, sum.SubCountryFound), AccuracyKm, sum.SubCountryWithin, sum.SubCountryFound)
	if opt.Process != nil {
		fmt.Fprintf(w, "pipeline: full engine; %d gold toponyms in text the cleaner dropped (counted as missed)\n", sum.Dropped)
	}
	fmt.Fprintf(w, "geo: %d docs  F1 %.3f  acc@161 found %.1f%%  all %.1f%%\n", sum.Docs, sum.F1, 100*sum.AccFound, 100*sum.AccAll)
	return sum, nil
}

// alignText maps each byte offset of a (0..len(a)) to the offset of the same
// character in b, an edited copy of a with white space changed and whole
// stretches deleted; offsets inside deleted stretches map to -1.
func alignText(a, b string) []int {
	m := make([]int, len(a)+1)
	i, j := 0, 0
	for i < len(a) {
		switch {
		case j < len(b) && a[i] == b[j]:
			m[i] = j
			i++
			j++
		case isSpaceByte(a[i]):
			m[i] = j
			i++
		case j < len(b) && isSpaceByte(b[j]):
			j++
		default:
			// A deleted stretch: resynchronise on the next 24 bytes of b.
			w := min(24, len(b)-j)
			k := -1
			if w > 0 {
				k = strings.Index(a[i:], b[j:j+w])
			}
			if k < 0 {
				for ; i < len(a); i++ {
					m[i] = -1
				}
				break
			}
			for e := i + k; i < e; i++ {
				m[i] = -1
			}
		}
	}
	m[len(a)] = j
	return m
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }
