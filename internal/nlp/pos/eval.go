package pos

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"github.com/sitrep/sitrep/internal/nlp/lemma"
)

// Dev sets, relative to the shared data directory.
var devSets = []struct{ Name, Path string }{
	{"ewt-dev", "train-ud-ewt/en_ewt-ud-dev.conllu.gz"},
	{"gum-dev", "train-gum/gum.dev.conllu.gz"},
}

// Score is the tagging accuracy on one corpus.
type Score struct {
	Corpus      string
	Words       int
	UPOS, XPOS  float64
	Lemma       float64 // 0 when no lemmatizer was given
	PerTag      map[string]PRF
	Confusions  map[[2]string]int // gold, predicted UPOS
	Unknown     int               // words not in the tag dictionary
	UnknownUPOS float64           // accuracy on them
}

// PRF holds precision, recall and F1 of one label.
type PRF struct {
	P, R, F1       float64
	Gold, Pred, TP int
}

// Rates fills P, R and F1 from the counts.
func (v *PRF) Rates() {
	v.P = float64(v.TP) / float64(max(v.Pred, 1))
	v.R = float64(v.TP) / float64(max(v.Gold, 1))
	if v.P+v.R > 0 {
		v.F1 = 2 * v.P * v.R / (v.P + v.R)
	}
}

// Lemmatizer lemmatizes a word form given its UPOS.
type Lemmatizer interface {
	Lemma(form, upos string) string
}

// Evaluate tags every sentence with t and scores it against the gold tags
// (and lemmas, when lem is not nil).
func Evaluate(t *Tagger, lem Lemmatizer, corpus string, sents []Sentence) Score {
	s := Score{Corpus: corpus, PerTag: map[string]PRF{}, Confusions: map[[2]string]int{}}
	var okU, okX, okL, unk, okUnk int
	var words []string
	var out []int
	var sc scratch
	for _, sent := range sents {
		words = words[:0]
		for _, w := range sent.Words {
			words = append(words, w.Form)
		}
		out = slices.Grow(out[:0], len(words))[:len(words)]
		t.tag(words, out, &sc)
		for i, w := range sent.Words {
			u, x := t.Class(out[i])
			s.Words++
			g, p := s.PerTag[w.UPOS], s.PerTag[u]
			g.Gold++
			s.PerTag[w.UPOS] = g
			p = s.PerTag[u]
			p.Pred++
			if u == w.UPOS {
				okU++
				p.TP++
			} else {
				s.Confusions[[2]string{w.UPOS, u}]++
			}
			s.PerTag[u] = p
			if x == w.XPOS {
				okX++
			}
			if _, known := t.dict[lowerString(Fold(w.Form))]; !known {
				unk++
				if u == w.UPOS {
					okUnk++
				}
			}
			if lem != nil && lem.Lemma(Fold(w.Form), u) == Fold(w.Lemma) {
				okL++
			}
		}
	}
	n := float64(max(s.Words, 1))
	s.UPOS, s.XPOS = float64(okU)/n, float64(okX)/n
	if lem != nil {
		s.Lemma = float64(okL) / n
	}
	s.Unknown = unk
	s.UnknownUPOS = float64(okUnk) / float64(max(unk, 1))
	for k, v := range s.PerTag {
		v.Rates()
		s.PerTag[k] = v
	}
	return s
}

// Print writes per-tag figures and a one-line summary.
func (s Score) Print(w io.Writer) {
	tags := make([]string, 0, len(s.PerTag))
	for k := range s.PerTag {
		tags = append(tags, k)
	}
	slices.Sort(tags)
	fmt.Fprintf(w, "%-8s %6s %6s %6s %6s\n", "UPOS", "P", "R", "F1", "gold")
	for _, k := range tags {
		v := s.PerTag[k]
		fmt.Fprintf(w, "%-8s %6.4f %6.4f %6.4f %6d\n", k, v.P, v.R, v.F1, v.Gold)
	}
	type conf struct {
		k [2]string
		n int
	}
	var cs []conf
	for k, n := range s.Confusions {
		cs = append(cs, conf{k, n})
	}
	slices.SortFunc(cs, func(a, b conf) int { return b.n - a.n })
	fmt.Fprintf(w, "top confusions (gold>pred):")
	for i, c := range cs {
		if i == 12 {
			break
		}
		fmt.Fprintf(w, " %s>%s:%d", c.k[0], c.k[1], c.n)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%s: %d words UPOS %.4f XPOS %.4f lemma %.4f unknown %d (UPOS %.4f)\n",
		s.Corpus, s.Words, s.UPOS, s.XPOS, s.Lemma, s.Unknown, s.UnknownUPOS)
}

// EvalPOS scores the committed tagger and lemmatizer on the EWT and GUM dev
// sets under dataDir (the shared data directory), printing per-tag figures
// and a summary line per corpus.
func EvalPOS(ctx context.Context, dataDir string, w io.Writer) ([]Score, error) {
	t, err := Default()
	if err != nil {
		return nil, err
	}
	lz, err := lemma.Default()
	if err != nil {
		return nil, err
	}
	return EvalWith(ctx, t, lz, dataDir, w)
}

// EvalWith scores tagger t (and lem, if not nil) on the dev sets.
func EvalWith(ctx context.Context, t *Tagger, lem Lemmatizer, dataDir string, w io.Writer) ([]Score, error) {
	var out []Score
	for _, d := range devSets {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		sents, err := ReadCoNLLU(filepath.Join(dataDir, d.Path))
		if err != nil {
			return out, err
		}
		s := Evaluate(t, lem, d.Name, sents)
		s.Print(w)
		out = append(out, s)
	}
	return out, nil
}
