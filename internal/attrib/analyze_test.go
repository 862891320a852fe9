package attrib

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/evalkit"
)

// These tests are tools for tuning the rules, run by hand:
//
//	go test -run TestAnalyze -analyze dev -analyze-out /tmp/misses.txt
//	go test -run TestEvalTrain -analyze train
//	go test -run TestDebugText -text 'He said it was over.'
//	go test -run TestErrorListing -analyze dev -errors /tmp/errors.jsonl
var (
	analyze    = flag.String("analyze", "", "print error analysis for split (dev|train)")
	analyzeOut = flag.String("analyze-out", "", "file for the detailed misses of -analyze")
	errorsOut  = flag.String("errors", "", "file for the eval's misses, false positives and wrong speakers as JSON lines")
)

// TestErrorListing writes the eval's errors on split -analyze to -errors,
// one JSON object a line (see errorRow).
func TestErrorListing(t *testing.T) {
	if *analyze == "" || *errorsOut == "" {
		t.Skip("needs -analyze and -errors")
	}
	w, err := os.Create(*errorsOut)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	sum, err := evalFile(context.Background(), filepath.Join(sharedData, "quotes-polnear", "polnear."+*analyze+".jsonl.gz"), io.Discard, testProcessor(t), w)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("P %.3f R %.3f F1 %.3f source %.3f anonymous %.3f", sum.P, sum.R, sum.F1, sum.SourceAcc, sum.AnonRecall)
}

func TestAnalyze(t *testing.T) {
	if *analyze == "" {
		t.Skip("needs -analyze")
	}
	proc := testProcessor(t)
	st, _ := New()
	missCue := map[string]int{}
	fpCue := map[string]int{}
	var missEx, fpEx []string
	path := filepath.Join(sharedData, "quotes-polnear", "polnear."+*analyze+".jsonl.gz")
	if _, err := os.Stat(path); err != nil {
		t.Skip(err)
	}
	err := EachPolNeAR(path, func(pd *PolNeARDoc) error {
		doc, err := proc(context.Background(), sitrep.Input{Text: pd.Text})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Text != pd.Text {
			back := alignOffsets(doc.Text, pd.Text)
			for i := range doc.Quotes {
				q := &doc.Quotes[i]
				q.Start, q.End = back(q.Start), back(q.End)
				q.Text = pd.Text[q.Start:q.End]
			}
		}
		quotes := doc.Quotes
		conv := evalkit.ByteOffset(pd.Text)
		wt := evalkit.WordSpans(pd.Text)
		used := map[int]bool{}
		for _, a := range pd.Attributions {
			var spans []sitrep.Span
			for _, c := range a.Content {
				spans = append(spans, sitrep.Span{Start: conv(c.Start), End: conv(c.End)})
			}
			g := tokensIn(wt, spans...)
			if len(g) == 0 {
				continue
			}
			hit := false
			best := ""
			bestOv := 0
			for pi, q := range quotes {
				p := tokensIn(wt, q.Span())
				ov := evalkit.Common(g, p)
				if ov > bestOv {
					bestOv = ov
					best = fmt.Sprintf("[ov=%d g=%d p=%d spk=%q: %s]", ov, len(g), len(p), q.Speaker.Text, trunc(q.Text))
				}
				if len(p) > 0 && float64(ov)/float64(len(g)) >= 0.5 && float64(ov)/float64(len(p)) >= 0.5 {
					hit = true
					used[pi] = true
				}
			}
			if !hit {
				var cue, src []string
				for _, c := range a.Cue {
					cue = append(cue, pd.Text[conv(c.Start):conv(c.End)])
				}
				for _, c := range a.Source {
					src = append(src, pd.Text[conv(c.Start):conv(c.End)])
				}
				k := strings.ToLower(strings.Join(cue, " "))
				missCue[k]++
				inLex := false
				for _, w := range strings.Fields(k) {
					if _, ok := st.lx.cues[strings.Trim(strings.ReplaceAll(w, "’", "'"), ".,:")]; ok {
						inLex = true
					}
				}
				if best == "" {
					if inLex {
						best = "NONE-INLEX"
					} else {
						best = "NONE-OOV"
					}
				}
				var cts []string
				for _, sp := range spans {
					cts = append(cts, pd.Text[sp.Start:sp.End])
				}
				ct := strings.Join(cts, " | ")
				if len(ct) > 200 {
					ct = ct[:200]
				}
				missEx = append(missEx, fmt.Sprintf("MISS cue=%q src=%q content=%q\n    BEST %s", k, strings.Join(src, " "), ct, best))
			}
		}
		for pi, q := range quotes {
			if !used[pi] && !nestedPartial(q, quotes) {
				fpCue[strings.ToLower(string(q.Cue))]++
				fpEx = append(fpEx, fmt.Sprintf("FP cue=%q spk=%q content=%q", q.Cue, q.Speaker.Text, trunc(q.Text)))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	top := func(m map[string]int, n int) string {
		type kv struct {
			k string
			v int
		}
		var s []kv
		for k, v := range m {
			s = append(s, kv{k, v})
		}
		sort.Slice(s, func(i, j int) bool { return s[i].v > s[j].v })
		var b strings.Builder
		for i, x := range s {
			if i >= n {
				break
			}
			fmt.Fprintf(&b, "%s:%d ", x.k, x.v)
		}
		return b.String()
	}
	fmt.Println("MISSED CUES:", top(missCue, 80))
	fmt.Println("FP CUES:", top(fpCue, 50))
	if *analyzeOut == "" {
		return
	}
	out, err := os.Create(*analyzeOut)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	for _, e := range missEx {
		fmt.Fprintln(out, e)
	}
	for _, e := range fpEx {
		fmt.Fprintln(out, e)
	}
}

var (
	dbgText  = flag.String("text", "", "text to analyse in TestDebugText")
	dbgParse = flag.Bool("parse", false, "TestDebugText also prints the parse")
)

func TestDebugText(t *testing.T) {
	if *dbgText == "" {
		t.Skip("needs -text")
	}
	st, _ := New()
	d := &sitrep.Doc{Text: *dbgText}
	prepare(t, d)
	f := &finder{lx: st.lx, doc: d}
	f.sc.load(d)
	if *dbgParse {
		for i, tk := range d.Tokens {
			fmt.Printf("%d %s %s %s head=%d %s\n", i, tk.Text, tk.POS, tk.Lemma, tk.Head, tk.Dep)
		}
	}
	for _, s := range f.sc.sents {
		var w []string
		for i := s[0]; i < s[1]; i++ {
			w = append(w, f.sc.toks[i].low)
		}
		fmt.Println("SENT:", strings.Join(w, " "))
	}
	for _, q := range st.Find(d) {
		fmt.Printf("%s direct=%v cue=%q hedges=%v spk=%q kind=%s desc=%s actor=%s\n   %q\n", q.ID, q.Direct, q.Cue, q.Hedges, q.Speaker.Text, q.Speaker.Kind, q.Speaker.Descriptor, q.Speaker.Actor, q.Text)
	}
}

func TestEvalTrain(t *testing.T) {
	if *analyze != "train" {
		t.Skip("needs -analyze train")
	}
	_, err := evalFile(context.Background(), filepath.Join(sharedData, "quotes-polnear", "polnear.train.jsonl.gz"), os.Stdout, testProcessor(t), nil)
	if err != nil {
		t.Fatal(err)
	}
}

func trunc(s string) string {
	if len(s) > 150 {
		return s[:70] + " ... " + s[len(s)-70:]
	}
	return s
}
