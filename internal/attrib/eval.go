package attrib

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/evalkit"
)

// Summary is the outcome of EvalQuotes.
type Summary struct {
	Docs      int
	Gold      int // gold attributions
	Pred      int // predicted quotes (nested partial quotes excluded)
	Matched   int
	P, R, F1  float64
	SourceAcc float64 // on matched pairs
	// AnonGold counts gold attributions whose source is anonymous-like;
	// AnonRecall is the share of them matched with the right source span.
	AnonGold   int
	AnonRecall float64
	// AnonContentRecall is the share matched on content alone.
	AnonContentRecall float64
	// LenientF1 counts a match when the prediction covers at least half
	// of the gold content, however long the prediction is.
	LenientF1 float64
}

// PolNeARDoc is one record of the PolNeAR JSONL files; offsets are code
// points into Text.
type PolNeARDoc struct {
	ID           string `json:"id"`
	Text         string `json:"text"`
	Attributions []struct {
		Source  []Frag `json:"source"`
		Cue     []Frag `json:"cue"`
		Content []Frag `json:"content"`
	} `json:"attributions"`
}

// EachPolNeAR calls fn with each record of the gzipped PolNeAR JSONL file
// at path, stopping at the first error.
func EachPolNeAR(path string, fn func(*PolNeARDoc) error) error {
	fh, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("attrib: reading %q: %w", path, err)
	}
	defer fh.Close()
	gz, err := gzip.NewReader(fh)
	if err != nil {
		return fmt.Errorf("attrib: reading %q: %w", path, err)
	}
	sc := bufio.NewScanner(gz)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for n := 1; sc.Scan(); n++ {
		var pd PolNeARDoc
		if err := json.Unmarshal(sc.Bytes(), &pd); err != nil {
			return fmt.Errorf("attrib: reading %q: record %d: %w", path, n, err)
		}
		if err := fn(&pd); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("attrib: reading %q: %w", path, err)
	}
	return nil
}

// Frag is one fragment of a PolNeAR span, in code points.
type Frag struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// EvalQuotes scores the stage on the PolNeAR dev split under
// dataDir/quotes-polnear and prints a report to w.
//
// Scoring: a predicted quote matches a gold attribution when their content
// word tokens overlap by at least half of each (so a quote covering two
// claims, or half of one, does not match); pairs are matched one to one,
// best overlap first. Source accuracy counts matched pairs whose speaker
// span overlaps the gold source (or both have none). A gold source is
// anonymous-like when its head, before any comma, is a word such as
// "sources", "officials" or "aides" and it holds no personal name; its
// recall needs content and source both right. Partial quotes nested in a
// claim of the same speaker repeat that claim and are not counted, and
// quotes sharing one speaker mention are scored as one attribution.
//
// process runs the whole pipeline (engine.Process) so that the stage is
// scored on what the segmenter, tagger and parser give it; offsets of the
// cleaned text are mapped back onto the record's text.
func EvalQuotes(ctx context.Context, dataDir string, w io.Writer, process Processor) (Summary, error) {
	return evalFile(ctx, filepath.Join(dataDir, "quotes-polnear", "polnear.dev.jsonl.gz"), w, process, nil)
}

// errorRow is one line of the error listing: a gold attribution missed
// (with the prediction that overlaps it best) or a prediction matched to
// no gold attribution (with the gold that overlaps it best).
type errorRow struct {
	Doc     string  `json:"doc"`
	Kind    string  `json:"kind"` // miss | fp | source (matched, wrong speaker)
	Gold    string  `json:"gold,omitempty"`
	Cue     string  `json:"cue,omitempty"`
	Source  string  `json:"source,omitempty"`
	Pred    string  `json:"pred,omitempty"`
	PredCue string  `json:"pred_cue,omitempty"`
	Speaker string  `json:"speaker,omitempty"`
	RG      float64 `json:"rg"` // share of the gold words in the prediction
	RP      float64 `json:"rp"` // share of the prediction's words in the gold
}

// Processor runs the whole pipeline on one input (engine.Process); it is
// an argument because the engine imports this package.
type Processor func(context.Context, sitrep.Input) (*sitrep.Doc, error)

// evalFile scores the file at path; with errs non-nil it also writes one
// JSON errorRow a line there for every miss and false positive.
func evalFile(ctx context.Context, path string, w io.Writer, process Processor, errs io.Writer) (Summary, error) {
	var sum Summary
	var srcOK, srcN, anonHit, anonContent, lenient int
	var dirG, dirM, indG, indM int
	err := EachPolNeAR(path, func(pd *PolNeARDoc) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		sum.Docs++
		doc, err := process(ctx, sitrep.Input{ID: pd.ID, Text: pd.Text})
		if err != nil {
			return fmt.Errorf("attrib: eval %q: %w", pd.ID, err)
		}
		quotes := doc.Quotes
		if doc.Text != pd.Text {
			back := alignOffsets(doc.Text, pd.Text)
			for i := range quotes {
				q := &quotes[i]
				q.Start, q.End = back(q.Start), back(q.End)
				if q.Speaker.End > 0 {
					q.Speaker.Start, q.Speaker.End = back(q.Speaker.Start), back(q.Speaker.End)
				}
			}
		}
		conv := evalkit.ByteOffset(pd.Text)
		wt := evalkit.WordSpans(pd.Text)
		var preds []sitrep.Quote
		for _, q := range quotes {
			if !nestedPartial(q, quotes) {
				preds = append(preds, q)
			}
		}
		type gold struct {
			content []int // word token indices
			source  []sitrep.Span
			anon    bool
			direct  bool
		}
		var golds []gold
		var goldText []errorRow // for the error listing
		join := func(fs []Frag) string {
			var parts []string
			for _, f := range fs {
				parts = append(parts, pd.Text[conv(f.Start):conv(f.End)])
			}
			return strings.Join(parts, " … ")
		}
		for _, a := range pd.Attributions {
			var g gold
			var spans []sitrep.Span
			for _, c := range a.Content {
				spans = append(spans, sitrep.Span{Start: conv(c.Start), End: conv(c.End)})
			}
			g.content = tokensIn(wt, spans...)
			if len(g.content) == 0 {
				continue
			}
			var srcText []string
			for _, s := range a.Source {
				sp := sitrep.Span{Start: conv(s.Start), End: conv(s.End)}
				g.source = append(g.source, sp)
				srcText = append(srcText, pd.Text[sp.Start:sp.End])
			}
			g.anon = anonymousLike(strings.Join(srcText, " "))
			if len(spans) > 0 {
				first := strings.TrimSpace(pd.Text[spans[0].Start:spans[0].End])
				g.direct = strings.HasPrefix(first, "“") || strings.HasPrefix(first, "\"")
			}
			golds = append(golds, g)
			if errs != nil {
				goldText = append(goldText, errorRow{Gold: join(a.Content), Cue: join(a.Cue), Source: join(a.Source)})
			}
		}
		// Quotes sharing one speaker mention ("“A,” he said. “B.”") are one
		// attribution, as in the gold annotation: score their union.
		var predTok [][]int
		var groups []sitrep.Quote
		type mention struct {
			s, e int
			cue  string
		}
		bySpeaker := map[mention]int{}
		for _, q := range preds {
			toks := tokensIn(wt, q.Span())
			k := mention{q.Speaker.Start, q.Speaker.End, string(q.Cue)}
			if gi, ok := bySpeaker[k]; ok && k.e > 0 {
				predTok[gi] = union(predTok[gi], toks)
				continue
			}
			bySpeaker[k] = len(groups)
			groups = append(groups, q)
			predTok = append(predTok, toks)
		}
		preds = groups
		// Greedy one-to-one matching, best overlap first.
		type pair struct {
			g, p  int
			score float64
		}
		var pairs, lpairs []pair
		for gi, g := range golds {
			for pi := range preds {
				ov := evalkit.Common(g.content, predTok[pi])
				if ov == 0 || len(predTok[pi]) == 0 {
					continue
				}
				rg := float64(ov) / float64(len(g.content))
				rp := float64(ov) / float64(len(predTok[pi]))
				if rg >= 0.5 && rp >= 0.5 {
					pairs = append(pairs, pair{gi, pi, rg + rp})
				}
				if rg >= 0.5 {
					lpairs = append(lpairs, pair{gi, pi, rg + rp})
				}
			}
		}
		sortSlice(pairs, func(a, b pair) bool { return a.score > b.score })
		sortSlice(lpairs, func(a, b pair) bool { return a.score > b.score })
		{
			ug, up := make([]bool, len(golds)), make([]bool, len(preds))
			for _, pr := range lpairs {
				if !ug[pr.g] && !up[pr.p] {
					ug[pr.g], up[pr.p] = true, true
					lenient++
				}
			}
		}
		usedG := make([]bool, len(golds))
		usedP := make([]bool, len(preds))
		for _, pr := range pairs {
			if usedG[pr.g] || usedP[pr.p] {
				continue
			}
			usedG[pr.g], usedP[pr.p] = true, true
			sum.Matched++
			g, q := golds[pr.g], preds[pr.p]
			ok := speakerMatches(q.Speaker, g.source)
			if errs != nil && !ok {
				r := goldText[pr.g]
				r.Doc, r.Kind, r.Pred, r.PredCue, r.Speaker = pd.ID, "source", pd.Text[q.Start:q.End], string(q.Cue), q.Speaker.Text
				json.NewEncoder(errs).Encode(r)
			}
			srcN++
			if ok {
				srcOK++
			}
			if g.anon {
				anonContent++
				if ok {
					anonHit++
				}
			}
			if g.direct {
				dirM++
			} else {
				indM++
			}
		}
		if errs != nil {
			gt := make([][]int, len(golds))
			for i, g := range golds {
				gt[i] = g.content
			}
			writeErrors(errs, pd.ID, gt, goldText, preds, predTok, usedG, usedP, pd.Text)
		}
		for _, g := range golds {
			if g.anon {
				sum.AnonGold++
			}
			if g.direct {
				dirG++
			} else {
				indG++
			}
		}
		sum.Gold += len(golds)
		sum.Pred += len(preds)
		return nil
	})
	if err != nil {
		return sum, err
	}
	sum.P = ratio(sum.Matched, sum.Pred)
	sum.R = ratio(sum.Matched, sum.Gold)
	if sum.P+sum.R > 0 {
		sum.F1 = 2 * sum.P * sum.R / (sum.P + sum.R)
	}
	sum.SourceAcc = ratio(srcOK, srcN)
	if lp, lr := ratio(lenient, sum.Pred), ratio(lenient, sum.Gold); lp+lr > 0 {
		sum.LenientF1 = 2 * lp * lr / (lp + lr)
	}
	sum.AnonRecall = ratio(anonHit, sum.AnonGold)
	sum.AnonContentRecall = ratio(anonContent, sum.AnonGold)
	fmt.Fprintf(w, "quotes-polnear %s: %d docs, %d gold attributions, %d predicted\n", filepath.Base(path), sum.Docs, sum.Gold, sum.Pred)
	fmt.Fprintf(w, "%-22s %6s %6s %6s %6s\n", "label", "gold", "match", "R", "")
	fmt.Fprintf(w, "%-22s %6d %6d %6.3f\n", "direct", dirG, dirM, ratio(dirM, dirG))
	fmt.Fprintf(w, "%-22s %6d %6d %6.3f\n", "indirect", indG, indM, ratio(indM, indG))
	fmt.Fprintf(w, "%-22s %6d %6d %6.3f  (content only %.3f)\n", "anonymous source", sum.AnonGold, anonHit, sum.AnonRecall, sum.AnonContentRecall)
	fmt.Fprintf(w, "lenient (prediction covers >= half of gold): F1 %.3f\n", sum.LenientF1)
	fmt.Fprintf(w, "content P %.3f R %.3f F1 %.3f | source accuracy %.3f (%d/%d) | anonymous recall %.3f\n",
		sum.P, sum.R, sum.F1, sum.SourceAcc, srcOK, srcN, sum.AnonRecall)
	return sum, nil
}

func writeErrors(errs io.Writer, id string, gold [][]int, goldText []errorRow, preds []sitrep.Quote, predTok [][]int, usedG, usedP []bool, text string) {
	enc := json.NewEncoder(errs)
	enc.SetEscapeHTML(false)
	best := func(a []int, others [][]int) (int, float64, float64) {
		bi, bs, ra, rb := -1, 0.0, 0.0, 0.0
		for i, o := range others {
			ov := evalkit.Common(a, o)
			if ov == 0 {
				continue
			}
			x, y := float64(ov)/float64(len(a)), float64(ov)/float64(max(1, len(o)))
			if x+y > bs {
				bi, bs, ra, rb = i, x+y, x, y
			}
		}
		return bi, ra, rb
	}
	for gi, g := range gold {
		if usedG[gi] {
			continue
		}
		r := goldText[gi]
		r.Doc, r.Kind = id, "miss"
		if pi, rg, rp := best(g, predTok); pi >= 0 {
			q := preds[pi]
			r.Pred, r.PredCue, r.Speaker, r.RG, r.RP = text[q.Start:q.End], string(q.Cue), q.Speaker.Text, rg, rp
		}
		enc.Encode(r)
	}
	for pi, q := range preds {
		if usedP[pi] {
			continue
		}
		r := errorRow{Doc: id, Kind: "fp", Pred: text[q.Start:q.End], PredCue: string(q.Cue), Speaker: q.Speaker.Text}
		if gi, rp, rg := best(predTok[pi], gold); gi >= 0 {
			g := goldText[gi]
			r.Gold, r.Cue, r.Source, r.RG, r.RP = g.Gold, g.Cue, g.Source, rg, rp
		}
		enc.Encode(r)
	}
}

// alignOffsets maps byte offsets of text (the cleaned text) onto orig (the
// text it was cleaned from): runes are matched in order, skipping spaces on
// either side and jumping over text the cleaner removed.
func alignOffsets(text, orig string) func(int) int {
	m := make([]int, len(text)+1)
	i, j := 0, 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			m[i] = j
			i++
			continue
		}
		for j < len(orig) {
			r2, n2 := utf8.DecodeRuneInString(orig[j:])
			if !unicode.IsSpace(r2) {
				break
			}
			j += n2
		}
		if j < len(orig) {
			r2, n2 := utf8.DecodeRuneInString(orig[j:])
			if r2 != r {
				// Resynchronise on the next few bytes of text, else take
				// the rune as changed in place.
				win := text[i:min(len(text), i+24)]
				if k := strings.Index(orig[j:], win); k >= 0 && len(win) >= 8 {
					j += k
				} else {
					for b := range n {
						m[i+b] = j
					}
					i += n
					j += n2
					continue
				}
			}
		}
		for b := range n {
			m[i+b] = min(j+b, len(orig))
		}
		i += n
		j = min(j+n, len(orig))
	}
	m[len(text)] = j
	return func(o int) int {
		if o < 0 {
			return 0
		}
		if o > len(text) {
			o = len(text)
		}
		return m[o]
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// nestedPartial reports whether q is a partial quote inside another quote
// of the same speaker.
func nestedPartial(q sitrep.Quote, all []sitrep.Quote) bool {
	for _, o := range all {
		if o.ID != q.ID && o.Span().Contains(q.Span()) && o.Span() != q.Span() && o.Speaker.Start == q.Speaker.Start && o.Speaker.End == q.Speaker.End {
			return true
		}
	}
	return false
}

func speakerMatches(sp sitrep.Speaker, gold []sitrep.Span) bool {
	if len(gold) == 0 {
		return sp.End == 0
	}
	s := sitrep.Span{Start: sp.Start, End: sp.End}
	if s.Len() == 0 {
		return false
	}
	for _, g := range gold {
		if g.Overlaps(s) {
			return true
		}
	}
	return false
}

// tokensIn returns the indices of the word tokens overlapping any of spans.
func tokensIn(wt []sitrep.Span, spans ...sitrep.Span) []int {
	var out []int
	for i, t := range wt {
		for _, s := range spans {
			if t.Overlaps(s) {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

// anonHeads are the head words of anonymous-like gold sources.
var anonHeads = set("source", "sources", "official", "officials", "aide", "aides", "insider",
	"insiders", "adviser", "advisers", "advisor", "advisors", "diplomat", "diplomats", "staffer",
	"staffers", "operative", "operatives", "spokesman", "spokeswoman", "spokesperson")

// anonymousLike reports whether a gold source text names an unnamed
// speaker: an anonymous head word before any comma and no personal name
// (two capitalised words in a row other than at the start).
func anonymousLike(s string) bool {
	if i := strings.IndexByte(s, ','); i >= 0 {
		s = s[:i]
	}
	ws := strings.Fields(s)
	found := false
	run := 0
	for i, w := range ws {
		lw := strings.ToLower(strings.Trim(w, ".’'\""))
		if anonHeads[lw] {
			found = true
		}
		// "people familiar with ...", "a person close to ...".
		if (lw == "people" || lw == "person") && i+1 < len(ws) {
			switch strings.ToLower(ws[i+1]) {
			case "familiar", "close", "briefed", "with", "who", "involved", "knowledgeable":
				found = true
			}
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) && i > 0 && !anonHeads[lw] {
			run++
			if run >= 2 {
				return false
			}
		} else {
			run = 0
		}
	}
	return found
}

func sortSlice[T any](s []T, less func(a, b T) bool) {
	slices.SortStableFunc(s, func(a, b T) int {
		switch {
		case less(a, b):
			return -1
		case less(b, a):
			return 1
		}
		return 0
	})
}

// union merges two sorted index lists.
func union(a, b []int) []int {
	out := make([]int, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j >= len(b) || i < len(a) && a[i] < b[j]:
			out = append(out, a[i])
			i++
		case i >= len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}
