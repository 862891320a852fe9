package geo

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/segment"
)

var verboseEval = flag.Bool("geo.verbose", false, "print each eval miss")

// sharedDir is ../shared relative to the repository root.
func sharedDir(t testing.TB) string {
	d := filepath.Join("..", "..", "..", "shared")
	if _, err := os.Stat(d); err != nil {
		t.Skipf("shared data not present at %s: %v", d, err)
	}
	return d
}

func prepare(ctx context.Context, doc *sitrep.Doc) error {
	return segment.New().Process(ctx, doc)
}

func TestEvalGeo(t *testing.T) {
	if testing.Short() {
		t.Skip("eval is slow-ish; skipped with -short")
	}
	dir := sharedDir(t)
	if _, err := os.Stat(filepath.Join(dir, "data", GeoWebNewsDir)); err != nil {
		t.Skipf("GeoWebNews dev set absent: %v", err)
	}
	var buf bytes.Buffer
	sum, err := EvalGeoWith(context.Background(), filepath.Join(dir, "data"), &buf, EvalOptions{Prepare: prepare, Verbose: *verboseEval})
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + buf.String())
	// Floors well under the measured figures: a regression guard, not the target.
	if sum.F1 < 0.70 || sum.AccFound < 0.85 {
		t.Errorf("geo eval regressed: F1 %.3f, acc@161 of found %.3f", sum.F1, sum.AccFound)
	}
}

func TestAlignText(t *testing.T) {
	for _, c := range []struct{ a, b string }{
		{"Paris is big.", "Paris is big."},
		{"Paris  is \n\n big.", "Paris is\n\nbig."},
		{"Intro. Related: Junk here.\n\nParis is big.", "Intro.\n\nParis is big."},
		{"A. Junk at the end", "A."},
	} {
		m := alignText(c.a, c.b)
		if len(m) != len(c.a)+1 || m[len(c.a)] > len(c.b) {
			t.Fatalf("alignText(%q, %q): bad map %v", c.a, c.b, m)
		}
		for i := 0; i < len(c.a); i++ {
			if j := m[i]; j >= 0 && c.a[i] != ' ' && c.a[i] != '\n' && (j >= len(c.b) || c.b[j] != c.a[i]) {
				t.Errorf("alignText(%q, %q): byte %d %q maps to %d", c.a, c.b, i, c.a[i], j)
			}
		}
		if k := strings.Index(c.a, "Paris"); k >= 0 && c.b[m[k]:m[k+5]] != "Paris" {
			t.Errorf("alignText(%q, %q): Paris maps to %q", c.a, c.b, c.b[m[k]:m[k+5]])
		}
	}
}

// TestEvalGeoProcess runs the eval through a whole-pipeline processor whose
// cleaner folds white space, as the engine's does: gold offsets must follow.
func TestEvalGeoProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("eval is slow-ish; skipped with -short")
	}
	dir := sharedDir(t)
	data := filepath.Join(dir, "data")
	if _, err := os.Stat(filepath.Join(data, GeoWebNewsDir)); err != nil {
		t.Skipf("GeoWebNews dev set absent: %v", err)
	}
	ctx := context.Background()
	var buf bytes.Buffer
	base, err := EvalGeoWith(ctx, data, &buf, EvalOptions{Prepare: prepare})
	if err != nil {
		t.Fatal(err)
	}
	fold := func(ctx context.Context, in sitrep.Input) (*sitrep.Doc, error) {
		txt := strings.Join(strings.Fields(in.Text), " ")
		doc := &sitrep.Doc{Text: txt}
		return doc, prepare(ctx, doc)
	}
	buf.Reset()
	got, err := EvalGeoWith(ctx, data, &buf, EvalOptions{Process: fold})
	if err != nil {
		t.Fatal(err)
	}
	if got.Gold != base.Gold || got.Dropped != 0 {
		t.Errorf("gold %d (dropped %d) through the processor, %d without", got.Gold, got.Dropped, base.Gold)
	}
	// Folding paragraph breaks changes sentence splits a little, no more.
	if d := got.F1 - base.F1; d < -0.03 || d > 0.03 {
		t.Errorf("F1 %.3f through the processor, %.3f without", got.F1, base.F1)
	}
}
