package actors

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/segment"
)

var update = flag.Bool("update", false, "rewrite testdata goldens")

var (
	lexOnce sync.Once
	lexVal  *Lexicon
	lexErr  error
)

func testLexicon(t testing.TB) *Lexicon {
	t.Helper()
	lexOnce.Do(func() { lexVal, lexErr = Load("") })
	if lexErr != nil {
		t.Fatal(lexErr)
	}
	return lexVal
}

// readCase reads a case file: an optional "published: YYYY-MM-DD" line,
// then the text.
func readCase(t *testing.T, path string) *sitrep.Doc {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	doc := &sitrep.Doc{}
	if rest, ok := strings.CutPrefix(text, "published: "); ok {
		date, body, _ := strings.Cut(rest, "\n")
		doc.Published = sitrep.NullString(strings.TrimSpace(date))
		text = body
	}
	doc.Text = text
	segment.Split(doc)
	return doc
}

func checkDoc(t *testing.T, doc *sitrep.Doc) {
	t.Helper()
	if bad := doc.CheckSpans(); bad != "" {
		t.Fatalf("bad span: %s", bad)
	}
	seen := map[string]bool{}
	for _, a := range doc.Actors {
		if a.ID == "" || a.Type == "" || len(a.Mentions) == 0 {
			t.Errorf("actor %+v: empty id, type or mentions", a)
		}
		if seen[a.ID] {
			t.Errorf("actor %s listed twice", a.ID)
		}
		seen[a.ID] = true
		for _, m := range a.Mentions {
			if m.Text != doc.Text[m.Start:m.End] || m.Why == "" {
				t.Errorf("actor %s mention %+v: text or why wrong", a.ID, m)
			}
		}
	}
}

func TestGoldens(t *testing.T) {
	r := New(testLexicon(t))
	files, _ := filepath.Glob("testdata/cases/*.txt")
	if len(files) == 0 {
		t.Fatal("no cases")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			doc := readCase(t, f)
			if err := r.Process(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			checkDoc(t, doc)
			var buf bytes.Buffer
			if err := Explain(&buf, doc); err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(f, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if d := cmp.Diff(string(want), buf.String()); d != "" {
				t.Errorf("explain (-want +got):\n%s", d)
			}
		})
	}
}

// find returns the actor with id, or nil.
func find(doc *sitrep.Doc, id string) *sitrep.Actor {
	for i := range doc.Actors {
		if doc.Actors[i].ID == id {
			return &doc.Actors[i]
		}
	}
	return nil
}

func TestRules(t *testing.T) {
	r := New(testLexicon(t))
	type want struct {
		id, mention, country, sector, role string
	}
	tests := []struct {
		name, text, date string
		want             []want
		absent           []string // mention texts that must not be mentions
	}{
		{"title by date", "Chinese President Xi Jinping spoke.", "2021-08-01",
			[]want{{"xi-jinping", "Chinese President Xi Jinping", "CHN", "GOV", "President"}, {"CHN", "Chinese", "CHN", "", ""}}, nil},
		{"office holder", "The Russian president said so.", "2010-01-01",
			[]want{{"dmitry-medvedev", "Russian president", "RUS", "GOV", "President"}}, nil},
		{"surname by date", "Bush arrived.", "1990-06-01",
			[]want{{"george-h-w-bush", "Bush", "USA", "GOV", "President"}}, nil},
		{"out of office", "Karzai arrived.", "2020-06-01",
			[]want{{"hamid-karzai", "Karzai", "AFG", "ELI", "former President"}}, nil},
		{"agent", "Afghan government troops advanced.", "",
			[]want{{"AFGMIL", "Afghan government troops", "AFG", "MIL", ""}}, nil},
		{"possessive", "China's envoy and Israel's cabinet met.", "",
			[]want{{"ISRGOV", "Israel's cabinet", "ISR", "GOV", ""}}, nil},
		{"coordination", "Hungarian and Romanian officials agreed.", "",
			[]want{{"HUNGOV", "Hungarian", "HUN", "GOV", ""}, {"ROMGOV", "Romanian officials", "ROU", "GOV", ""}}, nil},
		{"capital acts", "Beijing said it would respond.", "",
			[]want{{"CHNGOV", "Beijing", "CHN", "GOV", ""}, {"CHNGOV", "it", "CHN", "GOV", ""}}, nil},
		{"capital place", "Talks were held in Beijing.", "",
			[]want{{"CHN", "Beijing", "CHN", "", ""}}, nil},
		{"its army", "The Afghan army said its units advanced.", "",
			[]want{{"AFGMIL", "Afghan army", "AFG", "MIL", ""}, {"AFGMIL", "its", "AFG", "MIL", ""}}, nil},
		{"the West", "Kyiv urged Western allies to send tanks; western sources said so.", "",
			[]want{{"WST", "Western allies", "", "", ""}}, []string{"western sources"}},
		{"capital's people", "Residents of Beijing said so.", "",
			[]want{{"CHN", "Beijing", "CHN", "", ""}}, nil},
		{"acronym case", "Let us go with the US team.", "",
			[]want{{"USA", "US", "USA", "", ""}}, []string{"us"}},
		{"diacritics", "Cote d'Ivoire and Türkiye met.", "",
			[]want{{"CIV", "Cote d'Ivoire", "CIV", "", ""}, {"TUR", "Türkiye", "TUR", "", ""}}, nil},
		{"demonym noun", "The Chinese support the plan; Chinese support grew.", "",
			[]want{{"CHN", "Chinese", "CHN", "", ""}}, nil},
		{"adjective in a name", "American Express rose.", "", nil, []string{"American"}},
		{"supporters of a side", "Afghan opposition supporters marched.", "",
			[]want{{"AFGOPP", "Afghan opposition supporters", "AFG", "OPP", ""}}, nil},
		{"an institution, not a general", "Ukraine's General Staff said so.", "",
			[]want{{"UKRMIL", "Ukraine's General Staff", "UKR", "MIL", ""}}, []string{"Staff"}},
		{"backed", "The U.S.-backed government fell.", "",
			[]want{{"USA", "U.S.", "USA", "", ""}}, []string{"U.S.-backed government"}},
		{"foreign forces", "Foreign forces left Afghanistan.", "",
			[]want{{"MIL", "Foreign forces", "", "MIL", ""}}, nil},
		{"indefinite", "Any insurgency would fail in Iraq.", "", nil, []string{"insurgency"}},
		{"ethnic", "Ethnic Uyghurs and Uyghur Muslims protested.", "",
			[]want{{"UIG", "Ethnic Uyghurs", "", "", ""}, {"UIG", "Uyghur Muslims", "", "", ""}}, nil},
		{"coref group", "The Taliban attacked. The group said it won.", "",
			[]want{{"AFGREBTAL", "the group", "AFG", "INS", ""}, {"AFGREBTAL", "it", "AFG", "INS", ""}}, nil},
		{"expletive it", "China agreed, and it is believed the talks failed.", "", nil, []string{"it"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &sitrep.Doc{Text: tt.text, Published: sitrep.NullString(tt.date)}
			segment.Split(doc)
			if err := r.Process(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			checkDoc(t, doc)
			for _, w := range tt.want {
				a := find(doc, w.id)
				if a == nil {
					t.Errorf("no actor %s; got %s", w.id, actorsBrief(doc))
					continue
				}
				ok := false
				for _, m := range a.Mentions {
					ok = ok || strings.EqualFold(m.Text, w.mention)
				}
				if !ok {
					t.Errorf("%s: no mention %q in %+v", w.id, w.mention, a.Mentions)
				}
				if string(a.Country) != w.country || string(a.Sector) != w.sector || string(a.Role) != w.role {
					t.Errorf("%s: country/sector/role = %s/%s/%s, want %s/%s/%s", w.id, a.Country, a.Sector, a.Role, w.country, w.sector, w.role)
				}
			}
			for _, x := range tt.absent {
				for _, a := range doc.Actors {
					for _, m := range a.Mentions {
						if m.Text == x {
							t.Errorf("%q resolved to %s, want no actor", x, a.ID)
						}
					}
				}
			}
		})
	}
}

func TestAdhocEntities(t *testing.T) {
	r := New(testLexicon(t))
	doc := &sitrep.Doc{Text: "Fuad Masum met the Daily Mirror. Masum left."}
	segment.Split(doc)
	doc.Entities = []sitrep.Entity{
		{Start: 0, End: 10, Text: "Fuad Masum", Label: "PER"},
		{Start: 15, End: 31, Text: "the Daily Mirror", Label: "ORG"},
		{Start: 33, End: 38, Text: "Masum", Label: "PER"},
	}
	if err := r.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	checkDoc(t, doc)
	// Fuad Masum is in the lexicon; the Daily Mirror is not.
	if a := find(doc, "fuad-masum"); a == nil || len(a.Mentions) != 2 {
		t.Errorf("fuad-masum: %+v", a)
	}
	if a := find(doc, "daily-mirror"); a == nil || a.Type != sitrep.ActorOrganization || a.Mentions[0].Why != "adhoc" {
		t.Errorf("daily-mirror: %+v; all: %s", a, actorsBrief(doc))
	}
}

func TestNoTokens(t *testing.T) {
	// Without the segmenter the stage tokenizes the text itself.
	doc := &sitrep.Doc{Text: "Pakistan and NATO met."}
	if err := New(testLexicon(t)).Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if find(doc, "PAK") == nil || find(doc, "IGOWSTNAT") == nil {
		t.Errorf("got %s", actorsBrief(doc))
	}
}

func FuzzResolve(f *testing.F) {
	f.Add("China's President Xi Jinping and the Taliban said it would. U.S.-backed")
	f.Add("ethnic Albanian rebel-held territory in Kabul, 'it' they them")
	f.Add("Mr. \u00e9 President - led - backed ’s 's")
	r := New(testLexicon(f))
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			t.Skip("cleaning guarantees UTF-8 text")
		}
		doc := &sitrep.Doc{Text: text, Published: "2021-01-01"}
		segment.Split(doc)
		if err := r.Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		if bad := doc.CheckSpans(); bad != "" {
			t.Fatalf("bad span %s", bad)
		}
	})
}

func TestFocusTitle(t *testing.T) {
	doc := &sitrep.Doc{Text: "Fighting spread in Afghanistan. In Kabul, the president said the army would hold.", Published: "2020-06-01"}
	segment.Split(doc)
	if err := New(testLexicon(t)).Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if a := find(doc, "ashraf-ghani"); a == nil || a.Mentions[0].Text != "the president" && a.Mentions[0].Text != "president" {
		t.Errorf("the president: %s", actorsBrief(doc))
	}
	if find(doc, "AFGMIL") == nil {
		t.Errorf("the army: %s", actorsBrief(doc))
	}
}

func TestConcurrent(t *testing.T) {
	r := New(testLexicon(t))
	texts := []string{"Chinese President Xi Jinping met UK forces.", "The Taliban said it would. Beijing said so.", "Afghan government troops and civilians."}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				doc := &sitrep.Doc{Text: texts[(i+j)%len(texts)], Published: "2021-01-01"}
				segment.Split(doc)
				if err := r.Process(context.Background(), doc); err != nil {
					t.Error(err)
				}
			}
		}(i)
	}
	wg.Wait()
}

// TestNamedOrg: a party or organisation entity that begins with a
// country's name is one actor of that country, and its bracketed
// abbreviation names it too.
func TestNamedOrg(t *testing.T) {
	r := New(testLexicon(t))
	text := "The Bangladesh Nationalist Party (BNP) called a rally. The BNP said so."
	doc := &sitrep.Doc{Text: text}
	segment.Split(doc)
	ent := func(s string, from int) sitrep.Entity {
		i := from + strings.Index(text[from:], s)
		return sitrep.Entity{Start: i, End: i + len(s), Text: s, Label: "ORG"}
	}
	doc.Entities = []sitrep.Entity{ent("Bangladesh Nationalist Party", 0), ent("BNP", 0), ent("BNP", 45)}
	if err := r.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	checkDoc(t, doc)
	a := find(doc, "bangladesh-nationalist-party")
	if a == nil || a.Type != sitrep.ActorParty || a.Country != "BGD" || len(a.Mentions) != 3 {
		t.Errorf("party: %+v; all: %s", a, actorsBrief(doc))
	}
	if find(doc, "BGD") != nil {
		t.Errorf("Bangladesh inside the party's name is a mention of the country: %s", actorsBrief(doc))
	}
}
