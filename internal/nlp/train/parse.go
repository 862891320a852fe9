package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/sitrep/sitrep/internal/nlp/chunk"
	"github.com/sitrep/sitrep/internal/nlp/pos"
	"github.com/sitrep/sitrep/internal/nlp/vectors"
)

// trainParse trains the dependency parser on tags predicted by jackknifed
// taggers (4 folds), so it learns to cope with tagging errors, then scores
// it with the committed tagger.
func trainParse(cfg config) error {
	sents, err := readTrain(cfg)
	if err != nil {
		return err
	}
	cl, err := vectors.Load()
	if err != nil {
		return err
	}
	const folds = 4
	ts := make([]chunk.TrainSentence, len(sents))
	for k := range folds {
		var in []pos.Sentence
		for i, s := range sents {
			if i%folds != k {
				in = append(in, s)
			}
		}
		tg, err := pos.Train(in, pos.TrainOptions{Epochs: 6, Seed: 1, Clusters: cl, Prune: 0.001}, nil)
		if err != nil {
			return err
		}
		for i := k; i < len(sents); i += folds {
			s := sents[i]
			forms := make([]string, len(s.Words))
			t := chunk.TrainSentence{Heads: make([]int, len(s.Words)), Deps: make([]string, len(s.Words))}
			for j, w := range s.Words {
				forms[j] = w.Form
				t.Heads[j], t.Deps[j] = w.Head, w.Dep
			}
			t.Words = chunk.TagWords(tg, forms)
			ts[i] = t
		}
		fmt.Fprintf(os.Stderr, "parse: jackknife tagging fold %d done\n", k+1)
	}
	ep := cfg.Epochs
	if ep == 0 {
		ep = 15
	}
	p, err := chunk.TrainParser(ts, chunk.ParseOptions{Epochs: ep, Seed: 1, Clusters: cl, Prune: 2, Explore: 0.9}, os.Stderr)
	if err != nil {
		return err
	}
	b, err := writeModel(cfg, "parse.bin", writerTo(p))
	if err != nil {
		return err
	}
	p2, err := chunk.ReadParser(bytes.NewReader(b), cl)
	if err != nil {
		return err
	}
	tb, err := os.ReadFile(filepath.Join(cfg.Out, "pos.bin"))
	if err != nil {
		return err
	}
	tg, err := pos.ReadTagger(bytes.NewReader(tb), cl)
	if err != nil {
		return err
	}
	_, err = chunk.EvalParseWith(context.Background(), tg, p2, cfg.Data, os.Stderr)
	return err
}
