package clean

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/evalkit"
	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/segment"
)

// Summary is the result of the boilerplate evaluation.
type Summary struct {
	Articles int
	// Removed scores removed items by text; ReasonsRight counts matched
	// items whose reason agrees with the gold one.
	Removed      evalkit.Score
	ReasonsRight int
	// Captions scores caption sentences.
	Captions evalkit.Score
}

// goldItem is one boilerplate item of an expected.md file.
type goldItem struct {
	text, reason string
	caption      bool // the text before it is an image caption
}

var (
	goldArticle = regexp.MustCompile("^`([^`]+\\.(?:txt|html?))`")
	goldQuoted  = regexp.MustCompile(`^- "(.+)" \(([^)]*)\)(.*)$`)
)

// EvalSeed scores the clean stage on every reference article under
// sharedDir/seed that an expected.md describes: its "Boilerplate to remove"
// list gives the removed text with a reason in brackets, and says when the
// text before a credit is a caption to keep. It prints P/R/F1 and a
// one-line summary to w.
func EvalSeed(ctx context.Context, sharedDir string, w io.Writer) (Summary, error) {
	c, err := New()
	if err != nil {
		return Summary{}, err
	}
	seedDir := filepath.Join(sharedDir, "seed")
	expected, err := filepath.Glob(filepath.Join(seedDir, "*expected*.md"))
	if err != nil || len(expected) == 0 {
		return Summary{}, fmt.Errorf("clean: eval: no expected.md under %s", seedDir)
	}
	var sum Summary
	for _, path := range expected {
		article, items, err := readExpected(path)
		if err != nil {
			return sum, err
		}
		in, err := ingest.ReadFile(filepath.Join(seedDir, article))
		if err != nil {
			return sum, fmt.Errorf("clean: eval: %w", err)
		}
		raw, isHTML := in.Text, false
		if in.HTML != "" {
			raw, isHTML = in.HTML, true
		}
		doc := &sitrep.Doc{Raw: raw, RawHTML: isHTML}
		if err := c.Process(ctx, doc); err != nil {
			return sum, fmt.Errorf("clean: eval: %s: %w", article, err)
		}
		segment.Split(doc)
		sum.Articles++
		scoreArticle(&sum, doc, raw, items, w, article)
	}
	fmt.Fprintf(w, "%-9s %6s %6s %6s %5s\n", "measure", "P", "R", "F1", "gold")
	fmt.Fprintf(w, "%-9s %6.3f %6.3f %6.3f %5d\n", "removed", sum.Removed.P(), sum.Removed.R(), sum.Removed.F1(), sum.Removed.TP+sum.Removed.FN)
	fmt.Fprintf(w, "%-9s %6.3f %6.3f %6.3f %5d\n", "captions", sum.Captions.P(), sum.Captions.R(), sum.Captions.F1(), sum.Captions.TP+sum.Captions.FN)
	fmt.Fprintf(w, "clean on %d reference article(s): removed F1 %.3f, reasons right %d/%d, caption F1 %.3f\n",
		sum.Articles, sum.Removed.F1(), sum.ReasonsRight, sum.Removed.TP, sum.Captions.F1())
	return sum, nil
}

func scoreArticle(sum *Summary, doc *sitrep.Doc, raw string, items []goldItem, w io.Writer, name string) {
	norm := func(s string) string { return strings.Join(strings.Fields(foldLower(s)), " ") }
	matched := make([]bool, len(doc.Removed))
	for _, g := range items {
		found := false
		for i, r := range doc.Removed {
			if !matched[i] && norm(r.Text) == norm(g.text) {
				matched[i], found = true, true
				sum.Removed.TP++
				if r.Reason == g.reason {
					sum.ReasonsRight++
				} else {
					fmt.Fprintf(w, "%s: %q removed as %s, gold %s\n", name, g.text, r.Reason, g.reason)
				}
				break
			}
		}
		if !found {
			sum.Removed.FN++
			fmt.Fprintf(w, "%s: missed %q (%s)\n", name, g.text, g.reason)
		}
	}
	for i, r := range doc.Removed {
		if !matched[i] {
			sum.Removed.FP++
			fmt.Fprintf(w, "%s: removed %q (%s), not in gold\n", name, r.Text, r.Reason)
		}
	}
	// A caption is right when the raw text has it just before a gold
	// credit that announces one.
	nraw := norm(raw)
	gold := 0
	for _, g := range items {
		if g.caption {
			gold++
		}
	}
	for _, s := range doc.Sentences {
		if s.Kind != sitrep.KindCaption {
			continue
		}
		ok := false
		for _, g := range items {
			if g.caption && strings.Contains(nraw, norm(doc.Text[s.Start:s.End])+" "+norm(g.text)) {
				ok = true
			}
		}
		if ok && gold > 0 {
			sum.Captions.TP++
			gold--
		} else {
			sum.Captions.FP++
			fmt.Fprintf(w, "%s: caption %q not in gold\n", name, doc.Text[s.Start:s.End])
		}
	}
	sum.Captions.FN += gold
}

// readExpected reads the article name and the boilerplate list of an
// expected.md file.
func readExpected(path string) (article string, items []goldItem, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", nil, fmt.Errorf("clean: eval: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	in := false
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if m := goldArticle.FindStringSubmatch(line); m != nil && article == "" {
			article = m[1]
		}
		if strings.HasPrefix(line, "## ") {
			in = strings.Contains(strings.ToLower(line), "boilerplate")
			continue
		}
		if !in {
			continue
		}
		m := goldQuoted.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		items = append(items, goldItem{
			text:    m[1],
			reason:  reasonOf(m[2]),
			caption: strings.Contains(strings.ToLower(m[3]), "caption"),
		})
	}
	if err := sc.Err(); err != nil {
		return "", nil, fmt.Errorf("clean: eval: reading %s: %w", path, err)
	}
	if article == "" || len(items) == 0 {
		return "", nil, fmt.Errorf("clean: eval: %s names no article or lists no boilerplate", path)
	}
	return article, items, nil
}

// reasonOf maps a gold description ("comments call", "photo credit") to a
// removal reason.
func reasonOf(desc string) string {
	d := strings.ToLower(desc)
	for _, r := range []string{ReasonNewsletter, ReasonComments, ReasonShare, ReasonFollow, ReasonCredit, ReasonRelated} {
		if strings.Contains(d, r) || strings.Contains(d, strings.TrimSuffix(r, "s")) {
			return r
		}
	}
	if strings.Contains(d, "advert") || d == "ad" {
		return ReasonAd
	}
	return d
}
