package quantity

import (
	"context"
	"encoding/json"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/golden"
)

var update = flag.Bool("update", false, "rewrite testdata/golden want files")

// TestGolden runs the stage over each testdata/golden/*.txtar case (file
// "text", optional "times" as JSON) and compares with "want.json".
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
				case "text":
					doc.Text = strings.TrimSuffix(string(fl.Data), "\n")
				case "times":
					if err := json.Unmarshal(fl.Data, &doc.Times); err != nil {
						t.Fatal(err)
					}
				}
			}
			if err := New().Process(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			if bad := doc.CheckSpans(); bad != "" {
				t.Fatalf("bad span: %s", bad)
			}
			got := doc.Quantities
			if got == nil {
				got = []sitrep.Quantity{}
			}
			golden.JSON(t, f, ar, "want.json", got, *update)
		})
	}
}
