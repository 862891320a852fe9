package segment

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/evalkit"
)

// Summary is the result of a segmentation evaluation.
type Summary struct {
	Docs int
	// Sentences scores exact sentence spans; Boundaries scores sentence
	// ends that are not paragraph ends (the hard ones); Tokens scores exact
	// token spans against the gold words.
	Sentences, Boundaries, Tokens evalkit.Score
}

// gumDoc is one gold document rebuilt from CoNLL-U.
type gumDoc struct {
	id, genre string
	text      string
	sents     []sitrep.Span
	paraEnds  map[int]bool
	tokens    []sitrep.Span
}

// EvalGUM scores the segmenter against the GUM corpus under
// dataDir/train-gum: every document of the dev split plus the news
// documents of the train split (the splitter is rule-based, so neither was
// used to fit it). Documents are rebuilt from the gold sentences, with
// paragraphs (# newpar) separated by blank lines and sentences by a space;
// the gold tokens are the UD words. It prints P/R/F1 per measure and
// group and a one-line summary to w.
func EvalGUM(ctx context.Context, dataDir string, w io.Writer) (Summary, error) {
	dir := filepath.Join(dataDir, "train-gum")
	var docs []gumDoc
	for _, f := range []struct {
		name string
		keep func(genre string) bool
	}{
		{"gum.dev.conllu.gz", func(string) bool { return true }},
		{"gum.train.conllu.gz", func(g string) bool { return g == "news" }},
	} {
		ds, err := readGUM(filepath.Join(dir, f.name), f.keep)
		if err != nil {
			return Summary{}, err
		}
		docs = append(docs, ds...)
	}
	groups := map[string]*Summary{"all": {}, "news": {}}
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return Summary{}, err
		}
		doc := &sitrep.Doc{Text: d.text}
		Split(doc)
		var s Summary
		s.Docs = 1
		pred := make([]sitrep.Span, len(doc.Sentences))
		for i, x := range doc.Sentences {
			pred[i] = x.Span()
		}
		s.Sentences = matchSpans(pred, d.sents)
		s.Boundaries = matchEnds(pred, d.sents, d.paraEnds)
		toks := make([]sitrep.Span, len(doc.Tokens))
		for i, t := range doc.Tokens {
			toks[i] = sitrep.Span{Start: t.Start, End: t.End}
		}
		s.Tokens = matchSpans(toks, d.tokens)
		for _, g := range []string{"all", d.genre} {
			if sum, ok := groups[g]; ok {
				sum.Docs += s.Docs
				sum.Sentences.Add(s.Sentences)
				sum.Boundaries.Add(s.Boundaries)
				sum.Tokens.Add(s.Tokens)
			}
		}
	}
	fmt.Fprintf(w, "%-6s %-10s %6s %6s %6s %7s\n", "group", "measure", "P", "R", "F1", "gold")
	for _, g := range []string{"news", "all"} {
		s := groups[g]
		for _, m := range []struct {
			name string
			sc   evalkit.Score
		}{{"sentences", s.Sentences}, {"boundaries", s.Boundaries}, {"tokens", s.Tokens}} {
			fmt.Fprintf(w, "%-6s %-10s %6.3f %6.3f %6.3f %7d\n", g, m.name, m.sc.P(), m.sc.R(), m.sc.F1(), m.sc.TP+m.sc.FN)
		}
	}
	all := *groups["all"]
	fmt.Fprintf(w, "segment on GUM (%d docs): sentence F1 %.3f, boundary F1 %.3f, token F1 %.3f\n",
		all.Docs, all.Sentences.F1(), all.Boundaries.F1(), all.Tokens.F1())
	return all, nil
}

// matchSpans scores predicted spans that equal gold spans; both sorted.
func matchSpans(pred, gold []sitrep.Span) evalkit.Score {
	var s evalkit.Score
	i, j := 0, 0
	for i < len(pred) && j < len(gold) {
		switch {
		case pred[i] == gold[j]:
			s.TP++
			i++
			j++
		case pred[i].Start < gold[j].Start || pred[i].Start == gold[j].Start && pred[i].End < gold[j].End:
			s.FP++
			i++
		default:
			s.FN++
			j++
		}
	}
	s.FP += len(pred) - i
	s.FN += len(gold) - j
	return s
}

// matchEnds scores sentence ends, leaving out paragraph ends, which a
// newline gives away.
func matchEnds(pred, gold []sitrep.Span, paraEnds map[int]bool) evalkit.Score {
	g := map[int]bool{}
	for _, x := range gold {
		if !paraEnds[x.End] {
			g[x.End] = true
		}
	}
	var s evalkit.Score
	for _, x := range pred {
		if paraEnds[x.End] {
			continue
		}
		if g[x.End] {
			s.TP++
			delete(g, x.End)
		} else {
			s.FP++
		}
	}
	s.FN = len(g)
	return s
}

// readGUM rebuilds the documents of a gzipped CoNLL-U file whose genre
// keep accepts.
func readGUM(path string, keep func(string) bool) ([]gumDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("segment: eval: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("segment: eval: reading %q: %w", path, err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var docs []gumDoc
	var cur *gumDoc
	var b strings.Builder
	var sentText string
	var words []string // UD words of the sentence
	var mwt []struct {
		from, to int
		form     string
	}
	newPara := false
	finish := func() {
		if cur == nil {
			return
		}
		if b.Len() > 0 {
			cur.paraEnds[b.Len()] = true
		}
		cur.text = b.String()
		b.Reset()
		docs = append(docs, *cur)
		cur = nil
	}
	flushSent := func() {
		if cur == nil || sentText == "" {
			words, mwt, sentText = words[:0], mwt[:0], ""
			return
		}
		if b.Len() > 0 {
			if newPara {
				cur.paraEnds[b.Len()] = true
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		newPara = false
		base := b.Len()
		b.WriteString(sentText)
		cur.sents = append(cur.sents, sitrep.Span{Start: base, End: base + len(sentText)})
		cur.tokens = append(cur.tokens, alignWords(sentText, base, words, mwt)...)
		words, mwt, sentText = words[:0], mwt[:0], ""
	}
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "# newdoc id = "):
			flushSent()
			finish()
			id := strings.TrimPrefix(line, "# newdoc id = ")
			parts := strings.SplitN(id, "_", 3)
			genre := ""
			if len(parts) == 3 {
				genre = parts[1]
			}
			if keep(genre) {
				cur = &gumDoc{id: id, genre: genre, paraEnds: map[int]bool{}}
			}
			newPara = false
		case line == "# newpar" || strings.HasPrefix(line, "# newpar "):
			newPara = true
		case strings.HasPrefix(line, "# text = "):
			sentText = strings.TrimSpace(strings.TrimPrefix(line, "# text = "))
		case line == "":
			flushSent()
		case line[0] == '#':
		default:
			cols := strings.SplitN(line, "\t", 3)
			if len(cols) < 2 {
				continue
			}
			id := cols[0]
			if strings.Contains(id, ".") {
				continue // empty node
			}
			if a, z, ok := strings.Cut(id, "-"); ok {
				var from, to int
				fmt.Sscan(a, &from)
				fmt.Sscan(z, &to)
				mwt = append(mwt, struct {
					from, to int
					form     string
				}{from, to, cols[1]})
				continue
			}
			words = append(words, cols[1])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("segment: eval: reading %q: %w", path, err)
	}
	flushSent()
	finish()
	return docs, nil
}

// alignWords finds the UD words of a sentence in its text. A multiword
// token whose words are not spelled out in the text (rare in English)
// counts as one token with its surface form.
func alignWords(text string, base int, words []string, mwt []struct {
	from, to int
	form     string
}) []sitrep.Span {
	var out []sitrep.Span
	pos := 0
	find := func(form string) (int, bool) {
		p := pos
		for p < len(text) && (text[p] == ' ' || text[p] == '\t') {
			p++
		}
		if strings.HasPrefix(text[p:], form) {
			return p, true
		}
		return p, false
	}
	m := 0
	for i := 0; i < len(words); i++ {
		n := i + 1 // 1-based word id
		if m < len(mwt) && mwt[m].from == n {
			save, saveOut := pos, len(out)
			ok := true
			for k := mwt[m].from; k <= mwt[m].to && k-1 < len(words); k++ {
				p, found := find(words[k-1])
				if !found {
					ok = false
					break
				}
				out = append(out, sitrep.Span{Start: base + p, End: base + p + len(words[k-1])})
				pos = p + len(words[k-1])
			}
			if !ok {
				pos, out = save, out[:saveOut]
				if p, found := find(mwt[m].form); found {
					out = append(out, sitrep.Span{Start: base + p, End: base + p + len(mwt[m].form)})
					pos = p + len(mwt[m].form)
				}
			}
			i = mwt[m].to - 1
			m++
			continue
		}
		if p, found := find(words[i]); found {
			out = append(out, sitrep.Span{Start: base + p, End: base + p + len(words[i])})
			pos = p + len(words[i])
		}
	}
	return out
}
