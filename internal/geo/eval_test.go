package geo

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
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
