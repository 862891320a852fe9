package timex

import (
	"context"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/golden"
)

var update = flag.Bool("update", false, "rewrite testdata/golden want files")

// goldenOut is what a golden case records.
type goldenOut struct {
	Published   string              `json:"published"`
	Times       []sitrep.TimeExpr   `json:"times"`
	Diagnostics []sitrep.Diagnostic `json:"diagnostics,omitempty"`
}

// TestGolden runs the stage over each testdata/golden/*.txtar case (files
// "published" (optional) and "text") and compares with "want.json".
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/golden/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc := &sitrep.Doc{}
			for _, fl := range ar.Files {
				switch fl.Name {
				case "published":
					doc.Published = sitrep.NullString(strings.TrimSpace(string(fl.Data)))
				case "text":
					doc.Text = strings.TrimSuffix(string(fl.Data), "\n")
				}
			}
			if err := New().Process(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			if bad := doc.CheckSpans(); bad != "" {
				t.Fatalf("bad span: %s", bad)
			}
			got := goldenOut{Published: string(doc.Published), Times: doc.Times, Diagnostics: doc.Diagnostics}
			if got.Times == nil {
				got.Times = []sitrep.TimeExpr{}
			}
			golden.JSON(t, f, ar, "want.json", got, *update)
		})
	}
}
