package ner

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	prosener "github.com/jdkato/prose/v3/ner"
	prosetag "github.com/jdkato/prose/v3/tag"
)

// proseLabels maps prose v3's entity labels (its model's ACE-style
// classes) onto the eval's PER/ORG/LOC.
var proseLabels = map[string]string{"PERSON": "PER", "ORGANIZATION": "ORG", "GPE": "LOC", "GSP": "LOC", "LOCATION": "LOC", "FACILITY": "LOC"}

// proseSpans tags one gold-tokenized sentence with prose v3 (its tagger,
// then its entity model) and returns the entities as token spans.
func proseSpans(tg *prosetag.Tagger, ex *prosener.Extracter, words []string) []Span {
	toks := tg.Tag(words)
	src := strings.Join(words, " ")
	first := map[int]int{} // byte offset -> token
	last := map[int]int{}  // end offset -> token
	off := 0
	for i := range toks {
		toks[i].Start = off
		first[off], last[off+len(words[i])] = i, i
		off += len(words[i]) + 1
	}
	ex.Label(toks)
	var out []Span
	for _, e := range ex.Chunk(src, toks) {
		a, okA := first[e.Start]
		b, okB := last[e.End()]
		if l, ok := proseLabels[e.Label]; ok && okA && okB {
			out = append(out, Span{a, b + 1, l})
		}
	}
	return out
}

// TestPeerProse scores prose v3, the Go NLP library the issue names as the
// peer, on the same dev sets and gold tokens as our tagger, in the same
// run, and holds that ours is better on both.
func TestPeerProse(t *testing.T) {
	if testing.Short() {
		t.Skip("eval; skipped with -short")
	}
	dir := sharedData(t)
	ours, err := NewTagger(nil)
	if err != nil {
		t.Fatal(err)
	}
	tg, err := prosetag.New()
	if err != nil {
		t.Fatal(err)
	}
	ex, err := prosener.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ suite, path string }{
		{"uner", filepath.Join(dir, "ner-uner-en-ewt", "uner_en_ewt.dev.jsonl")},
		{"gum", filepath.Join(dir, "train-gum", "gum.dev.jsonl.gz")},
	} {
		var sents []Sentence
		if c.suite == "uner" {
			sents, err = LoadUNER(c.path)
		} else {
			sents, err = LoadGUM(c.path)
		}
		if err != nil {
			t.Fatal(err)
		}
		peer := Summary{Suite: c.suite + " (prose v3)", PerLabel: map[string]Score{}}
		for _, s := range sents {
			peer.add(s.Spans, proseSpans(tg, ex, s.Words))
			peer.Sents++
			peer.Tokens += len(s.Words)
		}
		var buf bytes.Buffer
		sum, err := ours.Eval(context.Background(), dir, c.suite, &buf)
		if err != nil {
			t.Fatal(err)
		}
		peer.Print(&buf)
		t.Log("\n" + buf.String())
		if sum.Micro.F1() <= peer.Micro.F1() {
			t.Errorf("%s: our F1 %.3f is not above prose v3's %.3f", c.suite, sum.Micro.F1(), peer.Micro.F1())
		}
	}
}
