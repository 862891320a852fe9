package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/sitrep/sitrep/internal/nlp/lemma"
	"github.com/sitrep/sitrep/internal/nlp/pos"
	"github.com/sitrep/sitrep/internal/nlp/vectors"
)

// Training corpora, relative to the data directory, in training order.
var trainSets = []string{
	"train-ud-ewt/en_ewt-ud-train.conllu.gz",
	"train-gum/gum.train.conllu.gz",
}

func readTrain(cfg config) ([]pos.Sentence, error) {
	var all []pos.Sentence
	for _, p := range trainSets {
		s, err := pos.ReadCoNLLU(filepath.Join(cfg.Data, p))
		if err != nil {
			return nil, err
		}
		all = append(all, s...)
	}
	return all, nil
}

// trainPOS trains the tagger and the lemmatizer, writes models/pos.bin and
// models/lemma.bin and prints their dev scores. Experiment overrides (not
// used for the committed models): SITREP_NOCLUSTERS=1 drops the word
// clusters, SITREP_UPOS=1 predicts UPOS only, SITREP_POS_FOLDS=n sets the
// jackknife folds of the second pass (0: one pass), SITREP_POS_MINCOUNT=n
// the tag-dictionary threshold, SITREP_POS_DICTFOLDS=n the folds of the
// jackknifed training dictionary (0: none).
func trainPOS(cfg config) error {
	sents, err := readTrain(cfg)
	if err != nil {
		return err
	}
	cl, err := vectors.Load()
	if err != nil {
		return err
	}
	if os.Getenv("SITREP_NOCLUSTERS") != "" {
		cl = nil
	}
	ep := cfg.Epochs
	if ep == 0 {
		ep = 8
	}
	opt := pos.TrainOptions{
		Epochs:    ep,
		Seed:      1,
		Clusters:  cl,
		Prune:     1,
		Folds:     envInt("SITREP_POS_FOLDS", 4),
		MinCount:  envInt("SITREP_POS_MINCOUNT", 3),
		UPOSOnly:  os.Getenv("SITREP_UPOS") != "",
		DictFolds: envInt("SITREP_POS_DICTFOLDS", 10),
	}
	t, err := pos.Train(sents, opt, os.Stderr)
	if err != nil {
		return err
	}
	tb, err := writeModel(cfg, "pos.bin", writerTo(t))
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "pos: %d features\n", t.NumFeatures())
	var ex []lemma.Example
	for _, s := range sents {
		for _, w := range s.Words {
			ex = append(ex, lemma.Example{Form: pos.Fold(w.Form), UPOS: w.UPOS, Lemma: pos.Fold(w.Lemma)})
		}
	}
	lz := lemma.Train(ex)
	lb, err := writeModel(cfg, "lemma.bin", writerTo(lz))
	if err != nil {
		return err
	}
	nr, ne := lz.Size()
	fmt.Fprintf(os.Stderr, "lemma: %d rules, %d exceptions\n", nr, ne)
	// Score the models as loaded, so quantization is measured too.
	t2, err := pos.ReadTagger(bytes.NewReader(tb), cl)
	if err != nil {
		return err
	}
	lz2, err := lemma.Read(bytes.NewReader(lb))
	if err != nil {
		return err
	}
	_, err = pos.EvalWith(context.Background(), t2, lz2, cfg.Data, os.Stderr)
	return err
}

// envInt reads an integer experiment override from the environment.
func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return n
	}
	return def
}
