package ner

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/evalkit"
	"github.com/sitrep/sitrep/internal/segment"
)

// Suites are the evaluation suites EvalNER knows.
var Suites = []string{"uner", "gum", "re3d"}

// Score counts exact-span matches for one label or all.
type Score = evalkit.Score

// Summary is the result of one suite.
type Summary struct {
	Suite    string
	Sents    int
	Tokens   int
	Micro    Score
	PerLabel map[string]Score
}

// EvalNER runs suite (uner, gum or re3d) from dataDir (../shared/data) with
// the committed model and prints P/R/F1 per label and a summary line to w.
// Labels are compared as PER, ORG and LOC (GPE counts as LOC).
func EvalNER(ctx context.Context, dataDir, suite string, w io.Writer) (Summary, error) {
	tg, err := NewTagger(nil)
	if err != nil {
		return Summary{}, err
	}
	return tg.Eval(ctx, dataDir, suite, w)
}

// Eval is EvalNER with this tagger's model.
func (t *Tagger) Eval(ctx context.Context, dataDir, suite string, w io.Writer) (Summary, error) {
	var (
		sents []Sentence
		err   error
	)
	switch suite {
	case "uner":
		sents, err = LoadUNER(filepath.Join(dataDir, "ner-uner-en-ewt", "uner_en_ewt.dev.jsonl"))
	case "gum":
		sents, err = LoadGUM(filepath.Join(dataDir, "train-gum", "gum.dev.jsonl.gz"))
	case "re3d":
		return t.evalRe3d(ctx, filepath.Join(dataDir, "ner-rel-re3d", "re3d.dev.jsonl"), w)
	default:
		return Summary{}, fmt.Errorf("ner: unknown suite %q (want one of %v)", suite, Suites)
	}
	if err != nil {
		return Summary{}, err
	}
	sum := Summary{Suite: suite, PerLabel: map[string]Score{}}
	// Documents are tagged whole, so document-level consistency applies.
	for i := 0; i < len(sents); {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		j := i + 1
		for j < len(sents) && sents[j].Doc == sents[i].Doc {
			j++
		}
		got := t.stageSpans(ctx, sents[i:j])
		for k, s := range sents[i:j] {
			sum.add(s.Spans, got[k])
			sum.Sents++
			sum.Tokens += len(s.Words)
		}
		i = j
	}
	sum.Print(w)
	return sum, nil
}

func evalLabel(l string) string {
	if l == "GPE" {
		return "LOC"
	}
	return l
}

func (sum *Summary) add(gold, got []Span) {
	type key struct {
		a, b int
		l    string
	}
	g := map[key]bool{}
	for _, s := range gold {
		g[key{s.First, s.Limit, evalLabel(s.Label)}] = true
	}
	seen := map[key]bool{}
	for _, s := range got {
		l := evalLabel(s.Label)
		if l != "PER" && l != "ORG" && l != "LOC" {
			continue
		}
		k := key{s.First, s.Limit, l}
		if seen[k] {
			continue
		}
		seen[k] = true
		ps := sum.PerLabel[l]
		if g[k] {
			ps.TP++
			sum.Micro.TP++
			delete(g, k)
		} else {
			ps.FP++
			sum.Micro.FP++
		}
		sum.PerLabel[l] = ps
	}
	for k := range g {
		ps := sum.PerLabel[k.l]
		ps.FN++
		sum.Micro.FN++
		sum.PerLabel[k.l] = ps
	}
}

// Print writes the per-label table and the summary line.
func (sum Summary) Print(w io.Writer) {
	labels := make([]string, 0, len(sum.PerLabel))
	for l := range sum.PerLabel {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	fmt.Fprintf(w, "%-6s %6s %6s %6s %6s %6s %6s\n", "label", "P", "R", "F1", "tp", "fp", "fn")
	for _, l := range labels {
		s := sum.PerLabel[l]
		fmt.Fprintf(w, "%-6s %6.3f %6.3f %6.3f %6d %6d %6d\n", l, s.P(), s.R(), s.F1(), s.TP, s.FP, s.FN)
	}
	m := sum.Micro
	fmt.Fprintf(w, "ner %s: micro P %.3f R %.3f F1 %.3f (%d sentences, %d tokens, %d gold)\n",
		sum.Suite, m.P(), m.R(), m.F1(), sum.Sents, sum.Tokens, m.TP+m.FN)
}

// evalRe3d segments each re3d document (internal/segment), runs the stage
// and compares gold (gold=true) Person, Organisation and Location mentions
// that look like names (see below) with PER, ORG and LOC/GPE entities by
// exact byte span.
func (t *Tagger) evalRe3d(ctx context.Context, path string, w io.Writer) (Summary, error) {
	type ent struct {
		Start, End int
		Type       string
		Gold       bool
	}
	type rec struct {
		ID       string `json:"id"`
		Text     string `json:"text"`
		Entities []ent  `json:"entities"`
	}
	f, err := os.ReadFile(path)
	if err != nil {
		return Summary{}, err
	}
	sum := Summary{Suite: "re3d", PerLabel: map[string]Score{}}
	st := NewWithTagger(t, Config{})
	for _, line := range strings.Split(string(f), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		var r rec
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			return sum, fmt.Errorf("ner: %s: %w", path, err)
		}
		// code point -> byte offsets
		b := make([]int, 0, len(r.Text)+1)
		for i := range r.Text {
			b = append(b, i)
		}
		b = append(b, len(r.Text))
		doc := &sitrep.Doc{Text: r.Text}
		if err := segment.New().Process(ctx, doc); err != nil {
			return sum, err
		}
		if err := st.Process(ctx, doc); err != nil {
			return sum, err
		}
		// spans as pseudo token ranges: byte offsets
		var gold, got []Span
		for _, e := range r.Entities {
			var l string
			switch e.Type {
			case "Person":
				l = "PER"
			case "Organisation":
				l = "ORG"
			case "Location":
				l = "LOC"
			}
			if !e.Gold || l == "" || e.Start < 0 || e.End >= len(b) || e.Start >= e.End {
				continue
			}
			sp := Span{b[e.Start], b[e.End], l}
			// re3d marks nominal and pronoun mentions too ("the hospital",
			// "her"); keep name-like ones (a capital letter, not a
			// pronoun), with a leading "the" trimmed, as flat NER does.
			txt := r.Text[sp.First:sp.Limit]
			for _, the := range []string{"the ", "The "} {
				if strings.HasPrefix(txt, the) {
					sp.First += len(the)
					txt = txt[len(the):]
				}
			}
			if !strings.ContainsFunc(txt, unicode.IsUpper) || !propagable(txt) {
				continue
			}
			if !slices.Contains(gold, sp) {
				gold = append(gold, sp)
			}
		}
		for _, e := range doc.Entities {
			got = append(got, Span{e.Start, e.End, e.Label})
		}
		sum.add(gold, got)
		sum.Sents++
		sum.Tokens += len(doc.Tokens)
	}
	sum.Print(w)
	return sum, nil
}

// stageSpans runs the full stage (model, document rules, curated list) over
// gold-tokenized sentences of one document, rebuilt as a Doc with one space
// between tokens, and returns each sentence's entities as token spans.
func (t *Tagger) stageSpans(ctx context.Context, sents []Sentence) [][]Span {
	var b strings.Builder
	doc := &sitrep.Doc{}
	for _, s := range sents {
		first := len(doc.Tokens)
		for _, w := range s.Words {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			start := b.Len()
			b.WriteString(w)
			doc.Tokens = append(doc.Tokens, sitrep.Token{Start: start, End: b.Len(), Text: w, Norm: w, Head: -1})
		}
		doc.Sentences = append(doc.Sentences, sitrep.Sentence{First: first, Limit: len(doc.Tokens)})
	}
	doc.Text = b.String()
	for k := range doc.Sentences {
		s := &doc.Sentences[k]
		if s.First < s.Limit {
			s.Start, s.End = doc.Tokens[s.First].Start, doc.Tokens[s.Limit-1].End
		}
	}
	st := NewWithTagger(t, Config{})
	out := make([][]Span, len(sents))
	if err := st.Process(ctx, doc); err != nil {
		return out
	}
	for _, e := range doc.Entities {
		ti := doc.TokenAt(e.Start)
		si := ti
		k := 0
		for k < len(doc.Sentences) && !(doc.Sentences[k].First <= si && si < doc.Sentences[k].Limit) {
			k++
		}
		if k == len(doc.Sentences) {
			continue
		}
		last := doc.TokenAt(e.End - 1)
		base := doc.Sentences[k].First
		out[k] = append(out[k], Span{ti - base, last + 1 - base, e.Label})
	}
	return out
}
