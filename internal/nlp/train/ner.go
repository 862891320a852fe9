package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

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
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(cfg.Out, "ner.bin.gz"), buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("train: writing ner model: %w", err)
	}
	buf.Reset()
	if err := m.WriteNames(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(cfg.Out, "ner-names.tsv.gz"), buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("train: writing ner names: %w", err)
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
