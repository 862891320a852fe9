package geo

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep/sitrep"
)

var update = flag.Bool("update", false, "rewrite testdata goldens")

func stage(t testing.TB) *Stage {
	t.Helper()
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return New(g)
}

func run(t testing.TB, st *Stage, text string) *sitrep.Doc {
	t.Helper()
	doc := &sitrep.Doc{Text: text}
	if err := prepare(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if err := st.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if bad := doc.CheckSpans(); bad != "" {
		t.Fatalf("bad span: %s", bad)
	}
	return doc
}

func TestKey(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Herāt", "herat"},
		{"Herat", "herat"},
		{"Lashkar Gah", "lashkargah"},
		{"Lashkar-Gah", "lashkargah"},
		{"Lashkargah", "lashkargah"},
		{"U.S.", "us"},
		{"N'Djamena", "ndjamena"},
		{"Côte d’Ivoire", "cotedivoire"},
		{"Kraków", "krakow"},
		{"Straße", "strasse"},
		{"Ærø", "aero"},
		{"", ""},
	} {
		if got := Key(c.in); got != c.want {
			t.Errorf("Key(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestScanWords(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"the U.S. and U.K. said", []string{"the", "U.S.", "and", "U.K.", "said"}},
		{"Helmand’s capital", []string{"Helmand", "capital"}},
		{"Lashkar-Gah, Herāt.", []string{"Lashkar", "Gah", "Herāt"}},
		{"N'Djamena is hot", []string{"N'Djamena", "is", "hot"}},
		{"St. Louis", []string{"St", "Louis"}},
		{"", nil},
	} {
		var got []string
		for _, w := range scanWords(c.in, nil) {
			got = append(got, c.in[w.start:w.end])
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("scanWords(%q) (-want +got):\n%s", c.in, diff)
		}
	}
}

func TestLoad(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Places) < 150000 {
		t.Errorf("only %d places", len(g.Places))
	}
	for _, k := range []string{"herat", "lashkargah", "kandahar", "helmand", "afghanistan", "unitedstates", "us", "uk"} {
		if !g.Has(k) {
			t.Errorf("no place with key %q", k)
		}
	}
	if d, ok := g.DemonymOf("afghan"); !ok || d.CC != "AF" {
		t.Errorf("demonym afghan = %+v, %v", d, ok)
	}
	if i := g.Country("AF"); i < 0 || g.Places[i].Name != "Afghanistan" {
		t.Errorf("Country(AF) = %d", i)
	}
}

// place returns the place whose mentions include text, or nil.
func place(doc *sitrep.Doc, text string) *sitrep.Place {
	for i, p := range doc.Places {
		for _, m := range p.Mentions {
			if doc.Text[m.Start:m.End] == text {
				return &doc.Places[i]
			}
		}
	}
	return nil
}

func near(p *sitrep.Place, lat, lon float64) bool {
	return p != nil && p.Lat != nil && Haversine(*p.Lat, *p.Lon, lat, lon) < 30
}

func TestResolve(t *testing.T) {
	st := stage(t)
	type want struct {
		mention  string
		feature  string // "" means: no place for this mention
		cc       string
		lat, lon float64 // checked when non-zero
	}
	for _, c := range []struct {
		text  string
		wants []want
	}{
		{"Fighting raged in Herāt and in Lashkargah on Sunday.", []want{
			{"Herāt", "city", "AF", 34.35, 62.20}, {"Lashkargah", "city", "AF", 31.59, 64.37}}},
		{"Government troops in Helmand's capital Lashkar Gah held out.", []want{
			{"Helmand", "admin1", "AF", 0, 0}, {"Lashkar Gah", "city", "AF", 31.59, 64.37}}},
		{"Afghan troops were sent to Kandahar.", []want{
			{"Afghan", "", "", 0, 0}, {"Kandahar", "city", "AF", 31.61, 65.71}}},
		{"Beijing said it would respond. Talks were held in Beijing.", []want{
			{"Beijing", "city", "CN", 39.9, 116.4}}},
		{"The storm hit Paris, Texas, on Monday.", []want{
			{"Paris", "city", "US", 33.66, -95.56}, {"Texas", "admin1", "US", 0, 0}}},
		{"The storm hit Paris on Monday, and France declared an emergency.", []want{
			{"Paris", "city", "FR", 48.85, 2.35}}},
		{"Officials in Washington met envoys from the U.S. and the UK.", []want{
			{"Washington", "city", "US", 38.90, -77.04}, {"U.S.", "country", "US", 0, 0}, {"UK", "country", "GB", 0, 0}}},
		{"Wildfires spread across Washington state, near Seattle and Spokane.", []want{
			{"Washington", "admin1", "US", 0, 0}}},
		{"Militants attacked a checkpoint in Kandahar province.", []want{
			{"Kandahar", "admin1", "AF", 0, 0}}},
		{"Fighting spread to the region and the south, and to surrounding countries.", nil},
		{"Victoria Beckham arrived with George Washington's portrait.", []want{
			{"Victoria", "", "", 0, 0}, {"Washington", "", "", 0, 0}}},
		{"Reading the report, officials in Mobile said nothing.", []want{{"Reading", "", "", 0, 0}}},
		// One folded key, two spellings: the one written is meant.
		{"Lifeboats left New Quay at dawn.", []want{{"New Quay", "city", "GB", 52.22, -4.36}}},
		{"Surfers gathered in Newquay at dawn.", []want{{"Newquay", "city", "GB", 50.42, -5.07}}},
		// A minor town abroad that nothing else points to is a local
		// namesake: placed in the article's town.
		{"Police in Cape Town said violence spread to Delft. Premiers of the Western Cape and Eastern Cape met in Cape Town.", []want{
			{"Delft", "landmark", "ZA", -33.93, 18.42}, {"Cape Town", "city", "ZA", -33.93, 18.42}}},
		// A large airport outranks its village namesake.
		{"Flights at Heathrow were cancelled.", []want{{"Heathrow", "landmark", "GB", 51.47, -0.46}}},
	} {
		doc := run(t, st, c.text)
		if c.wants == nil && len(doc.Places) != 0 {
			t.Errorf("%q: want no places, got %+v", c.text, doc.Places)
		}
		for _, w := range c.wants {
			p := place(doc, w.mention)
			switch {
			case w.feature == "" && p != nil:
				t.Errorf("%q: %q should not be a place, got %s", c.text, w.mention, p.Name)
			case w.feature == "":
			case p == nil:
				t.Errorf("%q: %q not found as a place", c.text, w.mention)
			case p.Feature != w.feature || string(p.Country) != w.cc:
				t.Errorf("%q: %q = %s %s %s, want %s %s", c.text, w.mention, p.Name, p.Feature, p.Country, w.feature, w.cc)
			case w.lat != 0 && !near(p, w.lat, w.lon):
				t.Errorf("%q: %q at %v,%v, want near %v,%v", c.text, w.mention, *p.Lat, *p.Lon, w.lat, w.lon)
			}
		}
	}
}

func TestReadings(t *testing.T) {
	st := stage(t)
	doc := &sitrep.Doc{Text: "Beijing said Afghan troops and UK forces left Kabul."}
	got := map[string]string{}
	for _, tp := range st.Toponyms(doc) {
		got[doc.Text[tp.Start:tp.End]] = tp.Reading.String()
	}
	want := map[string]string{"Beijing": "metonym", "Afghan": "adjective", "UK": "adjective", "Kabul": "literal"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("readings (-want +got):\n%s", diff)
	}
}

// TestSeed checks the reference article's places (see shared/seed/expected.md).
func TestSeed(t *testing.T) {
	dir := sharedDir(t)
	b, err := os.ReadFile(filepath.Join(dir, "seed", "mirror-china-taliban-uyghurs.txt"))
	if err != nil {
		t.Skipf("seed article absent: %v", err)
	}
	_, body, _ := strings.Cut(string(b), "\n")
	doc := run(t, stage(t), body)
	for _, w := range []struct {
		mention, feature, cc string
		lat, lon             float64
	}{
		{"Lashkar Gah", "city", "AF", 31.59, 64.37},
		{"Herat", "city", "AF", 34.35, 62.20},
		{"Kandahar", "city", "AF", 31.61, 65.71},
		{"Helmand", "admin1", "AF", 0, 0},
		{"Afghanistan", "country", "AF", 0, 0},
		{"Iran", "country", "IR", 0, 0},
		{"China", "country", "CN", 0, 0},
	} {
		p := place(doc, w.mention)
		if p == nil {
			t.Errorf("%s not resolved", w.mention)
			continue
		}
		if p.Feature != w.feature || string(p.Country) != w.cc || w.lat != 0 && !near(p, w.lat, w.lon) {
			t.Errorf("%s = %s %s %s (%v,%v)", w.mention, p.Name, p.Feature, p.Country, *p.Lat, *p.Lon)
		}
	}
	if p := place(doc, "Lashkar Gah"); p != nil && p.Admin1 != "Helmand" {
		t.Errorf("Lashkar Gah admin1 = %q, want Helmand", p.Admin1)
	}
	for _, vague := range []string{"the region", "the south", "surrounding countries"} {
		i := strings.Index(doc.Text, vague)
		if i < 0 {
			t.Fatalf("seed lacks %q", vague)
		}
		if id, ok := PlaceAt(doc, sitrep.Span{Start: i, End: i + len(vague)}); ok {
			t.Errorf("%q resolved to place %s", vague, id)
		}
	}
	if place(doc, "Chinese") != nil || place(doc, "Uyghur") != nil {
		t.Error("adjective resolved as a place")
	}
}

func TestPlaceAt(t *testing.T) {
	doc := run(t, stage(t), "Rockets hit Herat. Later, Kandahar and Herat were quiet.")
	h := strings.Index(doc.Text, "Herat")
	id, ok := PlaceAt(doc, sitrep.Span{Start: h, End: h + 5})
	if !ok {
		t.Fatal("no place at Herat")
	}
	second := strings.LastIndex(doc.Text, "Herat")
	if id2, _ := PlaceAt(doc, sitrep.Span{Start: second, End: second + 5}); id2 != id {
		t.Errorf("two mentions of Herat gave places %s and %s", id, id2)
	}
	s2 := doc.SentenceAt(second)
	if s2 < 0 {
		t.Fatal("no sentence")
	}
	if got := PlacesIn(doc, doc.Sentences[s2].Span()); len(got) != 2 {
		t.Errorf("PlacesIn second sentence = %v, want 2 places", got)
	}
}

// TestGolden runs the stage over testdata/*.txt and compares Doc.Places
// with the .golden.json beside each; -update rewrites them.
func TestGolden(t *testing.T) {
	st := stage(t)
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc := run(t, st, string(b))
			doc.Normalize()
			got, err := json.MarshalIndent(doc.Places, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			gf := strings.TrimSuffix(f, ".txt") + ".golden.json"
			if *update {
				if err := os.WriteFile(gf, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(gf)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("places (-want +got):\n%s", diff)
			}
		})
	}
}

func FuzzToponyms(f *testing.F) {
	for _, s := range []string{
		"Fighting in Helmand’s capital Lashkar Gah, near Herāt.",
		"WASHINGTON (AP) — U.S.-backed forces in St. Louis, Mo., and N'Djamena.",
		"Royal Street in New Orleans; the Kandahar province.",
		"\xff\xfe U.S", "A.", "'s", "-", "Gah-", "HelmAnd\x990", "0000000 ",
	} {
		f.Add(s)
	}
	st := stage(f)
	f.Fuzz(func(t *testing.T, text string) {
		// Cleaning hands later stages valid UTF-8; on invalid input only
		// the absence of panics is checked.
		valid := utf8.ValidString(text)
		doc := &sitrep.Doc{Text: text}
		for _, tp := range st.Toponyms(doc) {
			if tp.Start < 0 || tp.End > len(text) || tp.Start >= tp.End {
				t.Fatalf("bad toponym span %d:%d in %q", tp.Start, tp.End, text)
			}
			if valid && (!utf8.RuneStart(text[tp.Start]) || tp.End < len(text) && !utf8.RuneStart(text[tp.End])) {
				t.Fatalf("toponym span %d:%d splits a rune in %q", tp.Start, tp.End, text)
			}
		}
		if err := st.Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		if bad := doc.CheckSpans(); valid && bad != "" {
			t.Fatalf("bad span %s in %q", bad, text)
		}
	})
}

func FuzzParseNames(f *testing.F) {
	f.Add("@names\tk\nab\t1,~2\nac\t3\n@demonyms\tk\nafghan\tAF\t\n@common\tw\nthe\n")
	f.Add("@places\t1\n1\tX\t10\t-20\tP\tAF\t01\t5\n")
	f.Fuzz(func(t *testing.T, s string) {
		g := &Gazetteer{common: map[string]struct{}{}, given: map[string]struct{}{}, first: map[string]struct{}{}, countries: map[string]int32{}, admin1: map[string]int32{}}
		if err := g.parsePlaces(s); err != nil {
			g.Places = []Entry{{Name: "x"}}
		}
		if _, err := g.parseNames(s); err != nil {
			return
		}
		g.Lookup("ab", func(i int32, alt bool) bool {
			if int(i) >= len(g.Places) {
				t.Fatalf("posting %d out of range", i)
			}
			return true
		})
	})
}

func TestConcurrent(t *testing.T) {
	st := stage(t)
	texts := []string{
		"Fighting raged in Herat and Kandahar.",
		"Officials in Washington met envoys from Paris, Texas.",
		"PLEASANTON, Calif. — A fire broke out on Stoneridge Drive.",
	}
	want := make([]int, len(texts))
	for i, tx := range texts {
		want[i] = len(st.Toponyms(&sitrep.Doc{Text: tx}))
	}
	done := make(chan error)
	for g := 0; g < 4; g++ {
		go func() {
			for n := 0; n < 50; n++ {
				i := n % len(texts)
				if got := len(st.Toponyms(&sitrep.Doc{Text: texts[i]})); got != want[i] {
					done <- fmt.Errorf("text %d: %d toponyms, want %d", i, got, want[i])
					return
				}
			}
			done <- nil
		}()
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestEntities checks that NER output, when present, vetoes person names
// and adds locations the gazetteer lacks.
func TestEntities(t *testing.T) {
	st := stage(t)
	text := "Kandahar Smith visited Zorbatown and Herat."
	ent := func(s, label string) sitrep.Entity {
		i := strings.Index(text, s)
		return sitrep.Entity{Start: i, End: i + len(s), Text: s, Label: label}
	}
	doc := &sitrep.Doc{Text: text, Entities: []sitrep.Entity{
		ent("Kandahar Smith", "PER"), ent("Zorbatown", "LOC"), ent("Herat", "GPE"),
	}}
	got := map[string]Toponym{}
	for _, tp := range st.Toponyms(doc) {
		got[text[tp.Start:tp.End]] = tp
	}
	if _, ok := got["Kandahar"]; ok {
		t.Error("Kandahar inside a PER entity taken as a toponym")
	}
	herat := got["Herat"]
	if herat.Place < 0 || herat.Near {
		t.Fatalf("Herat = %+v; want resolved to itself", herat)
	}
	// A location the gazetteer lacks lies in the article's locality.
	if z, ok := got["Zorbatown"]; !ok || z.Place != herat.Place || !z.Near {
		t.Errorf("Zorbatown = %+v, %v; want near Herat (place %d)", z, ok, herat.Place)
	}
	if err := st.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	z, h := place(doc, "Zorbatown"), place(doc, "Herat")
	if z == nil || h == nil {
		t.Fatalf("places Zorbatown %v, Herat %v; want both", z, h)
	}
	if z.Feature != sitrep.FeatureLandmark || *z.Lat != *h.Lat || *z.Lon != *h.Lon || len(h.Mentions) != 1 {
		t.Errorf("Zorbatown place %+v; want a landmark at Herat's point, apart from Herat's mentions", z)
	}
}

// TestAnchorWithoutLocality: with no locality in the text, a name the
// gazetteer lacks stays unresolved and is no place.
func TestAnchorWithoutLocality(t *testing.T) {
	st := stage(t)
	text := "Officials visited Zorbatown on Monday."
	i := strings.Index(text, "Zorbatown")
	doc := &sitrep.Doc{Text: text, Entities: []sitrep.Entity{{Start: i, End: i + 9, Text: "Zorbatown", Label: "LOC"}}}
	for _, tp := range st.Toponyms(doc) {
		if text[tp.Start:tp.End] == "Zorbatown" && (tp.Place != -1 || tp.Near) {
			t.Errorf("Zorbatown = %+v; want unresolved", tp)
		}
	}
	if err := st.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if place(doc, "Zorbatown") != nil {
		t.Error("unresolved toponym became a place")
	}
}

// TestActorLayer: the actor layer's knowledge steers places. An armed
// group's name is no place ("Hamas" is not Hamm, Germany), and a place
// the actor lexicon gives a country takes its namesake there (Gaza,
// Palestine, not Gaza Province, Mozambique).
func TestActorLayer(t *testing.T) {
	st := stage(t)
	text := "Israel attacked the headquarters of Hamas in Gaza."
	men := func(s string) sitrep.Mention {
		i := strings.Index(text, s)
		return sitrep.Mention{Start: i, End: i + len(s), Text: s}
	}
	doc := &sitrep.Doc{Text: text}
	if err := prepare(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	without := map[string]string{}
	if err := st.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	for _, p := range doc.Places {
		without[p.Mentions[0].Text] = string(p.Country)
	}
	doc.Actors = []sitrep.Actor{
		{ID: "ISR", Type: sitrep.ActorCountry, Country: "ISR", Mentions: []sitrep.Mention{men("Israel")}},
		{ID: "PSEREBHMS", Type: sitrep.ActorArmedGroup, Country: "PSE", Mentions: []sitrep.Mention{men("Hamas")}},
		{ID: "PSE", Type: sitrep.ActorCountry, Country: "PSE", Mentions: []sitrep.Mention{men("Gaza")}},
	}
	if err := st.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range doc.Places {
		got[p.Mentions[0].Text] = string(p.Country)
	}
	if _, ok := got["Hamas"]; ok {
		t.Errorf("Hamas is a place (%s); want none", got["Hamas"])
	}
	if got["Gaza"] != "PS" {
		t.Errorf("Gaza in %q, want PS (without actors: %v)", got["Gaza"], without)
	}
}
