package attrib

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

var sharedData = filepath.Join("..", "..", "..", "shared", "data")

// TestEvalQuotes runs the PolNeAR dev evaluation when the shared data is
// present and checks it yields a sane report; the figures are in the log.
func TestEvalQuotes(t *testing.T) {
	if _, err := os.Stat(filepath.Join(sharedData, "quotes-polnear")); err != nil {
		t.Skip("shared data absent: ", err)
	}
	if testing.Short() {
		t.Skip("eval skipped in -short mode")
	}
	w := testWriter{t}
	sum, err := EvalQuotes(context.Background(), sharedData, w, testProcessor(t))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Docs == 0 || sum.Gold == 0 {
		t.Fatalf("no documents scored: %+v", sum)
	}
	if sum.F1 < 0.5 {
		t.Errorf("content F1 %.3f below the floor of 0.5", sum.F1)
	}
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(string(b))
	return len(b), nil
}
