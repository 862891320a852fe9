package pos

import (
	"bytes"
	"context"
	"sync"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/nlp/lemma"
	"github.com/sitrep/sitrep/internal/nlp/vectors"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/models"
)

// loadDefault parses the embedded tagger once per process.
var loadDefault = sync.OnceValues(func() (*Tagger, error) {
	cl, err := vectors.Load()
	if err != nil {
		return nil, err
	}
	return ReadTagger(bytes.NewReader(models.POS), cl)
})

// Default returns the committed tagger (models/pos.bin).
func Default() (*Tagger, error) { return loadDefault() }

// Stage is the "pos" pipeline stage: it fills Token.POS, Token.Tag and
// Token.Lemma sentence by sentence.
type Stage struct {
	tagger  *Tagger
	lem     *lemma.Lemmatizer
	scratch sync.Pool // *scratch, reused across documents
}

var _ pipeline.Stage = (*Stage)(nil)

// New returns the stage with the committed tagger and lemmatizer.
func New() (*Stage, error) {
	t, err := Default()
	if err != nil {
		return nil, err
	}
	lz, err := lemma.Default()
	if err != nil {
		return nil, err
	}
	return &Stage{tagger: t, lem: lz}, nil
}

// NewStage returns a stage over the given tagger and lemmatizer (lz may be nil).
func NewStage(t *Tagger, lz *lemma.Lemmatizer) *Stage { return &Stage{tagger: t, lem: lz} }

// Tagger returns the stage's tagger.
func (s *Stage) Tagger() *Tagger { return s.tagger }

// Name returns "pos".
func (s *Stage) Name() string { return "pos" }

// Process tags doc.Tokens. Without sentences, all tokens form one.
func (s *Stage) Process(ctx context.Context, doc *sitrep.Doc) error {
	sc, _ := s.scratch.Get().(*scratch)
	if sc == nil {
		sc = new(scratch)
	}
	defer s.scratch.Put(sc)
	var words []string
	var out []int
	tagRange := func(first, limit int) {
		if first < 0 || limit > len(doc.Tokens) || first >= limit {
			return
		}
		toks := doc.Tokens[first:limit]
		words = words[:0]
		for i := range toks {
			w := toks[i].Norm
			if w == "" {
				w = toks[i].Text
			}
			words = append(words, w)
		}
		s.tagger.foldTitle(words)
		if cap(out) < len(words) {
			out = make([]int, len(words))
		}
		out = out[:len(words)]
		s.tagger.tag(words, out, sc)
		for i := range toks {
			t := &toks[i]
			t.POS, t.Tag = s.tagger.upos[out[i]], s.tagger.xpos[out[i]]
			if s.lem != nil {
				w := t.Norm
				if w == "" {
					w = t.Text
				}
				t.Lemma = s.lem.Lemma(Fold(w), t.POS)
			}
		}
	}
	if len(doc.Sentences) == 0 {
		tagRange(0, len(doc.Tokens))
		return nil
	}
	for i, st := range doc.Sentences {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		tagRange(st.First, st.Limit)
	}
	return nil
}
