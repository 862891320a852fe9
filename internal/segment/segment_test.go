package segment

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
	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/golden"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite testdata goldens")

// render prints sentences and tokens in a reviewable form.
func render(d *sitrep.Doc) string {
	var b strings.Builder
	for _, s := range d.Sentences {
		fmt.Fprintf(&b, "%d %s [%d,%d)", s.Para, s.Kind, s.Start, s.End)
		for _, t := range d.Tokens[s.First:s.Limit] {
			b.WriteString(" ")
			b.WriteString(t.Text)
			if t.Norm != t.Text {
				b.WriteString("=" + t.Norm)
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestGoldens(t *testing.T) {
	path := filepath.Join("testdata", "cases.txtar")
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		name, ok := strings.CutSuffix(f.Name, ".txt")
		if !ok {
			continue
		}
		d := &sitrep.Doc{Text: strings.TrimSuffix(string(f.Data), "\n")}
		if err := New().Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, d)
		golden.Text(t, path, ar, name+".golden", render(d), *update)
	}
}

// checkInvariants asserts what must hold for any text.
func checkInvariants(t *testing.T, d *sitrep.Doc) {
	t.Helper()
	valid := utf8.ValidString(d.Text)
	if m := d.CheckSpans(); m != "" {
		t.Fatalf("bad span: %s in %q", m, d.Text)
	}
	prev := 0
	for i, tk := range d.Tokens {
		if tk.Start < prev || tk.End <= tk.Start || tk.End > len(d.Text) {
			t.Fatalf("token %d [%d,%d) out of order in %q", i, tk.Start, tk.End, d.Text)
		}
		if d.Text[tk.Start:tk.End] != tk.Text || tk.Head != -1 || tk.Norm == "" {
			t.Fatalf("token %d %+v bad", i, tk)
		}
		if valid && !utf8.ValidString(tk.Norm) {
			t.Fatalf("token %d norm %q invalid UTF-8", i, tk.Norm)
		}
		prev = tk.End
	}
	next := 0
	para := 0
	for i, s := range d.Sentences {
		if s.First != next || s.Limit <= s.First || s.Limit > len(d.Tokens) {
			t.Fatalf("sentence %d tokens [%d,%d) want first %d", i, s.First, s.Limit, next)
		}
		if s.Start != d.Tokens[s.First].Start || s.End != d.Tokens[s.Limit-1].End {
			t.Fatalf("sentence %d span does not match its tokens", i)
		}
		if s.Para < para || s.Para > para+1 && i > 0 {
			t.Fatalf("sentence %d para %d after %d", i, s.Para, para)
		}
		para = s.Para
		switch s.Kind {
		case sitrep.KindBody, sitrep.KindQuote, sitrep.KindCaption:
		default:
			t.Fatalf("sentence %d kind %q", i, s.Kind)
		}
		if strings.Contains(d.Text[s.Start:s.End], "\n") {
			t.Fatalf("sentence %d spans a newline", i)
		}
		next = s.Limit
	}
	if next != len(d.Tokens) {
		t.Fatalf("%d tokens outside sentences", len(d.Tokens)-next)
	}
}

func TestCaptions(t *testing.T) {
	text := "Body sentence one.\n\nXi Jinping oversees it, sources believe. Second caption line.\n\nMore body."
	cs := strings.Index(text, "Xi")
	ce := strings.Index(text, "line.") + len("line.")
	d := &sitrep.Doc{Text: text, Captions: []sitrep.Span{{Start: cs, End: ce}}}
	Split(d)
	var kinds []string
	for _, s := range d.Sentences {
		kinds = append(kinds, s.Kind)
	}
	want := []string{"body", "caption", "caption", "body"}
	if diff := cmp.Diff(want, kinds); diff != "" {
		t.Errorf("kinds (-want +got):\n%s", diff)
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"U.S.-backed", "U.S.|-|backed"},
		{"Helmand’s", "Helmand|’s"},
		{"don't", "do|n't"},
		{"3,500", "3,500"},
		{"9/11", "9/11"},
		{"", ""},
		{"  ", ""},
	}
	for _, tt := range tests {
		var parts []string
		for _, tk := range Tokenize(tt.in) {
			parts = append(parts, tk.Text)
		}
		if got := strings.Join(parts, "|"); got != tt.want {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSeed(t *testing.T) {
	b, err := os.ReadFile("../../../shared/seed/mirror-china-taliban-uyghurs.txt")
	if err != nil {
		t.Skipf("seed article not available (../shared absent): %v", err)
	}
	text := string(b)
	text = text[strings.IndexByte(text, '\n')+1:]
	d := &sitrep.Doc{Text: strings.TrimSpace(text)}
	Split(d)
	checkInvariants(t, d)
	// General expectations that hold for this article: the intelligence
	// source's quote runs over several paragraphs, and no sentence breaks
	// inside U.S.-backed or Helmand’s.
	quotes := 0
	for _, s := range d.Sentences {
		if s.Kind == sitrep.KindQuote {
			quotes++
		}
		if strings.HasSuffix(d.Text[s.Start:s.End], "U.S.") {
			t.Errorf("sentence ends at U.S.: %q", d.Text[s.Start:s.End])
		}
	}
	if quotes < 3 {
		t.Errorf("found %d quote sentences, want the multi-paragraph quote (>= 3)", quotes)
	}
}

func FuzzSegment(f *testing.F) {
	ar, err := txtar.ParseFile(filepath.Join("testdata", "cases.txtar"))
	if err != nil {
		f.Fatal(err)
	}
	for _, fl := range ar.Files {
		if strings.HasSuffix(fl.Name, ".txt") {
			f.Add(string(fl.Data))
		}
	}
	f.Add("a\xffb\x80 n’t ’s 'll U.S.. ..")
	f.Fuzz(func(t *testing.T, text string) {
		d := &sitrep.Doc{Text: text}
		Split(d)
		checkInvariants(t, d)
	})
}

func BenchmarkSplit(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "clean", "testdata", "article.txt"))
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		d := &sitrep.Doc{Text: text}
		Split(d)
	}
}

func TestEvalGUM(t *testing.T) {
	dataDir := filepath.Join("..", "..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(dataDir, "train-gum")); err != nil {
		t.Skipf("GUM data not available (../shared absent): %v", err)
	}
	var out strings.Builder
	sum, err := EvalGUM(context.Background(), dataDir, &out)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + out.String())
	// Floors a regression must not cross; measured values are higher.
	if sum.Docs < 30 || sum.Sentences.F1() < 0.90 || sum.Tokens.F1() < 0.95 {
		t.Errorf("GUM: %d docs, sentence F1 %.3f, token F1 %.3f: below the floor", sum.Docs, sum.Sentences.F1(), sum.Tokens.F1())
	}
}
