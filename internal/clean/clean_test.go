package clean

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	xhtml "golang.org/x/net/html"
	"golang.org/x/tools/txtar"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/golden"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/segment"
)

var update = flag.Bool("update", false, "rewrite testdata goldens")

func newCleaner(t testing.TB) *Cleaner {
	t.Helper()
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// render prints what the stage made of a document, for goldens.
func render(d *sitrep.Doc, err error) string {
	if err != nil {
		return "error: " + err.Error() + "\n"
	}
	var b strings.Builder
	for _, kv := range [][2]string{
		{"title", string(d.Title)}, {"outlet", string(d.Outlet)}, {"url", string(d.URL)},
		{"published", string(d.Published)}, {"author", d.Author}, {"language", string(d.Language)},
	} {
		if kv[1] != "" {
			fmt.Fprintf(&b, "%s: %s\n", kv[0], kv[1])
		}
	}
	for _, r := range d.Removed {
		fmt.Fprintf(&b, "removed %s: %q\n", r.Reason, r.Text)
	}
	for _, c := range d.Captions {
		fmt.Fprintf(&b, "caption: %q\n", d.Text[c.Start:c.End])
	}
	for _, g := range d.Diagnostics {
		fmt.Fprintf(&b, "diagnostic %s: %s\n", g.Stage, g.Message)
	}
	b.WriteString("text:\n")
	b.WriteString(d.Text)
	b.WriteString("\n")
	return b.String()
}

func TestGoldens(t *testing.T) {
	c := newCleaner(t)
	path := filepath.Join("testdata", "cases.txtar")
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		ext := filepath.Ext(f.Name)
		if ext != ".txt" && ext != ".html" {
			continue
		}
		name := strings.TrimSuffix(f.Name, ext)
		d := &sitrep.Doc{Raw: string(f.Data), RawHTML: ext == ".html"}
		err := c.Process(context.Background(), d)
		if err == nil {
			checkClean(t, d, string(f.Data))
		}
		golden.Text(t, path, ar, name+".golden", render(d, err), *update)
	}
}

func TestReject(t *testing.T) {
	c := newCleaner(t)
	tests := []struct {
		name, raw string
		html      bool
		want      string // in the error message
	}{
		{"empty", "", false, "empty document"},
		{"whitespace", " \n\t\r\n \ufeff ", false, "only whitespace"},
		{"nul", "PK\x03\x04\x00\x00binary", false, "NUL"},
		{"utf16", "\xff\xfeH\x00i\x00", false, "UTF-16"},
		{"controls", strings.Repeat("\x01\x02ab\x1b", 50), false, "binary data"},
		{"invalid-utf8", strings.Repeat("\xff\xfe\xfa", 40), false, "binary data"},
		{"all-boilerplate", "Sign up to our newsletter\n\nShare this article", false, "boilerplate"},
		{"empty-html", "<html><head><script>var a=1;</script></head><body>  </body></html>", true, "no text"},
		{"html-whitespace", "   ", true, "empty document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &sitrep.Doc{Raw: tt.raw, RawHTML: tt.html}
			err := c.Process(context.Background(), d)
			if !errors.Is(err, pipeline.ErrReject) {
				t.Fatalf("err = %v, want ErrReject", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestRepairUTF8(t *testing.T) {
	c := newCleaner(t)
	d := &sitrep.Doc{Raw: "The caf\xe9 near the market was open on Tuesday, and the owner said it was busy."}
	if err := c.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Text, "caf\uFFFD near") || !utf8.ValidString(d.Text) {
		t.Errorf("text %q: want the bad byte replaced by U+FFFD", d.Text)
	}
	if len(d.Diagnostics) != 1 || !strings.Contains(d.Diagnostics[0].Message, "invalid UTF-8") {
		t.Errorf("diagnostics %v: want one about invalid UTF-8", d.Diagnostics)
	}
}

func TestCuesParse(t *testing.T) {
	for _, bad := range []string{"newsletter\tstart", "nope\tstart\tx", "ad\tmiddle\tx", "ad\tstart\tUpper"} {
		if _, err := parseCues(bad); err == nil || !strings.Contains(err.Error(), "cues.tsv:1") {
			t.Errorf("parseCues(%q) = %v, want an error naming cues.tsv:1", bad, err)
		}
	}
}

// TestSeed checks the reference article's boilerplate (kept outside the
// repository) by general rules: two calls to action and a credit go, the
// paragraph the credit closed stays as a caption.
func TestSeed(t *testing.T) {
	b, err := os.ReadFile("../../../shared/seed/mirror-china-taliban-uyghurs.txt")
	if err != nil {
		t.Skipf("seed article not available (../shared absent): %v", err)
	}
	text := string(b)
	text = text[strings.IndexByte(text, '\n')+1:]
	d := &sitrep.Doc{Raw: text}
	if err := newCleaner(t).Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	segment.Split(d)
	checkClean(t, d, text)
	reasons := map[string]int{}
	for _, r := range d.Removed {
		reasons[r.Reason]++
		if strings.Contains(d.Text, r.Text) {
			t.Errorf("removed text %q still in Text", r.Text)
		}
	}
	if diff := cmp.Diff(map[string]int{"comments": 1, "newsletter": 1, "credit": 1}, reasons); diff != "" {
		t.Errorf("removed reasons (-want +got):\n%s", diff)
	}
	var caps []string
	for _, s := range d.Sentences {
		if s.Kind == sitrep.KindCaption {
			caps = append(caps, d.Text[s.Start:s.End])
		}
	}
	if len(caps) != 1 || !strings.Contains(caps[0], "Xi Jinping") {
		t.Errorf("caption sentences %q: want the one sentence the credit closed", caps)
	}
	if d.Language != "en" || len(d.Diagnostics) != 0 {
		t.Errorf("language %q, diagnostics %v", d.Language, d.Diagnostics)
	}
}

// alnum returns the letters and digits of s, except U+FFFD.
func alnum(s string) []rune {
	var out []rune
	for _, r := range s {
		if (unicode.IsLetter(r) || unicode.IsDigit(r)) && r != utf8.RuneError {
			out = append(out, r)
		}
	}
	return out
}

// subsequence reports whether a is a subsequence of b.
func subsequence(a, b []rune) bool {
	j := 0
	for _, r := range a {
		for j < len(b) && b[j] != r {
			j++
		}
		if j == len(b) {
			return false
		}
		j++
	}
	return true
}

// checkClean asserts the invariants of a cleaned document.
func checkClean(t *testing.T, d *sitrep.Doc, raw string) {
	t.Helper()
	if d.Text == "" || !utf8.ValidString(d.Text) {
		t.Fatalf("text %q empty or invalid UTF-8", d.Text)
	}
	if strings.TrimSpace(d.Text) != d.Text || strings.Contains(d.Text, "\n\n\n") || strings.Contains(d.Text, "\r") {
		t.Fatalf("text %q not trimmed or has extra blank lines", d.Text)
	}
	for _, r := range d.Text {
		if r < 0x20 && r != '\n' || r == 0x7f {
			t.Fatalf("control character %U in %q", r, d.Text)
		}
	}
	prev := 0
	for _, c := range d.Captions {
		if c.Start < prev || !c.Valid(len(d.Text)) || c.Len() == 0 {
			t.Fatalf("bad caption span %v", c)
		}
		prev = c.End
	}
	if d.Sentences == nil {
		segment.Split(d)
	}
	if m := d.CheckSpans(); m != "" {
		t.Fatalf("bad span: %s", m)
	}
	if !d.RawHTML {
		// Plain text: the letters and digits out are those in, in order.
		if !subsequence(alnum(d.Text), alnum(strings.ToValidUTF8(raw, "\uFFFD"))) {
			t.Fatalf("cleaning invented text:\n%q\nfrom\n%q", d.Text, raw)
		}
		return
	}
	// HTML: the extractor may drop or repeat blocks, but every word out
	// must be in the page.
	src := string(alnum(pageText(strings.ToValidUTF8(raw, "\uFFFD"))))
	for _, w := range strings.FieldsFunc(d.Text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) || r == utf8.RuneError }) {
		if !strings.Contains(src, w) {
			t.Fatalf("cleaning invented %q:\n%q\nfrom\n%q", w, d.Text, raw)
		}
	}
}

// fuzzSeeds returns the golden inputs of one kind as fuzz seeds.
func fuzzSeeds(f *testing.F, ext string) {
	ar, err := txtar.ParseFile(filepath.Join("testdata", "cases.txtar"))
	if err != nil {
		f.Fatal(err)
	}
	for _, fl := range ar.Files {
		if filepath.Ext(fl.Name) == ext {
			f.Add(string(fl.Data))
		}
	}
}

func fuzzClean(f *testing.F, isHTML bool) {
	c := newCleaner(f)
	f.Fuzz(func(t *testing.T, raw string) {
		d := &sitrep.Doc{Raw: raw, RawHTML: isHTML}
		err := c.Process(context.Background(), d)
		if err != nil {
			if !errors.Is(err, pipeline.ErrReject) {
				t.Fatalf("error %v does not wrap ErrReject", err)
			}
			return
		}
		checkClean(t, d, raw)
	})
}

// FuzzClean feeds plain text to the clean stage.
// pageText returns the text nodes of an HTML page run together.
func pageText(raw string) string {
	root, err := xhtml.Parse(strings.NewReader(raw))
	if err != nil {
		return raw
	}
	var b strings.Builder
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return b.String()
}

func FuzzClean(f *testing.F) {
	fuzzSeeds(f, ".txt")
	f.Add("caf\xe9 \x00")
	f.Add("a\r\nb\u2028c\u2029d (Photo: e)\n\nSign up\u00a0now")
	fuzzClean(f, false)
}

// FuzzCleanHTML feeds HTML to the clean stage.
func FuzzCleanHTML(f *testing.F) {
	fuzzSeeds(f, ".html")
	f.Add("<p>a (Photo: b)</p><figure><figcaption>x</figcaption></figure>")
	f.Add("<html><body><p>caf\xe9<br><br>&amp;&#0;&#xD800;</p>")
	fuzzClean(f, true)
}

// BenchmarkCleanSegment measures the first two stages on a 470-word
// article written for the purpose.
func BenchmarkCleanSegment(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "article.txt"))
	if err != nil {
		b.Fatal(err)
	}
	raw := string(data)
	c := newCleaner(b)
	seg := segment.New()
	ctx := context.Background()
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		d := &sitrep.Doc{Raw: raw}
		if err := c.Process(ctx, d); err != nil {
			b.Fatal(err)
		}
		if err := seg.Process(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCleanHTML(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "article.html"))
	if err != nil {
		b.Fatal(err)
	}
	raw := string(data)
	c := newCleaner(b)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		d := &sitrep.Doc{Raw: raw, RawHTML: true}
		if err := c.Process(context.Background(), d); err != nil {
			b.Fatal(err)
		}
	}
}

func TestEvalSeed(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared")
	if _, err := os.Stat(filepath.Join(shared, "seed")); err != nil {
		t.Skipf("reference articles not available (../shared absent): %v", err)
	}
	var out strings.Builder
	sum, err := EvalSeed(context.Background(), shared, &out)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + out.String())
	if sum.Removed.F1() < 1 || sum.Captions.F1() < 1 || sum.ReasonsRight != sum.Removed.TP {
		t.Errorf("boilerplate on the reference article is not all right:\n%s", out.String())
	}
}
