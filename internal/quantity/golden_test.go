package quantity

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/sitrep/sitrep"
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
			wantIdx := -1
			for i, fl := range ar.Files {
				switch fl.Name {
				case "text":
					doc.Text = strings.TrimSuffix(string(fl.Data), "\n")
				case "times":
					if err := json.Unmarshal(fl.Data, &doc.Times); err != nil {
						t.Fatal(err)
					}
				case "want.json":
					wantIdx = i
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
			if *update {
				var buf bytes.Buffer
				enc := json.NewEncoder(&buf)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				if err := enc.Encode(got); err != nil {
					t.Fatal(err)
				}
				if wantIdx < 0 {
					ar.Files = append(ar.Files, txtar.File{Name: "want.json"})
					wantIdx = len(ar.Files) - 1
				}
				ar.Files[wantIdx].Data = buf.Bytes()
				if err := os.WriteFile(f, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if wantIdx < 0 {
				t.Fatalf("no want.json: run go test -update")
			}
			var want []sitrep.Quantity
			if err := json.Unmarshal(ar.Files[wantIdx].Data, &want); err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("quantities (-want +got):\n%s", d)
			}
		})
	}
}
