package main

import (
	"context"
	"os"

	"github.com/sitrep/sitrep/internal/nlp/ner"
)

// trainNER trains the entity model on the PER/ORG/LOC corpora
// (ner.TrainingSets) with extra names from ner.NameSets, writes models/ner.bin.gz and models/ner-names.tsv.gz,
// and prints UNER and GUM dev scores.
func trainNER(cfg config) error {
	sents, err := ner.LoadTraining(cfg.Data, ner.TrainingSets)
	if err != nil {
		return err
	}
	opt := ner.DefaultTrainOptions()
	if opt.NameSents, err = ner.LoadTraining(cfg.Data, ner.NameSets); err != nil {
		return err
	}
	if cfg.Epochs > 0 {
		opt.Epochs = cfg.Epochs
	}
	opt.Log = os.Stderr
	m, err := ner.Train(sents, opt)
	if err != nil {
		return err
	}
	if _, err := writeModel(cfg, "ner.bin.gz", writerTo(m)); err != nil {
		return err
	}
	if _, err := writeModel(cfg, "ner-names.tsv.gz", m.WriteNames); err != nil {
		return err
	}
	tg, err := ner.NewTagger(m)
	if err != nil {
		return err
	}
	for _, suite := range []string{"uner", "gum"} {
		if _, err := tg.Eval(context.Background(), cfg.Data, suite, os.Stderr); err != nil {
			return err
		}
	}
	return nil
}
