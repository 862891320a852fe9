package ner

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/segment"
	"github.com/sitrep/sitrep/models"
)

var update = flag.Bool("update", false, "rewrite testdata goldens")

// sharedData is ../shared/data relative to the repository root.
func sharedData(t testing.TB) string {
	dir := filepath.Join("..", "..", "..", "..", "shared", "data")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared data not available at %s: %v", dir, err)
	}
	return dir
}

func analyse(t testing.TB, st *Stage, text string) *sitrep.Doc {
	t.Helper()
	doc := &sitrep.Doc{Text: text}
	if err := segment.New().Process(context.Background(), doc); err != nil {
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

func entityLabels(doc *sitrep.Doc) map[string]string {
	m := map[string]string{}
	for _, e := range doc.Entities {
		m[e.Text] = e.Label
	}
	return m
}

// TestTrainTiny trains on a handful of sentences and checks the model
// learns them, and that encoding round-trips.
func TestTrainTiny(t *testing.T) {
	mk := func(s string, spans ...Span) Sentence { return Sentence{Words: strings.Fields(s), Spans: spans} }
	var train []Sentence
	for range 5 {
		train = append(train,
			mk("Alice Smith visited Zorbia yesterday .", Span{0, 2, "PER"}, Span{3, 4, "LOC"}),
			mk("The Quuxco company hired Bob Jones .", Span{1, 2, "ORG"}, Span{4, 6, "PER"}),
			mk("Bob Jones lives in Zorbia .", Span{0, 2, "PER"}, Span{4, 5, "LOC"}),
			mk("Quuxco sells widgets in Zorbia .", Span{0, 1, "ORG"}, Span{4, 5, "LOC"}),
		)
	}
	m, err := Train(train, TrainOptions{Epochs: 5, MinCount: 1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var buf strings.Builder
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadModel(strings.NewReader(buf.String()))
	if err != nil {
		t.Fatal(err)
	}
	m2.names = m.names
	for _, mod := range []*Model{m, m2} {
		tg, err := NewTagger(mod)
		if err != nil {
			t.Fatal(err)
		}
		got := tg.TagWords(strings.Fields("Alice Smith hired Bob Jones in Zorbia ."))
		want := []Span{{0, 2, "PER"}, {3, 5, "PER"}, {6, 7, "LOC"}}
		if len(got) != len(want) {
			t.Fatalf("got %v, want %v", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("span %d: got %v, want %v", i, got[i], want[i])
			}
		}
	}
}

func TestBIOES(t *testing.T) {
	spans := []Span{{0, 1, "PER"}, {2, 5, "ORG"}, {5, 7, "LOC"}}
	tags, err := tagsOf(8, spans)
	if err != nil {
		t.Fatal(err)
	}
	got := spansOf(tags)
	if len(got) != len(spans) {
		t.Fatalf("got %v", got)
	}
	for i := range spans {
		if got[i] != spans[i] {
			t.Errorf("got %v, want %v", got[i], spans[i])
		}
	}
	for a := -1; a < numTags; a++ {
		for b := 0; b < numTags; b++ {
			if (tagPos(b) == 'I' || tagPos(b) == 'E') && a == -1 && allowed(a, b) {
				t.Errorf("%d may start a sentence", b)
			}
		}
	}
}

// TestCommittedModel runs the stage with the committed model on a few
// news sentences.
func TestCommittedModel(t *testing.T) {
	st, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	doc := analyse(t, st, "China has been secretly backing a brutal Taliban insurgency across Afghanistan, western sources believe.\n\n"+
		"Chinese President Xi Jinping is overseeing the oppression of Uyghur Muslims.\n\n"+
		"Brutal fighting between government troops in Helmand’s capital Lashkar Gah has left streets littered with bodies.\n\n"+
		"The UN said it was deeply concerned about fighting near Herat and Kandahar, and NATO forces left in 2021 after 20 years.\n\n"+
		"Around 3,500 Uyghurs live there; the deal is worth $5 million, or 12% of the budget.")
	got := entityLabels(doc)
	want := map[string]string{
		"Taliban": "ORG", "Lashkar Gah": "GPE", "Xi Jinping": "PER", "Helmand": "GPE", "Herat": "GPE",
		"Kandahar": "GPE", "UN": "ORG", "NATO": "ORG", "China": "GPE", "Afghanistan": "GPE",
		"Chinese": "NORP", "Uyghur": "NORP", "Uyghurs": "NORP", "3,500": "CARDINAL", "$5 million": "MONEY",
		"12%": "PERCENT", "2021": "DATE", "20 years": "DATE",
	}
	for text, label := range want {
		if got[text] != label {
			t.Errorf("%q: got %q, want %q", text, got[text], label)
		}
	}
	for _, tok := range doc.Tokens {
		if tok.Ent == "" {
			t.Fatalf("token %q has no Ent", tok.Text)
		}
	}
	for _, e := range doc.Entities {
		if e.Source == "" || e.Score < 0 || e.Score > 1 {
			t.Errorf("entity %+v: bad source or score", e)
		}
	}
}

// TestLexiconHook checks lexicon evidence is merged and visible.
func TestLexiconHook(t *testing.T) {
	lex := LexiconFunc(func(doc *sitrep.Doc, dst []Match) []Match {
		for i, tok := range doc.Tokens {
			if tok.Text == "Blorgistan" {
				dst = append(dst, Match{First: i, Limit: i + 1, Label: "GPE", Override: true})
			}
		}
		return dst
	})
	st, err := New(Config{Lexicon: lex})
	if err != nil {
		t.Fatal(err)
	}
	doc := analyse(t, st, "Troops entered Blorgistan on Monday.")
	var found bool
	for _, e := range doc.Entities {
		if e.Text == "Blorgistan" {
			found = true
			if e.Label != "GPE" || (e.Source != SourceLexicon && e.Source != SourceModelLexicon) {
				t.Errorf("got %+v", e)
			}
		}
	}
	if !found {
		t.Errorf("Blorgistan not found in %+v", doc.Entities)
	}
}

// TestRules checks value entities against testdata/rules.txt: one case per
// line, text TAB expected entities ("text/LABEL" joined by " | ").
func TestRules(t *testing.T) {
	path := filepath.Join("testdata", "rules.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	fail := false
	for i, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		text, want, _ := strings.Cut(line, "\t")
		words := strings.Fields(text)
		got := valueSpans(words, make([]bool, len(words)), nil)
		var parts []string
		for _, v := range got {
			parts = append(parts, strings.Join(words[v.first:v.limit], " ")+"/"+v.label)
		}
		g := strings.Join(parts, " | ")
		out.WriteString(text + "\t" + g + "\n")
		if g != want {
			fail = true
			if !*update {
				t.Errorf("rules.txt:%d: %q\n got: %s\nwant: %s", i+1, text, g, want)
			}
		}
	}
	if *update && fail {
		if err := os.WriteFile(path, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func FuzzNER(f *testing.F) {
	for _, s := range []string{
		"China backs the Taliban in Lashkar Gah.",
		"Xi Jinping met NATO and the UN on 5 May 2021 at 10:30am; $5bn, 12%, 3,500 people.",
		"“It has a huge interest,” he said.\n\nThe U.S.-led invasion",
		"", "$", "%", "May", "the 1990s", "\xff\xfe", "A B C D E F G",
	} {
		f.Add(s)
	}
	st, err := New(Config{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		doc := analyse(t, st, s)
		last := -1
		for _, e := range doc.Entities {
			if e.Start < last || e.Start >= e.End {
				t.Fatalf("entities overlap or are empty: %+v", doc.Entities)
			}
			last = e.End
		}
	})
}

func BenchmarkNER(b *testing.B) {
	text, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "shared", "seed", "mirror-china-taliban-uyghurs.txt"))
	if err != nil {
		b.Skipf("seed article not available: %v", err)
	}
	st, err := New(Config{})
	if err != nil {
		b.Fatal(err)
	}
	doc := &sitrep.Doc{Text: string(text)}
	segment.Split(doc)
	toks := append([]sitrep.Token(nil), doc.Tokens...)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		doc.Tokens = append(doc.Tokens[:0], toks...)
		if err := st.Process(ctx, doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(toks))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func TestEvalSuites(t *testing.T) {
	if testing.Short() {
		t.Skip("eval runs over the dev sets")
	}
	dir := sharedData(t)
	for _, suite := range Suites {
		var out strings.Builder
		sum, err := EvalNER(context.Background(), dir, suite, &out)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s", out.String())
		if sum.Micro.TP == 0 {
			t.Errorf("%s: no entity found", suite)
		}
	}
}

// TestLoad reports how long the committed model and tables take to load
// (logged, not asserted).
func TestLoad(t *testing.T) {
	start := time.Now()
	if _, err := New(Config{}); err != nil {
		t.Fatal(err)
	}
	t.Logf("model, clusters and names loaded in %s", time.Since(start))
}

func BenchmarkReadModel(b *testing.B) {
	for b.Loop() {
		if _, err := ReadModel(bytes.NewReader(models.NER)); err != nil {
			b.Fatal(err)
		}
		if _, err := parseNames(models.NERNames); err != nil {
			b.Fatal(err)
		}
	}
}

// TestConcurrent runs one stage from several goroutines; results must match.
func TestConcurrent(t *testing.T) {
	st, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	const text = "The Taliban took Kandahar. Xi Jinping met Vladimir Putin in Moscow on 3 March 2022."
	want := fmt.Sprint(analyse(t, st, text).Entities)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				if got := fmt.Sprint(analyse(t, st, text).Entities); got != want {
					errs <- got
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("got %s, want %s", e, want)
	}
}

func TestExtendParticles(t *testing.T) {
	cases := []struct {
		text  string
		spans []Span
		want  []Span
	}{
		{"Foreign Minister Mariam al-Sadiq al-Mahdi told reporters", []Span{{2, 3, "PER"}}, []Span{{2, 5, "PER"}}},
		{"Crown Prince Mohammed bin Salman visited", []Span{{2, 3, "PER"}}, []Span{{2, 5, "PER"}}},
		{"Mohammed bin said", []Span{{0, 1, "PER"}}, []Span{{0, 1, "PER"}}},                                    // no name after "bin"
		{"Sisi al-Ahram reported", []Span{{0, 1, "PER"}, {1, 2, "ORG"}}, []Span{{0, 1, "PER"}, {1, 2, "ORG"}}}, // another span
		{"Hamas al-Qassam Brigades", []Span{{0, 1, "ORG"}}, []Span{{0, 1, "ORG"}}},                             // only people
		{"Ali al-sharp edge", []Span{{0, 1, "PER"}}, []Span{{0, 1, "PER"}}},                                    // lower-case after the article
	}
	for _, c := range cases {
		words := strings.Fields(c.text)
		got := append([]Span(nil), c.spans...)
		extendParticles(words, got)
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%q: got %v, want %v", c.text, got, c.want)
		}
	}
}
