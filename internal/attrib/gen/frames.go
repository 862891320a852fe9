package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/attrib"
	"github.com/sitrep/sitrep/internal/evalkit"
	"github.com/sitrep/sitrep/internal/nlp/chunk"
	"github.com/sitrep/sitrep/internal/nlp/pos"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/segment"
)

type frag struct{ Start, End int }

type goldRec struct {
	Text         string `json:"text"`
	Attributions []struct {
		Source  []frag `json:"source"`
		Cue     []frag `json:"cue"`
		Content []frag `json:"content"`
	} `json:"attributions"`
}

// frameCount is one row of frames.tsv.
type frameCount struct {
	occ, cue, content, source, short int
}

// Rows written: frames seen minFrameOcc times that matched a gold
// attribution minFrameHits times (fewer can never pass the loader's
// frameCount), and their subject-class rows seen minClassOcc times.
const (
	minFrameOcc  = 2
	minFrameHits = 3
	minClassOcc  = 5
)

// runFrames parses the train split with the stages that run before attrib
// and counts every parsed frame against the gold attributions: the verb in
// a gold cue; the frame's content overlapping a gold content by half of
// each (the eval's criterion); its source overlapping that gold source.
func runFrames(data, out string) error {
	tg, err := pos.New()
	if err != nil {
		return err
	}
	ps, err := chunk.New()
	if err != nil {
		return err
	}
	stages := []pipeline.Stage{segment.New(), tg, ps}
	counts := map[[2]string]*frameCount{}
	docs := 0
	ctx := context.Background()
	err = eachTrain(data, func(r *goldRec) error {
		docs++
		doc := &sitrep.Doc{Text: r.Text}
		for _, s := range stages {
			if err := s.Process(ctx, doc); err != nil {
				return fmt.Errorf("parsing record %d: %w", docs, err)
			}
		}
		conv := evalkit.ByteOffset(r.Text)
		wt := evalkit.WordSpans(r.Text)
		type gold struct {
			cue, src []sitrep.Span
			content  []int
		}
		golds := make([]gold, 0, len(r.Attributions))
		for _, a := range r.Attributions {
			var g gold
			var cs []sitrep.Span
			for _, f := range a.Cue {
				g.cue = append(g.cue, sitrep.Span{Start: conv(f.Start), End: conv(f.End)})
			}
			for _, f := range a.Source {
				g.src = append(g.src, sitrep.Span{Start: conv(f.Start), End: conv(f.End)})
			}
			for _, f := range a.Content {
				cs = append(cs, sitrep.Span{Start: conv(f.Start), End: conv(f.End)})
			}
			g.content = spansTokens(wt, cs)
			golds = append(golds, g)
		}
		dts := doc.Tokens
		for _, fr := range attrib.ParseFrames(doc) {
			// One row for the frame, one for it with its subject's class.
			k := [2]string{fr.Lemma, fr.Kind}
			ks := [2]string{fr.Lemma, fr.Kind + "/" + fr.Subj}
			c, cs := counts[k], counts[ks]
			if c == nil {
				c = &frameCount{}
				counts[k] = c
			}
			if cs == nil {
				cs = &frameCount{}
				counts[ks] = cs
			}
			c.occ++
			cs.occ++
			verb := sitrep.Span{Start: dts[fr.Verb].Start, End: dts[fr.Verb].End}
			content := spansTokens(wt, []sitrep.Span{{Start: dts[fr.CA].Start, End: dts[fr.CB-1].End}})
			var src sitrep.Span // none for a passive without a by-phrase
			if fr.SA >= 0 {
				src = sitrep.Span{Start: dts[fr.SA].Start, End: dts[fr.SB-1].End}
			}
			shortContent := content
			if fr.CBShort != fr.CB {
				shortContent = spansTokens(wt, []sitrep.Span{{Start: dts[fr.CA].Start, End: dts[fr.CBShort-1].End}})
			}
			matches := func(c, g []int) bool {
				ov := evalkit.Common(c, g)
				return ov > 0 && 2*ov >= len(c) && 2*ov >= len(g)
			}
			inCue, hit, srcOK, shortHit := false, false, false, false
			for _, g := range golds {
				if !overlapsAny(verb, g.cue) {
					continue
				}
				inCue = true
				if matches(content, g.content) {
					hit = true
					srcOK = srcOK || overlapsAny(src, g.src) || src.End == 0 && len(g.src) == 0
				}
				shortHit = shortHit || matches(shortContent, g.content)
			}
			for _, c := range []*frameCount{c, cs} {
				if inCue {
					c.cue++
				}
				if hit {
					c.content++
				}
				if srcOK {
					c.source++
				}
				if shortHit {
					c.short++
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	// A frame's row is kept when it matched often enough to be used; a
	// subject-class row, when its frame's row is kept and it was seen
	// often enough to override it (the loader's frameClassOcc).
	keep := func(k [2]string) bool {
		c := counts[k]
		kind, class, ok := strings.Cut(k[1], "/")
		if !ok {
			return c.occ >= minFrameOcc && max(c.content, c.short) >= minFrameHits
		}
		g := counts[[2]string{k[0], kind}]
		return g != nil && g.occ >= minFrameOcc && max(g.content, g.short) >= minFrameHits && c.occ >= minClassOcc && class != ""
	}
	keys := make([][2]string, 0, len(counts))
	for k := range counts {
		if keep(k) {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := counts[keys[i]], counts[keys[j]]
		if a.content != b.content {
			return a.content > b.content
		}
		return keys[i][0]+keys[i][1] < keys[j][0]+keys[j][1]
	})
	var b strings.Builder
	fmt.Fprintf(&b, "# Code generated by go run ./internal/attrib/gen; DO NOT EDIT.\n")
	fmt.Fprintf(&b, "# Parsed verb frames (attrib.ParseFrames: subject + complement, or passive subject + by-agent) counted on the PolNeAR\n")
	fmt.Fprintf(&b, "# train split (%d articles; Newell, Margolin & Ruths 2018, research corpus). Counts only, no text.\n", docs)
	fmt.Fprintf(&b, "# A frame \"kind/class\" counts the frames whose subject is of that class (pron, name, noun, other; passive: agent, none).\n")
	fmt.Fprintf(&b, "# lemma <TAB> frame <TAB> occurrences <TAB> verb in a gold cue <TAB> content matches gold <TAB> source matches too\n")
	fmt.Fprintf(&b, "# <TAB> content matches with the object alone (obj, obl frames: \"praised | her plan\" without \"in a statement\")\n")
	fmt.Fprintf(&b, "# Rows: occurrences >= %d and content matches (either span) >= %d; class rows: occurrences >= %d.\n", minFrameOcc, minFrameHits, minClassOcc)
	for _, k := range keys {
		c := counts[k]
		fmt.Fprintf(&b, "%s\t%s\t%d\t%d\t%d\t%d\t%d\n", k[0], k[1], c.occ, c.cue, c.content, c.source, c.short)
	}
	return os.WriteFile(out, []byte(b.String()), 0o644)
}

func spansTokens(wt, spans []sitrep.Span) []int {
	var out []int
	for i, t := range wt {
		if overlapsAny(t, spans) {
			out = append(out, i)
		}
	}
	return out
}

func overlapsAny(s sitrep.Span, in []sitrep.Span) bool {
	for _, o := range in {
		if s.Overlaps(o) {
			return true
		}
	}
	return false
}
