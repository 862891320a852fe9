package events_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/sitrep/sitrep/internal/events"
)

const sharedData = "../../../shared/data"

// floors hold suite metrics a little under the figures measured when
// issues 5 and 8 closed (ISAF targets: 0.90 each, both counts 0.80).
var floors = map[string]float64{
	"isaf/target_group": 0.91, "isaf/province": 0.89, "isaf/killed": 0.92,
	"isaf/captured": 0.88, "isaf/counts": 0.82,
}

// TestEvalEvents runs every suite over the shared dev data with the test
// pipeline and checks that the scores are well-formed and above their
// floors; the figures are logged (go test -run EvalEvents -v).
func TestEvalEvents(t *testing.T) {
	if _, err := os.Stat(filepath.Join(sharedData, "event-plover-gsr")); err != nil {
		t.Skip("shared event data absent (../shared/data)")
	}
	if testing.Short() {
		t.Skip("slow: runs the language layer over the dev sets")
	}
	p := process(t)
	for _, suite := range events.Suites {
		t.Run(suite, func(t *testing.T) {
			var buf bytes.Buffer
			s, err := events.EvalEvents(context.Background(), sharedData, suite, &buf, p)
			if err != nil {
				t.Fatal(err)
			}
			t.Log("\n" + buf.String())
			if s.Records == 0 {
				t.Fatal("no records scored")
			}
			for k, v := range s.Metrics {
				if v < 0 || v > 1 {
					t.Errorf("%s = %v, outside [0,1]", k, v)
				}
				if f, ok := floors[suite+"/"+k]; ok && v < f {
					t.Errorf("%s %s = %.3f, fell under %.2f", suite, k, v, f)
				}
			}
		})
	}
}

func TestEvalUnknownSuite(t *testing.T) {
	if _, err := events.EvalEvents(context.Background(), sharedData, "nope", nil, nil); err == nil {
		t.Fatal("want an error for an unknown suite")
	}
}
