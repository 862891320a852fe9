package ner

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
)

// TrainOptions control Train.
type TrainOptions struct {
	Epochs   int     // passes over the data (default 8)
	MinCount int     // drop features seen fewer times (default 2)
	Prune    float64 // drop rows whose largest averaged weight is below this (default 0.05; DefaultTrainOptions uses 0.8)
	Seed     uint64  // shuffling seed; training is deterministic for a seed
	// GazDrop is the probability of hiding a sentence's gazetteer evidence
	// in training, so the model does not lean on the list alone.
	GazDrop float64
	// NameSents are extra annotated sentences used only as a source of
	// names for the names gazetteer (not as training sequences).
	NameSents []Sentence
	// Folds splits sents by document for the names gazetteer: a sentence
	// sees only names from other folds, as unseen text would (default 5).
	Folds int
	// Runs is the number of perceptrons (different shuffles) whose
	// averaged weights are averaged into the model (default 1).
	Runs int
	Log  io.Writer // progress, or nil
}

// Train fits a structured averaged perceptron on sents. Deterministic for
// fixed options and input order.
func Train(sents []Sentence, opt TrainOptions) (*Model, error) {
	if opt.Epochs == 0 {
		opt.Epochs = 8
	}
	if opt.MinCount == 0 {
		opt.MinCount = 2
	}
	if opt.Prune == 0 {
		opt.Prune = 0.05
	}
	if opt.Folds == 0 {
		opt.Folds = 5
	}
	if opt.Runs == 0 {
		opt.Runs = 1
	}
	logf := func(format string, a ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, format, a...)
		}
	}
	res, err := loadResources()
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5eed))

	// 1. Features of every token, counted, then indexed.
	type sentFeats struct {
		off  []int32 // per token, start into ids; len n+1
		gold []int
	}
	fold := func(s *Sentence) int {
		d := s.Doc
		if d == "" {
			d = s.ID
		}
		return int(hashString(d) % uint64(opt.Folds))
	}
	foldGaz := make([]*gazetteer, opt.Folds)
	for f := range foldGaz {
		ns := newNameStats()
		for i := range opt.NameSents {
			ns.add(&opt.NameSents[i])
		}
		for i := range sents {
			if fold(&sents[i]) != f {
				ns.add(&sents[i])
			}
		}
		foldGaz[f] = ns.gazetteer()
	}
	all := newNameStats()
	for i := range opt.NameSents {
		all.add(&opt.NameSents[i])
	}
	for i := range sents {
		all.add(&sents[i])
	}
	counts := map[uint64]int32{}
	var sc scratch
	hashes := make([][]uint64, len(sents))
	offs := make([][]int32, len(sents))
	for si, s := range sents {
		if len(s.Words) == 0 {
			continue
		}
		res.fill(&sc, s.Words, nil, foldGaz[fold(&sents[si])])
		if opt.GazDrop > 0 && rng.Float64() < opt.GazDrop {
			for i := range sc.ti {
				sc.ti[i].gaz = 0
			}
		}
		title := caseRegime(sc.ti)
		var hs []uint64
		off := []int32{0}
		for i := range s.Words {
			hs = extract(hs, sc.ti, i, title)
			off = append(off, int32(len(hs)))
		}
		for _, h := range hs {
			counts[h]++
		}
		hashes[si], offs[si] = hs, off
	}
	index := map[uint64]int32{}
	var keys []uint64
	for si := range sents {
		for _, h := range hashes[si] {
			if _, ok := index[h]; !ok && counts[h] >= int32(opt.MinCount) {
				index[h] = int32(len(keys))
				keys = append(keys, h)
			}
		}
	}
	counts = nil
	data := make([]sentFeats, len(sents))
	ids := make([][]int32, len(sents))
	for si, s := range sents {
		if len(s.Words) == 0 {
			continue
		}
		gold, err := tagsOf(len(s.Words), s.Spans)
		if err != nil {
			return nil, fmt.Errorf("ner: sentence %s: %w", s.ID, err)
		}
		var v []int32
		off := make([]int32, len(offs[si]))
		for i := 0; i+1 < len(offs[si]); i++ {
			off[i] = int32(len(v))
			for _, h := range hashes[si][offs[si][i]:offs[si][i+1]] {
				if r, ok := index[h]; ok {
					v = append(v, r)
				}
			}
		}
		off[len(off)-1] = int32(len(v))
		ids[si] = v
		data[si] = sentFeats{off: off, gold: gold}
		hashes[si] = nil
	}
	logf("ner: %d sentences, %d features\n", len(sents), len(keys))

	// 2. Perceptron with averaging: avg = w - u/c. With Runs > 1 the
	// averaged weights of runs over different shuffles are averaged again
	// (a cheap ensemble: one linear model at run time).
	nf := len(keys)
	sumW := make([]float64, nf*numTags)
	var sumT [numTags + 1][numTags + 1]float64
	for run := range opt.Runs {
		rng := rand.New(rand.NewPCG(opt.Seed+uint64(run)*7919, 0x5eed))
		w := make([]int32, nf*numTags)
		u := make([]int64, nf*numTags)
		var tw [numTags + 1][numTags + 1]float64
		var tu [numTags + 1][numTags + 1]float64
		c := int64(1)
		order := make([]int, len(sents))
		for i := range order {
			order[i] = i
		}
		var em [][numTags]float32
		var pred []int
		var back []int8
		var trans [numTags + 1][numTags + 1]float32
		for ep := 0; ep < opt.Epochs; ep++ {
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			errs, toks := 0, 0
			for _, si := range order {
				d := data[si]
				n := len(d.gold)
				if n == 0 {
					continue
				}
				em = resize(em, n)
				pred = resize(pred, n)
				back = resize(back, n*numTags)
				for a := range numTags + 1 {
					for b := range numTags + 1 {
						trans[a][b] = float32(tw[a][b])
					}
				}
				for i := range n {
					var acc [numTags]int32
					for _, r := range ids[si][d.off[i]:d.off[i+1]] {
						row := w[int(r)*numTags : int(r)*numTags+numTags]
						for k := range acc {
							acc[k] += row[k]
						}
					}
					for k := range acc {
						em[i][k] = float32(acc[k])
					}
				}
				viterbi(em, &trans, pred, back)
				toks += n
				wrong := false
				for i := range n {
					if pred[i] != d.gold[i] {
						wrong = true
						errs++
						for _, r := range ids[si][d.off[i]:d.off[i+1]] {
							g, p := int(r)*numTags+d.gold[i], int(r)*numTags+pred[i]
							w[g]++
							u[g] += c
							w[p]--
							u[p] -= c
						}
					}
				}
				if wrong {
					pg, pp := numTags, numTags
					for i := 0; i <= n; i++ {
						g, p := numTags, numTags
						if i < n {
							g, p = d.gold[i], pred[i]
						}
						if g != p || pg != pp {
							tw[pg][g]++
							tu[pg][g] += float64(c)
							tw[pp][p]--
							tu[pp][p] -= float64(c)
						}
						pg, pp = g, p
					}
				}
				c++
			}
			logf("ner: epoch %d: token error %.4f\n", ep+1, float64(errs)/float64(max(toks, 1)))
		}

		fc := float64(c)
		for i := range sumW {
			sumW[i] += (float64(w[i]) - float64(u[i])/fc) / float64(opt.Runs)
		}
		for a := range numTags + 1 {
			for b := range numTags + 1 {
				sumT[a][b] += (tw[a][b] - tu[a][b]/fc) / float64(opt.Runs)
			}
		}
	}

	// 3. Prune and quantize.
	m := &Model{nameList: all.names()}
	m.names = namesGazetteer(m.nameList)
	avg := make([]float64, numTags)
	var maxAbs float64
	type kept struct {
		key uint64
		row int
	}
	var rows []kept
	for r := range nf {
		big := 0.0
		for k := range numTags {
			big = max(big, math.Abs(sumW[r*numTags+k]))
		}
		if big >= opt.Prune {
			rows = append(rows, kept{keys[r], r})
			maxAbs = max(maxAbs, big)
		}
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	scale := maxAbs / 32000
	m.scale = float32(scale)
	m.newTable(len(rows))
	for i, kr := range rows {
		for k := range numTags {
			avg[k] = sumW[kr.row*numTags+k]
			m.w[i*wStride+k] = int16(math.Round(avg[k] / scale))
		}
		key := kr.key
		if key == 0 {
			key = 1
		}
		m.insert(key, int32(i))
	}
	for a := range numTags + 1 {
		for b := range numTags + 1 {
			m.trans[a][b] = float32(sumT[a][b])
		}
	}
	logf("ner: kept %d of %d feature rows\n", len(rows), nf)
	return m, nil
}

// DefaultTrainOptions are the options the committed model was trained with.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{Epochs: 10, MinCount: 1, Prune: 0.8, Seed: 1, GazDrop: 0.3, Folds: 5, Runs: 5}
}
