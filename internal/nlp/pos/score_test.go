package pos

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestScoreLayouts checks Score, which keeps weights inline, in spilled
// lists and in dense rows, against a plain sum over the model's weights.
func TestScoreLayouts(t *testing.T) {
	for _, nc := range []int{3, 17, 104, 109, 130} {
		classes := make([]string, nc)
		tr := NewTrainer(classes)
		rng := rand.New(rand.NewPCG(1, uint64(nc)))
		// Features 1..k get from 1 to nc distinct classes, so that every
		// layout occurs.
		var keys []uint64
		for k := uint64(1); k <= 400; k++ {
			f := Mix(7, k, 0)
			keys = append(keys, f)
			for _, c := range rng.Perm(nc)[:1+int(k)%nc] {
				tr.Update([]uint64{f}, c, (c+1)%nc)
				tr.Tick()
			}
		}
		m := tr.Model(0)
		ref := func(feats []uint64) []float32 {
			out := make([]float32, nc)
			for _, f := range feats {
				i, ok := slices.BinarySearch(m.keys, f)
				if !ok {
					continue
				}
				for _, e := range m.ents[m.start[i]:m.start[i+1]] {
					out[e.cls] += float32(math.Round(float64(e.w / m.unit)))
				}
			}
			return out
		}
		got := make([]float32, nc)
		for range 200 {
			n := rng.IntN(150)
			feats := make([]uint64, n)
			for i := range feats {
				if rng.IntN(4) == 0 {
					feats[i] = Mix(8, rng.Uint64(), 0) // absent
				} else {
					feats[i] = keys[rng.IntN(len(keys))]
				}
			}
			m.Score(feats, got)
			if want := ref(feats); !slices.Equal(got, want) {
				t.Fatalf("%d classes: Score = %v, want %v", nc, got, want)
			}
		}
	}
}
