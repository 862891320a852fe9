// Package ner finds named entities (PER, ORG, LOC, GPE, NORP) with a trained
// sequence model plus lexicon evidence, and value entities (DATE, TIME,
// MONEY, PERCENT, QUANTITY, CARDINAL) with fast rules. Its stage "ner" fills
// Token.Ent (BIO) and Doc.Entities.
//
// The model is a first-order structured averaged perceptron over BIOES tags
// for PER, ORG and LOC, decoded with Viterbi. Features: word, lower case,
// shape, affixes, capitalisation in context, sentence position, word
// clusters from GloVe vectors (internal/nlp/vectors), and gazetteer
// evidence from a small curated list and from the engine's lexicons (the
// Lexicon hook). Weights are committed in models/ner.bin.gz.
package ner

import (
	"bytes"
	"sync"

	"github.com/sitrep/sitrep/models"
)

// Tagger tags word sequences with the model. Safe for concurrent use.
type Tagger struct {
	m    *Model
	res  *resources
	pool sync.Pool
}

var (
	modelOnce sync.Once
	modelVal  *Model
	modelErr  error
)

// LoadModel returns the committed model, decoded once per process.
func LoadModel() (*Model, error) {
	modelOnce.Do(func() { modelVal, modelErr = ReadModel(bytes.NewReader(models.NER)) })
	return modelVal, modelErr
}

// NewTagger returns a tagger over m, or over the committed model when m is
// nil.
func NewTagger(m *Model) (*Tagger, error) {
	// The model and the tables decode in parallel (each is gzip work).
	var merr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		if m == nil {
			m, merr = LoadModel()
		}
	}()
	res, err := loadResources()
	<-done
	if err != nil {
		return nil, err
	}
	if merr != nil {
		return nil, merr
	}
	t := &Tagger{m: m, res: res}
	t.pool.New = func() any { return new(scratch) }
	return t, nil
}

// TagWords returns the PER/ORG/LOC spans the model finds in one sentence.
func (t *Tagger) TagWords(words []string) []Span {
	sc := t.pool.Get().(*scratch)
	defer t.pool.Put(sc)
	t.res.decode(t.m, sc, words, nil)
	return spansOf(sc.tags)
}
