package evalkit

import (
	"slices"
	"testing"
)

func TestScore(t *testing.T) {
	s := Score{TP: 3, FP: 1}
	s.Add(Score{FN: 3})
	if s.P() != 0.75 || s.R() != 0.5 || s.F1() != 0.6 {
		t.Errorf("P %v R %v F1 %v, want 0.75 0.5 0.6", s.P(), s.R(), s.F1())
	}
	if (Score{}).F1() != 0 {
		t.Error("empty score has non-zero F1")
	}
}

func TestRuneOffsets(t *testing.T) {
	s := "Herāt’s"
	got := RuneOffsets(s)
	want := []int{0, 1, 2, 3, 5, 6, 9, 10}
	if !slices.Equal(got, want) {
		t.Errorf("RuneOffsets(%q) = %v, want %v", s, got, want)
	}
	// Code points 0..4 are "Herāt".
	if s[got[0]:got[5]] != "Herāt" {
		t.Errorf("slice = %q", s[got[0]:got[5]])
	}
}
