package attrib

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/sitrep/sitrep"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/cases")

// render prints quotes one per line for goldens.
func render(qs []sitrep.Quote) string {
	var b strings.Builder
	for _, q := range qs {
		kind := "indirect"
		if q.Direct {
			kind = "direct"
		}
		fmt.Fprintf(&b, "%s %s cue=%q hedges=%s speaker=%q kind=%s", q.ID, kind, q.Cue, strings.Join(q.Hedges, "|"), q.Speaker.Text, q.Speaker.Kind)
		if q.Speaker.Descriptor != "" {
			fmt.Fprintf(&b, " desc=%s", q.Speaker.Descriptor)
		}
		if q.Speaker.Actor != "" {
			fmt.Fprintf(&b, " actor=%s", q.Speaker.Actor)
		}
		fmt.Fprintf(&b, "\n    %q\n", q.Text)
	}
	return b.String()
}

// caseDoc builds the document of a test case: its input text and, from
// the optional actors section ("ID<TAB>type<TAB>mention" lines), actors
// with every occurrence of their mention.
func caseDoc(ar *txtar.Archive) *sitrep.Doc {
	d := &sitrep.Doc{}
	for _, f := range ar.Files {
		switch f.Name {
		case "input":
			d.Text = strings.TrimSuffix(string(f.Data), "\n")
		case "actors":
			for _, line := range strings.Split(strings.TrimSpace(string(f.Data)), "\n") {
				p := strings.Split(line, "\t")
				if len(p) != 3 {
					continue
				}
				a := sitrep.Actor{ID: p[0], Type: p[1], Name: p[2]}
				for off := 0; ; {
					i := strings.Index(d.Text[off:], p[2])
					if i < 0 {
						break
					}
					s := off + i
					a.Mentions = append(a.Mentions, sitrep.Mention{Start: s, End: s + len(p[2])})
					off = s + len(p[2])
				}
				d.Actors = append(d.Actors, a)
			}
		}
	}
	return d
}

func TestGoldens(t *testing.T) {
	st, err := New()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "cases", "*.txtar"))
	if len(files) == 0 {
		t.Fatal("no test cases")
	}
	for _, path := range files {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc := caseDoc(ar)
			prepare(t, doc) // tokens, tags and parse, as in the engine
			if err := st.Process(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			if bad := doc.CheckSpans(); bad != "" {
				t.Fatalf("bad span: %s", bad)
			}
			got := render(doc.Quotes)
			wi := -1
			for i, f := range ar.Files {
				if f.Name == "want" {
					wi = i
				}
			}
			if *update {
				if wi < 0 {
					ar.Files = append(ar.Files, txtar.File{Name: "want"})
					wi = len(ar.Files) - 1
				}
				ar.Files[wi].Data = []byte(got)
				if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if wi < 0 {
				t.Fatal("no want section; run with -update")
			}
			if diff := cmp.Diff(string(ar.Files[wi].Data), got); diff != "" {
				t.Errorf("quotes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLexiconErrors(t *testing.T) {
	err := eachRow("x.tsv", "# comment\nok\tfine\nbad\n", 2, func([]string) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "lexicon/attrib/x.tsv:3") {
		t.Errorf("bad row: got %v, want an error naming x.tsv:3", err)
	}
	if _, err := New(); err != nil {
		t.Errorf("embedded lexicons: %v", err)
	}
}

func TestSourcing(t *testing.T) {
	st, _ := New()
	text := "Rebels shelled the town, officials said. The army withdrew. “We will return,” the UN said. About 300 people fled."
	doc := &sitrep.Doc{Text: text}
	st.Process(context.Background(), doc)
	at := func(sub string) sitrep.Span {
		i := strings.Index(text, sub)
		return sitrep.Span{Start: i, End: i + len(sub)}
	}
	shelled, withdrew := at("shelled"), at("withdrew")
	doc.Events = []sitrep.Event{
		{ID: "e1", Evidence: at("Rebels shelled the town"), Trigger: &shelled},
		{ID: "e2", Evidence: at("The army withdrew"), Trigger: &withdrew},
	}
	doc.Quantities = []sitrep.Quantity{{ID: "n1", Start: at("300").Start, End: at("300").End}}
	q := QuoteAt(doc, shelled)
	if q == nil || q.Speaker.Kind != sitrep.SpeakerAnonymous {
		t.Fatalf("QuoteAt(shelled) = %+v, want the officials' claim", q)
	}
	if QuoteAt(doc, withdrew) != nil {
		t.Errorf("QuoteAt(withdrew) should be nil: narrative voice")
	}
	NewSourcing().Process(context.Background(), doc)
	if doc.Events[0].Attribution != sitrep.NullString(q.ID) || doc.Events[1].Attribution != "" {
		t.Errorf("attribution links: %q %q", doc.Events[0].Attribution, doc.Events[1].Attribution)
	}
	want := sitrep.Sourcing{Claims: 4, ByKind: sitrep.SourcingKind{Anonymous: 1, NamedOrg: 1, Unattributed: 2}}
	if diff := cmp.Diff(want, doc.Sourcing); diff != "" {
		t.Errorf("sourcing (-want +got):\n%s", diff)
	}
}

func TestQuoteSentence(t *testing.T) {
	doc := &sitrep.Doc{Text: "He spoke. “We will win.” Nobody cheered."}
	doc.Sentences = []sitrep.Sentence{{Start: 0, End: 9, Kind: "body"}, {Start: 10, End: 28, Kind: "body"}, {Start: 29, End: len(doc.Text), Kind: "body"}}
	doc.Quotes = []sitrep.Quote{{ID: "q1", Start: 13, End: 25, Direct: true}}
	MarkQuoteSentences(doc)
	got := []string{doc.Sentences[0].Kind, doc.Sentences[1].Kind, doc.Sentences[2].Kind}
	if diff := cmp.Diff([]string{"body", "quote", "body"}, got); diff != "" {
		t.Errorf("kinds (-want +got):\n%s", diff)
	}
}

// FuzzQuotes checks that any text yields quotes with valid spans and no
// panic.
func FuzzQuotes(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "cases", "*.txtar"))
	for _, p := range files {
		if ar, err := txtar.ParseFile(p); err == nil {
			f.Add(caseDoc(ar).Text)
		}
	}
	f.Add("“unclosed\n\n“still open\n\n''two'' ``marks'' ‘single’ 'x' \"")
	f.Add("said said, said: “”")
	f.Add("He said the talks failed and")
	st, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		doc := &sitrep.Doc{Text: text}
		if err := st.Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		if bad := doc.CheckSpans(); bad != "" {
			t.Fatalf("bad span: %s in %q", bad, text)
		}
		ids := map[string]bool{}
		for _, q := range doc.Quotes {
			if q.Text != text[q.Start:q.End] || q.Start >= q.End {
				t.Fatalf("quote %s text/span mismatch", q.ID)
			}
			if q.Speaker.End > 0 && q.Speaker.Text != text[q.Speaker.Start:q.Speaker.End] {
				t.Fatalf("quote %s speaker text/span mismatch", q.ID)
			}
			if ids[q.ID] {
				t.Fatalf("duplicate id %s", q.ID)
			}
			ids[q.ID] = true
		}
		_ = Sourcing(doc)
	})
}

func BenchmarkFind(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "bench.txt"))
	if err != nil {
		b.Fatal(err)
	}
	st, _ := New()
	text := string(data)
	// The stage alone, on a document the segmenter, tagger and parser
	// have already filled, as in the engine.
	doc := &sitrep.Doc{Text: text}
	prepare(b, doc)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		st.Find(doc)
	}
}

func TestWireCredit(t *testing.T) {
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ text, want string }{
		{"NIAMEY, Aug 10 (Reuters) - Niger's junta said so.", "Reuters"},
		{"KYIV, Ukraine (AP) \u2014 Russia fired missiles.", "Associated Press"},
		{"PARIS (AFP) - France said.", "Agence France-Presse"},
		{"Officials (Reuters staff) said.", ""},              // no agency credit
		{"The vote (AP) was close.", ""},                     // no dash after it
		{"Headline here\nKABUL (Reuters) - later line.", ""}, // only the first line is a dateline
	} {
		if got := lx.wireCredit(tc.text); got != tc.want {
			t.Errorf("wireCredit(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}
