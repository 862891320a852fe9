package ner

import (
	"context"
	"slices"
	"unicode"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/pipeline"
)

// Name is the stage name.
const Name = "ner"

// Entity sources, as Entity.Source reports them.
const (
	SourceModel        = "model"
	SourceLexicon      = "lexicon"
	SourceModelLexicon = "model+lexicon"
	SourceRule         = "rule"
)

// Match is a lexicon's claim that Doc.Tokens[First:Limit] name an entity.
type Match struct {
	First, Limit int
	Label        string // PER, ORG, LOC, GPE or NORP
	// Override lets the match win over the model where they disagree, and
	// stand alone where the model found nothing.
	Override bool
}

// Lexicon finds known names (actors, places) in a document's tokens. The
// engine passes its actor lexicon and gazetteer through this hook; matches
// become model features and, with Override, decisions. Implementations
// must be safe for concurrent use.
type Lexicon interface {
	MatchNames(doc *sitrep.Doc, dst []Match) []Match
}

// LexiconFunc adapts a function to Lexicon.
type LexiconFunc func(doc *sitrep.Doc, dst []Match) []Match

// MatchNames calls f.
func (f LexiconFunc) MatchNames(doc *sitrep.Doc, dst []Match) []Match { return f(doc, dst) }

// Config configures the stage.
type Config struct {
	// Lexicon, when set, adds lexicon evidence (optional).
	Lexicon Lexicon
	// Temperature divides path scores when computing Entity.Score (default 4).
	Temperature float32
}

// Stage is the "ner" pipeline stage: it fills Token.Ent (BIO) and
// Doc.Entities. It reads Doc.Tokens and Doc.Sentences (segment stage) and
// does not need POS tags.
type Stage struct {
	tagger *Tagger
	lex    Lexicon
	temp   float32
}

var _ pipeline.Stage = (*Stage)(nil)

// New loads the committed model and returns the stage.
func New(cfg Config) (*Stage, error) {
	t, err := NewTagger(nil)
	if err != nil {
		return nil, err
	}
	return NewWithTagger(t, cfg), nil
}

// NewWithTagger returns a stage over t.
func NewWithTagger(t *Tagger, cfg Config) *Stage {
	if cfg.Temperature == 0 {
		cfg.Temperature = 4
	}
	return &Stage{tagger: t, lex: cfg.Lexicon, temp: cfg.Temperature}
}

// Name returns "ner".
func (s *Stage) Name() string { return Name }

type ent struct {
	first, limit int // doc token indices
	label        string
	source       string
	score        float64
}

// Process tags doc.
func (s *Stage) Process(ctx context.Context, doc *sitrep.Doc) error {
	toks := doc.Tokens
	if len(toks) == 0 {
		return nil
	}
	var matches []Match
	if s.lex != nil {
		matches = s.lex.MatchNames(doc, nil)
		matches = slices.DeleteFunc(matches, func(m Match) bool {
			return m.First < 0 || m.Limit > len(toks) || m.First >= m.Limit || gazLabelIndex(m.Label) < 0
		})
	}
	ranges := sentenceRanges(doc)
	words := make([][]string, len(ranges))
	all := make([]string, len(toks))
	for i := range toks {
		all[i] = toks[i].Norm
		if all[i] == "" {
			all[i] = toks[i].Text
		}
	}
	t := s.tagger
	sc := t.pool.Get().(*scratch)
	defer t.pool.Put(sc)
	model := make([][]Span, len(ranges))
	scores := make([][]float64, len(ranges))
	var extra []gazMatch
	for si, r := range ranges {
		if si%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		w := all[r[0]:r[1]]
		words[si] = w
		extra = extra[:0]
		for _, m := range matches {
			if m.First >= r[0] && m.Limit <= r[1] {
				extra = append(extra, gazMatch{m.First - r[0], m.Limit - r[0], gazLabelIndex(m.Label)})
			}
		}
		names := t.res.names
		if t.m.names != nil {
			names = t.m.names
		}
		t.res.fill(sc, w, extra, names)
		n := len(w)
		sc.em = resize(sc.em, n)
		sc.tags = resize(sc.tags, n)
		sc.back = resize(sc.back, n*numTags)
		title := caseRegime(sc.ti)
		for i := range n {
			sc.feats = extract(sc.feats[:0], sc.ti, i, title)
			t.m.emissions(sc.feats, &sc.em[i])
		}
		viterbi(sc.em, &t.m.trans, sc.tags, sc.back)
		sp := spansOf(sc.tags)
		if len(sp) > 0 {
			sc.post = resize(sc.post, n)
			sc.fb = resize(sc.fb, 3*n)
			marginals(sc.em, &t.m.trans, s.temp, sc.post, sc.fb)
			for _, x := range sp {
				scores[si] = append(scores[si], spanScore(sc.post, sc.tags, x))
			}
		}
		model[si] = cleanSpansScored(w, sp, &scores[si])
		extendParticles(w, model[si])
	}
	consistentScored(words, model, scores)

	var ents []ent
	for si, r := range ranges {
		t.norpSpans(words[si], model[si])
		for k, x := range model[si] {
			// spans the document rules added have no posterior: 0.5
			score := 0.5
			if k < len(scores[si]) && scores[si][k] > 0 {
				score = scores[si][k]
			}
			ents = append(ents, ent{r[0] + x.First, r[0] + x.Limit, x.Label, SourceModel, score})
		}
	}
	ents = s.mergeLexicon(ents, matches)
	ents = s.curatedFallback(ents, words, ranges)
	// rule entities where no name is
	taken := make([]bool, len(toks))
	for _, e := range ents {
		for i := e.first; i < e.limit; i++ {
			taken[i] = true
		}
	}
	var vals []labeled
	for si, r := range ranges {
		vals = valueSpans(words[si], taken[r[0]:r[1]], vals[:0])
		for _, v := range vals {
			ents = append(ents, ent{r[0] + v.first, r[0] + v.limit, v.label, SourceRule, 0})
		}
	}
	slices.SortFunc(ents, func(a, b ent) int { return a.first - b.first })
	for i := range toks {
		toks[i].Ent = "O"
	}
	doc.Entities = doc.Entities[:0]
	for _, e := range ents {
		toks[e.first].Ent = "B-" + e.label
		for i := e.first + 1; i < e.limit; i++ {
			toks[i].Ent = "I-" + e.label
		}
		start, end := toks[e.first].Start, toks[e.limit-1].End
		doc.Entities = append(doc.Entities, sitrep.Entity{
			Start: start, End: end, Text: doc.Text[start:end], Label: e.label, Source: e.source, Score: e.score,
		})
	}
	return nil
}

// sentenceRanges returns [first, limit) token ranges per sentence, or
// chunks of the whole token list when there are no sentences.
func sentenceRanges(doc *sitrep.Doc) [][2]int {
	var out [][2]int
	next := 0
	for _, s := range doc.Sentences {
		if s.First < next || s.Limit > len(doc.Tokens) || s.First >= s.Limit {
			continue
		}
		if s.First > next {
			out = appendChunks(out, next, s.First)
		}
		out = appendChunks(out, s.First, s.Limit)
		next = s.Limit
	}
	if next < len(doc.Tokens) {
		out = appendChunks(out, next, len(doc.Tokens))
	}
	return out
}

// appendChunks splits very long runs so decoding stays linear and bounded.
func appendChunks(out [][2]int, a, b int) [][2]int {
	const maxLen = 200
	for a < b {
		e := min(b, a+maxLen)
		out = append(out, [2]int{a, e})
		a = e
	}
	return out
}

// spanScore is the mean posterior of the span's tags.
func spanScore(post [][numTags]float32, tags []int, s Span) float64 {
	var sum float64
	for i := s.First; i < s.Limit; i++ {
		sum += float64(post[i][tags[i]])
	}
	return sum / float64(s.Limit-s.First)
}

// cleanSpansScored is cleanSpans keeping scores aligned.
func cleanSpansScored(words []string, spans []Span, scores *[]float64) []Span {
	var out []Span
	var sc []float64
	for k, s := range spans {
		c := cleanSpans(words, []Span{s})
		if len(c) == 1 {
			out = append(out, c[0])
			if k < len(*scores) {
				sc = append(sc, (*scores)[k])
			}
		}
	}
	*scores = sc
	return out
}

// consistentScored runs the document rules; added spans get no score, and
// scores are realigned by span position.
func consistentScored(words [][]string, spans [][]Span, scores [][]float64) {
	before := make([]map[int]float64, len(spans))
	for si, ss := range spans {
		before[si] = map[int]float64{}
		for k, s := range ss {
			if k < len(scores[si]) {
				before[si][s.First] = scores[si][k]
			}
		}
	}
	consistent(words, spans)
	for si, ss := range spans {
		scores[si] = scores[si][:0]
		for _, s := range ss {
			scores[si] = append(scores[si], before[si][s.First])
		}
	}
}

// mergeLexicon combines model entities with lexicon matches:
// same span: model+lexicon (label from the lexicon when it overrides, or
// GPE/NORP refining LOC/ORG); overlapping: an overriding match replaces
// the model spans it covers; elsewhere an overriding match stands alone.
func (s *Stage) mergeLexicon(ents []ent, matches []Match) []ent {
	for _, m := range matches {
		same, overlap := -1, false
		for i, e := range ents {
			if e.first == m.First && e.limit == m.Limit {
				same = i
			} else if e.first < m.Limit && m.First < e.limit {
				overlap = true
			}
		}
		switch {
		case same >= 0:
			e := &ents[same]
			e.source = SourceModelLexicon
			if m.Override || refines(e.label, m.Label) {
				e.label = m.Label
			}
		case !m.Override:
		case overlap:
			covers := true
			for _, e := range ents {
				if e.first < m.Limit && m.First < e.limit && (e.first < m.First || e.limit > m.Limit) {
					covers = false
				}
			}
			if !covers {
				continue
			}
			ents = slices.DeleteFunc(ents, func(e ent) bool { return e.first < m.Limit && m.First < e.limit })
			ents = append(ents, ent{m.First, m.Limit, m.Label, SourceModelLexicon, 0})
		default:
			ents = append(ents, ent{m.First, m.Limit, m.Label, SourceLexicon, 0})
		}
	}
	return ents
}

// refines reports whether lexicon label l is a finer kind of model label m.
func refines(m, l string) bool {
	return m == "LOC" && l == "GPE" || m == "ORG" && l == "NORP" || m == "PER" && l == "NORP" || m == "LOC" && l == "NORP"
}

// curatedFallback applies the package's curated list: a model LOC that is
// a listed country or city becomes GPE (model+lexicon); listed names the
// model missed are added when capitalised as written in the list
// (lexicon), except one-word names at the start of a sentence.
func (s *Stage) curatedFallback(ents []ent, words [][]string, ranges [][2]int) []ent {
	t := s.tagger
	covered := map[int]int{} // token -> ents index
	for i, e := range ents {
		for k := e.first; k < e.limit; k++ {
			covered[k] = i
		}
	}
	var hs []uint64
	gpe := gazLabelIndex("GPE")
	for si, r := range ranges {
		hs = hs[:0]
		for _, w := range words[si] {
			hs = append(hs, hashString(w))
		}
		for _, m := range t.res.gaz.match(hs, false, nil) {
			a, b := r[0]+m.first, r[0]+m.limit
			label := gazLabels[m.label]
			if i, ok := covered[a]; ok {
				e := &ents[i]
				if e.first != a || e.limit != b {
					continue
				}
				switch {
				case refines(e.label, label) && m.label == gpe:
					e.label, e.source = label, SourceModelLexicon
				case e.label != label && label != "NORP" && (b-a > 1 || allCaps(words[si][m.first])):
					// a listed multi-word name or acronym outranks the
					// model's type ("Daily Mirror" is not a place)
					e.label, e.source = label, SourceModelLexicon
				}
				continue
			}
			free := true
			for k := a; k < b; k++ {
				if _, ok := covered[k]; ok {
					free = false
				}
			}
			w0 := words[si][m.first]
			if !free || !isCapitalised(w0) || (m.first == 0 && b-a == 1 && label != "NORP") || label == "PER" {
				continue
			}
			if label == "NORP" || len(w0) > 2 || b-a > 1 || w0 != "IS" {
				ents = append(ents, ent{a, b, label, SourceLexicon, 0})
				for k := a; k < b; k++ {
					covered[k] = len(ents) - 1
				}
			}
		}
	}
	return ents
}

func allCaps(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}
