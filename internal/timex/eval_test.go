package timex

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedData is the shared data folder, relative to this package.
var sharedData = filepath.Join("..", "..", "..", "shared", "data")

// TestEvalTime runs the evaluation and holds it to the targets on
// the ISAF dev set (skipped when ../shared is absent) and to the
// hand-written cases.
func TestEvalTime(t *testing.T) {
	var out strings.Builder
	sum, err := EvalTime(context.Background(), sharedData, &out)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + out.String())
	if sum.Cases.Docs == 0 {
		t.Fatal("no hand-written cases scored")
	}
	if sum.Cases.Date != sum.Cases.Docs || sum.Cases.Killed != sum.Cases.Docs || sum.Cases.Captured != sum.Cases.Docs {
		t.Errorf("hand-written cases: want all right, got %+v", sum.Cases)
	}
	if _, err := os.Stat(filepath.Join(sharedData, isafDev)); err != nil {
		t.Skipf("ISAF dev set absent (%v)", err)
	}
	// Regression floors, a little under the figures measured when the
	// stage landed (issue 8 targets 0.9 on each; see eval.go for why the
	// dev set caps start_date lower).
	for _, f := range []struct {
		name        string
		right       int
		floor, goal float64
	}{
		{"start_date", sum.ISAF.Date, 0.73, 0.9},
		{"min_killed", sum.ISAF.Killed, 0.92, 0.9},
		{"min_captured", sum.ISAF.Captured, 0.89, 0.9},
	} {
		acc := sum.ISAF.Acc(f.right)
		if acc < f.floor {
			t.Errorf("ISAF dev %s accuracy %.3f fell under %.2f", f.name, acc, f.floor)
		}
		if acc < f.goal {
			t.Logf("ISAF dev %s accuracy %.3f is under the issue's target %.2f", f.name, acc, f.goal)
		}
	}
}
