package chunk

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"github.com/sitrep/sitrep/internal/nlp/pos"
)

// ParseScore is the attachment accuracy on one corpus (punctuation
// included, as in the CoNLL 2018 shared task).
type ParseScore struct {
	Corpus   string
	Words    int
	UAS, LAS float64
	// PerLabel holds precision/recall/F1 of labelled attachment by relation.
	PerLabel map[string]pos.PRF
}

// TagWords tags the forms with t and returns parser inputs.
func TagWords(t *pos.Tagger, forms []string) []Input {
	cls := make([]int, len(forms))
	t.Tag(forms, cls)
	in := make([]Input, len(forms))
	for i, f := range forms {
		u, x := t.Class(cls[i])
		in[i] = Input{Form: f, UPOS: u, XPOS: x}
	}
	return in
}

// EvaluateParser parses gold-tokenized sentences, tagged by t, and scores
// heads and relations.
func EvaluateParser(t *pos.Tagger, p *Parser, corpus string, sents []pos.Sentence) ParseScore {
	sc := ParseScore{Corpus: corpus, PerLabel: map[string]pos.PRF{}}
	var st state
	var ua, la int
	for _, s := range sents {
		forms := make([]string, len(s.Words))
		for i, w := range s.Words {
			forms[i] = w.Form
		}
		in := TagWords(t, forms)
		heads := make([]int, len(in))
		deps := make([]string, len(in))
		p.parse(&st, in, heads, deps)
		for i, w := range s.Words {
			sc.Words++
			g, pr := sc.PerLabel[w.Dep], sc.PerLabel[deps[i]]
			g.Gold++
			sc.PerLabel[w.Dep] = g
			pr = sc.PerLabel[deps[i]]
			pr.Pred++
			if heads[i] == w.Head {
				ua++
				if deps[i] == w.Dep {
					la++
					pr.TP++
				}
			}
			sc.PerLabel[deps[i]] = pr
		}
	}
	n := float64(max(sc.Words, 1))
	sc.UAS, sc.LAS = float64(ua)/n, float64(la)/n
	for k, v := range sc.PerLabel {
		v.Rates()
		sc.PerLabel[k] = v
	}
	return sc
}

// Print writes per-relation figures (relations with 20+ gold) and a
// one-line summary.
func (s ParseScore) Print(w io.Writer) {
	labels := make([]string, 0, len(s.PerLabel))
	for k, v := range s.PerLabel {
		if v.Gold >= 20 {
			labels = append(labels, k)
		}
	}
	slices.Sort(labels)
	fmt.Fprintf(w, "%-12s %6s %6s %6s %6s\n", "deprel", "P", "R", "F1", "gold")
	for _, k := range labels {
		v := s.PerLabel[k]
		fmt.Fprintf(w, "%-12s %6.4f %6.4f %6.4f %6d\n", k, v.P, v.R, v.F1, v.Gold)
	}
	fmt.Fprintf(w, "%s: %d words UAS %.4f LAS %.4f (predicted tags)\n", s.Corpus, s.Words, s.UAS, s.LAS)
}

var parseDevSets = []struct{ Name, Path string }{
	{"ewt-dev", "train-ud-ewt/en_ewt-ud-dev.conllu.gz"},
	{"gum-dev", "train-gum/gum.dev.conllu.gz"},
}

// EvalParse scores the committed tagger and parser on the EWT and GUM dev
// sets under dataDir (the shared data directory).
func EvalParse(ctx context.Context, dataDir string, w io.Writer) ([]ParseScore, error) {
	t, err := pos.Default()
	if err != nil {
		return nil, err
	}
	p, err := DefaultParser()
	if err != nil {
		return nil, err
	}
	return EvalParseWith(ctx, t, p, dataDir, w)
}

// EvalParseWith scores tagger t and parser p on the dev sets.
func EvalParseWith(ctx context.Context, t *pos.Tagger, p *Parser, dataDir string, w io.Writer) ([]ParseScore, error) {
	var out []ParseScore
	for _, d := range parseDevSets {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		sents, err := pos.ReadCoNLLU(filepath.Join(dataDir, d.Path))
		if err != nil {
			return out, err
		}
		s := EvaluateParser(t, p, d.Name, sents)
		s.Print(w)
		out = append(out, s)
	}
	return out, nil
}
