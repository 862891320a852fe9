package engine_test

import (
	"context"
	"encoding/json"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/engine"
	"github.com/sitrep/sitrep/internal/contract"
	"github.com/sitrep/sitrep/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the want.json sections of testdata/corpus/*.txtar")

func newEngine(t testing.TB) *engine.Engine {
	t.Helper()
	eng, err := engine.New(engine.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// TestCorpus runs whole analyses of the articles in testdata/corpus and
// compares them with the goldens. Each archive holds the input (input.txt
// with the headline on its first line, or input.html), optional meta.json
// (sitrep.Input fields) and want.json. Every result must satisfy the
// contract.
func TestCorpus(t *testing.T) {
	files, err := filepath.Glob("../testdata/corpus/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no corpus files")
	}
	eng := newEngine(t)
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			in := sitrep.Input{Name: filepath.Base(file)}
			for _, f := range ar.Files {
				switch f.Name {
				case "input.txt":
					title, body, _ := strings.Cut(string(f.Data), "\n")
					in.Title, in.Text = strings.TrimSpace(title), body
				case "input.html":
					in.HTML = string(f.Data)
				case "meta.json":
					if err := json.Unmarshal(f.Data, &in); err != nil {
						t.Fatalf("meta.json: %v", err)
					}
				}
			}
			doc, err := eng.Process(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			b, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			if err := contract.Validate(b); err != nil {
				t.Errorf("contract: %v", err)
			}
			golden.JSON(t, file, ar, "want.json", doc, *update)
		})
	}
}

// TestBadInput checks that input that cannot be analysed gives an error
// naming the document, and that nothing panics.
func TestBadInput(t *testing.T) {
	eng := newEngine(t)
	big := strings.Repeat("word ", 11<<20/5)
	tests := []struct {
		name string
		in   sitrep.Input
	}{
		{"empty", sitrep.Input{Name: "empty.txt"}},
		{"whitespace", sitrep.Input{Name: "blank.txt", Text: " \n\t\n  "}},
		{"binary", sitrep.Input{Name: "image.png", Text: "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"}},
		{"too large", sitrep.Input{Name: "huge.txt", Text: big}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := eng.Process(context.Background(), tt.in)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.in.Name) {
				t.Errorf("error %q does not name the input %q", err, tt.in.Name)
			}
		})
	}
}

// TestDegradedInput checks input that is analysed with a diagnostic rather
// than rejected.
func TestDegradedInput(t *testing.T) {
	eng := newEngine(t)
	tests := []struct {
		name, text, html, diag string
	}{
		{name: "invalid UTF-8", text: "The army said \xff\xfe twelve soldiers were killed in Kabul.", diag: "UTF-8"},
		{name: "not English", text: "Le gouvernement français a annoncé mardi de nouvelles sanctions contre la Russie, selon un communiqué du ministère des affaires étrangères publié à Paris.", diag: "language"},
		{name: "malformed HTML", html: "<html><body><p>Rebels attacked the town of Goma on Monday, officials said.<div><p>Unclosed <b>tags <i>everywhere", diag: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := eng.Process(context.Background(), sitrep.Input{Name: tt.name, Text: tt.text, HTML: tt.html})
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(doc)
			if err := contract.Validate(b); err != nil {
				t.Fatalf("contract: %v", err)
			}
			if doc.Text == "" {
				t.Fatal("no text")
			}
			if tt.diag == "" {
				return
			}
			for _, d := range doc.Diagnostics {
				if strings.Contains(d.Stage+" "+d.Message, tt.diag) {
					return
				}
			}
			t.Errorf("no diagnostic mentioning %q in %+v", tt.diag, doc.Diagnostics)
		})
	}
}
