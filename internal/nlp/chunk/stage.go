package chunk

import (
	"bytes"
	"context"
	"strings"
	"sync"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/nlp/lemma"
	"github.com/sitrep/sitrep/internal/nlp/pos"
	"github.com/sitrep/sitrep/internal/nlp/vectors"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/models"
)

// loadParser parses the embedded parser once per process.
var loadParser = sync.OnceValues(func() (*Parser, error) {
	cl, err := vectors.Load()
	if err != nil {
		return nil, err
	}
	return ReadParser(bytes.NewReader(models.Parse), cl)
})

// DefaultParser returns the committed parser (models/parse.bin).
func DefaultParser() (*Parser, error) { return loadParser() }

// Stage is the "chunk" pipeline stage: it parses each tagged sentence
// (Token.Head, Token.Dep) and fills Doc.Chunks. It needs Token.POS and
// Token.Tag from the "pos" stage and does nothing without them.
type Stage struct {
	parser *Parser
	lem    *lemma.Lemmatizer // re-lemmatizes words the parse retags; may be nil
	states sync.Pool         // *state, reused across documents
}

var _ pipeline.Stage = (*Stage)(nil)

// New returns the stage with the committed parser.
func New() (*Stage, error) {
	p, err := DefaultParser()
	if err != nil {
		return nil, err
	}
	lz, err := lemma.Default()
	if err != nil {
		return nil, err
	}
	return &Stage{parser: p, lem: lz}, nil
}

// NewStage returns a stage over parser p and lemmatizer lz (may be nil).
func NewStage(p *Parser, lz *lemma.Lemmatizer) *Stage { return &Stage{parser: p, lem: lz} }

// Name returns "chunk".
func (s *Stage) Name() string { return "chunk" }

// Process parses and chunks doc. Without sentences, all tokens form one.
func (s *Stage) Process(ctx context.Context, doc *sitrep.Doc) error {
	st, _ := s.states.Get().(*state)
	if st == nil {
		st = new(state)
	}
	defer s.states.Put(st)
	var in []Input
	var heads []int
	var deps []string
	doc.Chunks = doc.Chunks[:0]
	do := func(si, first, limit int) {
		if first < 0 || limit > len(doc.Tokens) || first >= limit {
			return
		}
		toks := doc.Tokens[first:limit]
		in = in[:0]
		for i := range toks {
			if toks[i].POS == "" {
				return
			}
			w := toks[i].Norm
			if w == "" {
				w = toks[i].Text
			}
			in = append(in, Input{Form: w, UPOS: toks[i].POS, XPOS: toks[i].Tag})
		}
		heads = append(heads[:0], make([]int, len(in))...)
		deps = append(deps[:0], make([]string, len(in))...)
		s.parser.parse(st, in, heads, deps)
		for i := range toks {
			if heads[i] < 0 {
				toks[i].Head = -1
			} else {
				toks[i].Head = first + heads[i]
			}
			toks[i].Dep = deps[i]
		}
		for _, i := range append(fixInfinitives(toks, first), fixFiniteParticiples(toks, first)...) {
			if s.lem != nil {
				t := &toks[i]
				w := t.Norm
				if w == "" {
					w = t.Text
				}
				t.Lemma = s.lem.Lemma(pos.Fold(w), t.POS)
			}
		}
		fixParticiples(toks, first)
		Build(doc, si, first, limit)
	}
	if len(doc.Sentences) == 0 {
		do(-1, 0, len(doc.Tokens))
		return nil
	}
	for si, sn := range doc.Sentences {
		if si%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		do(si, sn.First, sn.Limit)
	}
	return nil
}

// fixInfinitives retags as verbs the words the parser reads as
// to-infinitive clauses but the tagger took for nouns or adjectives
// ("hopes to cash in"), and the words with objects or passive subjects,
// so that they head verb groups.
// It returns the indices of the retagged words.
func fixInfinitives(toks []sitrep.Token, first int) []int {
	var changed []int
	for i := range toks {
		t := &toks[i]
		h := t.Head - first
		if t.Dep != "mark" || h < 0 || h >= len(toks) || (t.Norm != "to" && t.Text != "to") {
			continue
		}
		v := &toks[h]
		switch v.Dep {
		case "xcomp", "advcl", "acl", "ccomp", "csubj":
		default:
			continue
		}
		if v.POS == "NOUN" || v.POS == "ADJ" {
			v.POS, v.Tag = "VERB", "VB"
			t.POS, t.Tag = "PART", "TO"
			changed = append(changed, h, i)
		}
	}
	// Only verbs take objects or passive subjects: "which they once armed"
	// with "armed" tagged as an adjective.
	for i := range toks {
		h := toks[i].Head - first
		if h < 0 || h >= len(toks) {
			continue
		}
		switch toks[i].Dep {
		case "obj", "nsubj:pass", "aux:pass":
		default:
			continue
		}
		if v := &toks[h]; v.POS == "ADJ" || v.POS == "NOUN" {
			v.POS, v.Tag = "VERB", "VB"
			if strings.HasSuffix(v.Text, "ed") || strings.HasSuffix(v.Text, "en") {
				v.Tag = "VBN"
			}
			changed = append(changed, h)
		}
	}
	return changed
}

// fixFiniteParticiples repairs a past tense the tagger took for a
// participle ("officials praised/VBN the protests"), which the parser then
// hangs on the noun before it as a reduced relative, or on the noun after
// it as a prenominal modifier. A participle cannot be either with a direct
// object of its own, nor modify a noun across that noun's determiner or
// possessor ("praised Thursday's protests"). When the noun before it heads
// the sentence, was attached through a subordinator read as a
// preposition ("came as officials praised ..."), or is the subject of a
// verb coordinated after the participle, the participle becomes the
// clause's verb (VBD) with that noun as subject. It returns the
// indices of the retagged words.
func fixFiniteParticiples(toks []sitrep.Token, first int) []int {
	var changed []int
	rel := func(j int) int { return toks[j].Head - first } // -1-first for root: < 0
	for v := 1; v < len(toks); v++ {
		t := &toks[v]
		n := v - 1
		if t.Tag != "VBN" || toks[n].POS != "NOUN" && toks[n].POS != "PROPN" && toks[n].POS != "PRON" {
			continue
		}
		obj := -1
		switch h := rel(v); {
		case t.Dep == "acl" && h == n:
			for j := v + 1; j < len(toks); j++ {
				if rel(j) == v && toks[j].Dep == "obj" {
					obj = j
					break
				}
			}
		case t.Dep == "amod" && h > v+1:
			for j := v + 1; j < h; j++ {
				if rel(j) == h && (toks[j].Dep == "det" || toks[j].Dep == "nmod:poss") {
					obj = h
					break
				}
			}
		}
		if obj < 0 {
			continue
		}
		mark := -1
		for j := range toks {
			if rel(j) == v && strings.HasPrefix(toks[j].Dep, "aux") {
				obj = -1 // "had praised": a real participle
			}
			if rel(j) == n && toks[j].Dep == "case" && j < n && subordinator(toks[j].Text) {
				mark = j
			}
		}
		// Or the noun is the subject of a verb coordinated after the
		// participle ("officials praised his work but also had to ..."):
		// the participle heads the clause and that verb is its conjunct.
		coord := -1
		if g := rel(n); g > v && toks[n].Dep == "nsubj" {
			for j := v + 1; j < g; j++ {
				if rel(j) == g && toks[j].Dep == "cc" {
					coord = g
				}
			}
		}
		if obj < 0 || rel(n) >= 0 && mark < 0 && coord < 0 {
			continue
		}
		nh, ndep := toks[n].Head, "root"
		switch {
		case coord >= 0:
			nh, ndep = toks[coord].Head, toks[coord].Dep
		case rel(n) >= 0:
			ndep = "advcl"
		}
		if under(toks, first, nh-first, v) || under(toks, first, nh-first, obj) {
			continue // the new head would be the participle's or its object's dependent
		}
		if coord >= 0 {
			toks[coord].Head, toks[coord].Dep = first+v, "conj"
		}
		for j := v + 1; j < len(toks); j++ {
			if rel(j) == n {
				toks[j].Head = first + v
			}
		}
		t.Head, t.Dep, t.Tag = nh, ndep, "VBD"
		toks[n].Head, toks[n].Dep = first+v, "nsubj"
		toks[obj].Head, toks[obj].Dep = first+v, "obj"
		if mark >= 0 {
			toks[mark].Head, toks[mark].Dep = first+v, "mark"
			toks[mark].POS, toks[mark].Tag = "SCONJ", "IN"
		}
		changed = append(changed, v)
	}
	return changed
}

// under reports whether word j (an index into toks, < 0 for the root) is
// word v or below it in the tree.
func under(toks []sitrep.Token, first, j, v int) bool {
	for range toks {
		if j < 0 || j >= len(toks) {
			return false
		}
		if j == v {
			return true
		}
		j = toks[j].Head - first
	}
	return true // a cycle: treat as under, to leave the parse alone
}

// subordinator reports whether w opens a clause when the tagger reads it
// as a preposition.
func subordinator(w string) bool {
	switch strings.ToLower(w) {
	case "as", "while", "after", "before", "since", "until", "because", "when":
		return true
	}
	return false
}

// fixParticiples repairs a frequent parser error: a prenominal participle
// read as a clause of the verb before it ("have shunned [neighbouring]
// groups" with "groups" as the participle's object). When a bare -ing
// xcomp's only dependent is an object that follows it, and the governing
// verb has no object of its own, the participle becomes the noun's
// modifier and the noun the verb's object.
func fixParticiples(toks []sitrep.Token, first int) {
	for i := range toks {
		v := &toks[i]
		g := v.Head - first
		if v.Tag != "VBG" || v.Dep != "xcomp" || g < 0 || g >= len(toks) || g > i {
			continue
		}
		obj, other, gObj := -1, false, false
		for j := range toks {
			switch h := toks[j].Head - first; {
			case h == i && toks[j].Dep == "obj" && j > i:
				obj = j
			case h == i:
				other = true
			case h == g && toks[j].Dep == "obj":
				gObj = true
			}
		}
		if obj < 0 || other || gObj {
			continue
		}
		for j := i + 1; j < obj; j++ { // only the noun's own modifiers between
			if toks[j].Head-first != obj {
				obj = -1
				break
			}
		}
		if obj < 0 {
			continue
		}
		v.Head, v.Dep = first+obj, "amod"
		toks[obj].Head, toks[obj].Dep = first+g, "obj"
	}
}
