package actors

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalActors runs the evaluation on the shared dev data and holds the
// targets of the actor layer (issue 4): at least 90% of PLOVER GSR gold
// actors found with the right country, 80% with the right sector too.
func TestEvalActors(t *testing.T) {
	dataDir := filepath.Join(sharedDir, "data")
	if _, err := os.Stat(filepath.Join(dataDir, "event-plover-gsr")); err != nil {
		t.Skipf("shared evaluation data not available: %v", err)
	}
	var buf bytes.Buffer
	sum, err := EvalActors(context.Background(), dataDir, &buf)
	if err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() {
		t.Log("\n" + buf.String())
	}
	if sum.PloverActors < 300 || sum.RE3DDocs < 40 {
		t.Fatalf("read %d PLOVER actors and %d re3d documents: data incomplete", sum.PloverActors, sum.RE3DDocs)
	}
	if sum.Country < 0.90 {
		t.Errorf("PLOVER country %.3f, target 0.90", sum.Country)
	}
	if sum.CountrySector < 0.80 {
		t.Errorf("PLOVER country+sector %.3f, target 0.80", sum.CountrySector)
	}
	if !strings.Contains(buf.String(), "actors: plover country") {
		t.Error("no summary line")
	}
}

func TestLocate(t *testing.T) {
	tests := []struct {
		text, words string
		s, e        int
	}{
		{"Iraqi Kurds left Iraq", "Iraq", 17, 21},
		{"the US said", "US", 4, 6},
		{"Sierra Leonean and Liberian refugees", "Sierra Leonean ... refugees", 0, 36},
		{"nothing", "absent", -1, -1},
	}
	for _, tt := range tests {
		if s, e := locate(tt.text, tt.words); s != tt.s || e != tt.e {
			t.Errorf("locate(%q, %q) = %d, %d, want %d, %d", tt.text, tt.words, s, e, tt.s, tt.e)
		}
	}
}
