package actors

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/segment"
)

// sharedDir is ../shared relative to the repository root.
var sharedDir = filepath.Join("..", "..", "..", "shared")

// TestSeed checks the actors listed in shared/seed/expected.md for the
// reference article, each with the mentions listed there.
func TestSeed(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(sharedDir, "seed", "mirror-china-taliban-uyghurs.txt"))
	if err != nil {
		t.Skipf("seed article not available (%v): it lives in ../shared, outside the repository", err)
	}
	title, body, _ := strings.Cut(string(b), "\n")
	doc := &sitrep.Doc{Title: sitrep.NullString(title), Text: strings.TrimLeft(body, "\n"), Published: "2021-08-05"}
	segment.Split(doc)
	if err := New(testLexicon(t)).Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	checkDoc(t, doc)
	// at returns the byte offset of the n-th word of phrase in the text.
	at := func(phrase string, word int) int {
		i := strings.Index(doc.Text, phrase)
		if i < 0 {
			t.Fatalf("phrase %q not in the seed", phrase)
		}
		for ; word > 0; word-- {
			i += strings.IndexByte(doc.Text[i:], ' ') + 1
		}
		return i
	}
	type want struct {
		what     string
		match    func(a *sitrep.Actor) bool
		mentions []string // mention texts, each must be present
		at       []int    // mention starts that must be present
	}
	id := func(x string) func(a *sitrep.Actor) bool { return func(a *sitrep.Actor) bool { return a.ID == x } }
	agent := func(country string, sectors ...string) func(a *sitrep.Actor) bool {
		return func(a *sitrep.Actor) bool {
			for _, s := range sectors {
				if string(a.Country) == country && string(a.Sector) == s {
					return true
				}
			}
			return false
		}
	}
	wants := []want{
		{"China", id("CHN"), []string{"China", "Chinese"}, []int{at("And it is also hoping", 1)}},
		{"Xi Jinping", func(a *sitrep.Actor) bool {
			return a.Type == sitrep.ActorPerson && a.Country == "CHN" && a.Sector == "GOV" && strings.Contains(a.Name, "Xi Jinping")
		}, nil, []int{at("Xi Jinping", 0) - len("Chinese President ")}},
		{"Taliban", id("AFGREBTAL"), []string{"Taliban", "Taliban insurgency", "the insurgency"}, []int{at("it is believed they", 3)}},
		{"Uyghurs", id("UIG"), []string{"Uyghur insurgents", "Uyghur Islamic jihadists groups", "ethnic Uyghurs", "Uyghur Muslims", "Uyghurs"}, nil},
		{"Russia", id("RUS"), []string{"Russia"}, nil},
		{"Pakistan", id("PAK"), []string{"Pakistan"}, nil},
		{"NATO forces", func(a *sitrep.Actor) bool { return strings.HasPrefix(a.ID, "IGOWSTNAT") }, []string{"NATO forces"}, nil},
		{"United States", id("USA"), []string{"US", "U.S."}, nil},
		{"United Kingdom", func(a *sitrep.Actor) bool { return a.Country == "GBR" }, []string{"UK forces"}, nil},
		{"UN", id("IGOUNO"), []string{"UN"}, nil},
		{"Afghan government troops", agent("AFG", "GOV", "MIL"), []string{"government troops"}, nil},
		{"civilians", func(a *sitrep.Actor) bool { return a.Sector == "CVL" }, []string{"civilians"}, nil},
		{"Iran", id("IRN"), []string{"Iran"}, nil},
	}
	for _, w := range wants {
		var texts []string
		starts := map[int]bool{}
		found := false
		for i := range doc.Actors {
			a := &doc.Actors[i]
			if !w.match(a) {
				continue
			}
			found = true
			for _, m := range a.Mentions {
				texts = append(texts, m.Text)
				starts[m.Start] = true
			}
		}
		if !found {
			t.Errorf("%s: no actor", w.what)
			continue
		}
		for _, m := range w.mentions {
			ok := false
			for _, x := range texts {
				ok = ok || x == m
			}
			if !ok {
				t.Errorf("%s: no mention %q (have %q)", w.what, m, texts)
			}
		}
		for _, s := range w.at {
			if !starts[s] {
				t.Errorf("%s: no mention at %d (%q...)", w.what, s, doc.Text[s:min(len(doc.Text), s+25)])
			}
		}
	}
}
