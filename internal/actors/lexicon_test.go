package actors

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/segment"
)

func TestLoadEmbedded(t *testing.T) {
	lex := testLexicon(t)
	if lex.Len() < 600 {
		t.Errorf("only %d entries", lex.Len())
	}
	usa := lex.Entry("USA")
	if usa == nil || usa.Country != "USA" || usa.Type != sitrep.ActorCountry {
		t.Fatalf("USA: %+v", usa)
	}
	for _, a := range []string{"United States", "U.S.", "US", "America"} {
		if !contains(usa.Aliases, a) && usa.Name != a {
			t.Errorf("USA lacks alias %q", a)
		}
	}
	if !contains(lex.Entry("CHN").Capitals, "Beijing") || !contains(lex.Entry("AFG").Adjectives, "Afghan") {
		t.Error("CHN capital or AFG demonym missing")
	}
	if r := lex.Entry("ROM"); r == nil || r.Country != "ROU" {
		t.Errorf("Romania: CAMEO id ROM with ISO ROU, got %+v", r)
	}
	xi := lex.Entry("xi-jinping")
	if xi == nil || len(xi.Offices) < 2 {
		t.Fatalf("xi-jinping: %+v", xi)
	}
	// Every country of the registry is there.
	n := 0
	for _, e := range lex.entries {
		if e.Type == sitrep.ActorCountry {
			n++
		}
	}
	if n < 240 {
		t.Errorf("%d countries, want every ISO 3166 entry", n)
	}
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func TestUserLexicon(t *testing.T) {
	dir := t.TempDir()
	user := "# my additions\nid\ttype\tcountry\tsector\tname\taliases\n" +
		"XYZREBFOO\tarmed_group\tAFG\tREB\tFoo Front\tFoo Front|FF\n" +
		"USA\tcountry\tUSA\t\tUnited States\tUncle Sam\n"
	if err := os.WriteFile(filepath.Join(dir, "mine.tsv"), []byte(user), 0o644); err != nil {
		t.Fatal(err)
	}
	words := "phrase\tsector\tclass\nwarlords\tREB\tgroup\n"
	if err := os.WriteFile(filepath.Join(dir, "words.tsv"), []byte(words), 0o644); err != nil {
		t.Fatal(err)
	}
	lex, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	doc := &sitrep.Doc{Text: "The Foo Front and Uncle Sam met Afghan warlords."}
	segment.Split(doc)
	if err := New(lex).Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"XYZREBFOO", "USA", "AFGREB"} {
		if find(doc, id) == nil {
			t.Errorf("no %s in %s", id, actorsBrief(doc))
		}
	}
	if _, err := Load(filepath.Join(dir, "missing")); err == nil {
		t.Error("missing folder: no error")
	}
}

func TestBadEntries(t *testing.T) {
	head := "id\ttype\tcountry\tsector\tname\taliases\trole\tfrom\tto\n"
	tests := []struct {
		name, data, want string
	}{
		{"unknown column", "id\ttype\tcolour\n", "x.tsv:1: unknown column \"colour\""},
		{"no header id", "name\taliases\nFoo\tBar\n", "x.tsv:1: header lacks column \"id\""},
		{"bad type", head + "FOO\tplanet\t\t\tFoo\n", "x.tsv:2: unknown type \"planet\""},
		{"bad country", "# c\n" + head + "FOO\tcountry\tfr\t\tFoo\n", "x.tsv:3: country \"fr\" is not an ISO alpha-3 code"},
		{"bad id", head + "F O O\tcountry\t\t\tFoo\n", "x.tsv:2: bad id"},
		{"no name", head + "FOO\tcountry\t\t\t\n", "x.tsv:2: entry \"FOO\" has no name"},
		{"too many cells", head + "FOO\tcountry\t\t\tFoo\ta\tb\tc\td\te\n", "x.tsv:2: 10 columns, header has 9"},
		{"bad date", head + "p\tperson\t\tGOV\tP\t\tPresident\t2020-13-01\t\n", "x.tsv:2: bad date \"2020-13-01\""},
		{"dates reversed", head + "p\tperson\t\tGOV\tP\t\tPresident\t2020\t2019\n", "x.tsv:2: office ends"},
		{"role on country", head + "FOO\tcountry\t\t\tFoo\t\tKing\n", "x.tsv:2: role and dates are for people only"},
		{"type clash", head + "FOO\tcountry\t\t\tFoo\nFOO\tigo\t\t\tFoo\n", "x.tsv:3: id \"FOO\" is a country at x.tsv:2, not a igo"},
		{"bad class", "phrase\tsector\tclass\ntroops\tMIL\tsoldierly\n", "x.tsv:2: unknown class \"soldierly\""},
		{"title without role", "phrase\tsector\tclass\nking\tGOV\ttitle\n", "x.tsv:2: a title needs a role"},
		{"not utf8", "id\ttype\n\xff\xfe", "x.tsv:1: not UTF-8 text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseFile("x.tsv", []byte(tt.data))
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want %q", err, tt.want)
			}
			var pe *PosError
			if !errors.As(err, &pe) || pe.File != "x.tsv" || pe.Line < 1 {
				t.Errorf("error %v is not a *PosError with a position", err)
			}
		})
	}
}

func FuzzParseFile(f *testing.F) {
	for _, n := range []string{"igos.tsv", "sectors.tsv", "people.tsv"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "lexicon", "actors", n))
		if err == nil {
			f.Add(b[:min(len(b), 2000)])
		}
	}
	f.Add([]byte("id\ttype\tname\tfrom\tto\nx\tperson\tX\t2020\t\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := strings.Count(string(data), "\n") + 1
		lex, err := ParseFile("fuzz.tsv", data)
		if err != nil {
			var pe *PosError
			if !errors.As(err, &pe) || pe.Line < 1 || pe.Line > lines {
				t.Fatalf("error without a valid position: %v", err)
			}
			return
		}
		// A lexicon that parsed must be usable.
		text := strings.ToValidUTF8(string(data[:min(len(data), 200)]), "")
		doc := &sitrep.Doc{Text: text}
		if err := New(lex).Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		if bad := doc.CheckSpans(); bad != "" {
			t.Fatalf("bad span %s", bad)
		}
	})
}

func TestNames(t *testing.T) {
	doc := &sitrep.Doc{Text: "Chinese President Xi Jinping met the Taliban in Kabul and Pakistani troops."}
	segment.Split(doc)
	var got []string
	testLexicon(t).Names(doc, func(first, limit int, label string, sure bool) {
		got = append(got, doc.Text[doc.Tokens[first].Start:doc.Tokens[limit-1].End]+"/"+label)
	})
	want := "Chinese/NORP Xi Jinping/PER Taliban/ORG Kabul/GPE Pakistani/NORP"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("got %q, want %q", g, want)
	}
}
