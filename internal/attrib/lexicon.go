package attrib

import (
	"fmt"
	"strconv"
	"strings"

	lex "github.com/sitrep/sitrep/lexicon/attrib"
)

// Cue flags, from the flags column of cues.tsv.
const (
	flagComp  = 1 << iota // needs a complement after it ("that", ":", a quotation)
	flagObj               // may take an indirect object ("told reporters")
	flagHedge             // the cue itself hedges the claim
	flagLate              // a cue only after the content ("..., he continued.")
)

// cue is one inflected cue verb.
type cue struct {
	lemma string
	class string // speech | cognition | evidence | evaluation | outlet
	flags int
}

// anonWord is an entry of sources.tsv.
type anonWord struct {
	role string // head | mod | group
	desc string
}

// lexicon is the parsed attribution vocabulary. It is read-only after
// loading, so one value serves every goroutine.
type lexicon struct {
	cues   map[string]cue
	hedges map[string][][]string // first word -> phrases (as words) starting with it
	anon   map[string]anonWord
	outlet map[string][][]string // first word -> self-reference phrases as words
	wires  map[string]string     // agency credit -> the agency's name
	// parseCues are learned forms too weak for the lexical frames (a
	// smaller share of their occurrences sit in a cue) that the parse pass
	// accepts when the verb has a subject and a complement.
	parseCues map[string]bool
	// noClaim are the lemmas of class "none" in cues.tsv.
	noClaim map[string]bool
	// frames are the learned verb frames by lemma and kind, and by lemma,
	// kind and subject class.
	frames map[frameKey]frameStat
	// frameLemmas are the lemmas with any frame in frames, to skip other
	// verbs before reading their frame.
	frameLemmas map[string]bool
}

// Shares of a learned form's occurrences inside a cue: the lexical frames
// take forms at lexShare and above, the parse pass at parseShare.
const (
	lexShare, lexCount     = 0.4, 3
	parseShare, parseCount = 0.25, 2
)

// A learned frame (frames.tsv) is used when its matches over occurrences
// (plus frameSmooth) reach frameShare and it matched at least frameCount
// times.
const (
	frameShare  = 0.3
	frameCount  = 3
	frameSmooth = 1
	// A frame's count for one subject class replaces the frame's own
	// when it has this many occurrences.
	frameClassOcc = 5
)

// frameStat counts one frame in the train split: occurrences,
// occurrences matching a gold attribution, those matching with the
// object alone as the content (Frame.CBShort), and those whose source
// matched too.
type frameStat struct{ occ, hit, short, source int32 }

// raises reports whether the open-complement frame of a verb lemma
// matches the annotation with its content but rarely with its subject as
// the source: a raising verb ("Melania seems | to have vanished"), whose
// subject belongs to the claim, which is the writer's.
func (l *lexicon) raises(lemma string) bool {
	st, ok := l.frames[frameKey{lemma, FrameXcomp, ""}]
	return ok && st.hit >= frameCount && 4*st.source < st.hit
}

// frameKey is a verb lemma, a frame kind and a subject class ("" for
// all classes).
type frameKey struct{ lemma, kind, class string }

// reports reports whether frame fr reports a claim often enough: its
// matches over occurrences (plus frameSmooth) reach frameShare, with at
// least frameCount matches, read for its subject's class where that was
// seen often enough.
func (l *lexicon) reports(fr Frame) bool {
	use, _ := l.frameUse(fr)
	return use
}

// frameUse is reports, and whether the object alone matched the
// annotation more often than the whole verb phrase (the claim then ends
// at Frame.CBShort).
func (l *lexicon) frameUse(fr Frame) (use, short bool) {
	st, ok := l.frames[frameKey{fr.Lemma, fr.Kind, ""}]
	if !ok {
		return false, false
	}
	if sc, ok := l.frames[frameKey{fr.Lemma, fr.Kind, fr.Subj}]; ok && sc.occ >= frameClassOcc {
		st = sc
	}
	hit := max(st.hit, st.short)
	return hit >= frameCount && float64(hit)/float64(st.occ+frameSmooth) >= frameShare, st.short > st.hit
}

func loadLexicon() (*lexicon, error) {
	l := &lexicon{
		cues:   map[string]cue{},
		hedges: map[string][][]string{},
		anon:   map[string]anonWord{},
		outlet: map[string][][]string{},
		wires:  map[string]string{},

		parseCues: map[string]bool{},
		noClaim:   map[string]bool{},
		frames:    map[frameKey]frameStat{},

		frameLemmas: map[string]bool{},
	}
	err := eachRow("cues.tsv", lex.Cues, 3, func(f []string) error {
		c := cue{lemma: f[0], class: f[2]}
		if len(f) > 3 {
			for _, fl := range strings.Split(f[3], ",") {
				switch fl {
				case "comp":
					c.flags |= flagComp
				case "obj":
					c.flags |= flagObj
				case "hedge":
					c.flags |= flagHedge
				case "late":
					c.flags |= flagLate
				default:
					return fmt.Errorf("unknown flag %q", fl)
				}
			}
		}
		for _, form := range strings.Split(f[1], ",") {
			l.cues[strings.TrimSpace(form)] = c
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Learned forms: verbs only (the file also counts nouns and adverbs
	// that sit inside cue spans); a form joins when it is a past tense, a
	// participle, or a base or -s form whose -ed form is known.
	learned := map[string]bool{}
	err = eachRow("cues_learned.tsv", lex.CuesLearned, 3, func(f []string) error {
		in, err1 := strconv.Atoi(f[1])
		all, err2 := strconv.Atoi(f[2])
		if err1 != nil || err2 != nil || all == 0 {
			return fmt.Errorf("bad counts %q %q", f[1], f[2])
		}
		share := float64(in) / float64(all)
		if share >= lexShare && in >= lexCount {
			learned[f[0]] = true
		}
		if share >= parseShare && in >= parseCount {
			l.parseCues[f[0]] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	known := func(w string) bool { _, ok := l.cues[w]; return ok || learned[w] }
	defer func() {
		for w, c := range l.cues {
			if c.class == "none" {
				// Not a claim of its subject (a wish, an action): neither
				// frame may take it, whatever the counts say.
				delete(l.cues, w)
				delete(l.parseCues, w)
				l.noClaim[c.lemma] = true
			}
		}
	}()
	for w := range learned {
		if _, ok := l.cues[w]; ok || strings.HasSuffix(w, "ly") {
			continue
		}
		verb := strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing")
		if !verb {
			stem := strings.TrimSuffix(w, "s")
			verb = known(w+"ed") || known(w+"d") || known(stem+"ed") || known(stem+"d") || known(strings.TrimSuffix(stem, "e")+"ing") || known(stem+"ing")
			if strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "ion") || strings.HasSuffix(w, "ions") {
				verb = false
			}
		}
		if verb {
			l.cues[w] = cue{lemma: w, class: "learned"}
		}
	}
	err = eachRow("frames.tsv", lex.Frames, 6, func(f []string) error {
		occ, err1 := strconv.Atoi(f[2])
		hit, err2 := strconv.Atoi(f[4])
		if err1 != nil || err2 != nil || occ == 0 {
			return fmt.Errorf("bad counts %q %q", f[2], f[4])
		}
		src, err3 := strconv.Atoi(f[5])
		if err3 != nil {
			return fmt.Errorf("bad count %q", f[5])
		}
		short := hit
		if len(f) > 6 {
			if short, err1 = strconv.Atoi(f[6]); err1 != nil {
				return fmt.Errorf("bad count %q", f[6])
			}
		}
		kind, class, _ := strings.Cut(f[1], "/")
		l.frames[frameKey{f[0], kind, class}] = frameStat{occ: int32(occ), hit: int32(hit), short: int32(short), source: int32(src)}
		l.frameLemmas[f[0]] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow("hedges.tsv", lex.Hedges, 2, func(f []string) error {
		w := strings.Fields(f[0])
		l.hedges[w[0]] = append(l.hedges[w[0]], w)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow("sources.tsv", lex.Sources, 3, func(f []string) error {
		switch f[1] {
		case "head", "mod", "group":
		default:
			return fmt.Errorf("unknown role %q", f[1])
		}
		l.anon[f[0]] = anonWord{role: f[1], desc: f[2]}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow("outlet.tsv", lex.Outlet, 2, func(f []string) error {
		w := strings.Fields(f[0])
		l.outlet[w[0]] = append(l.outlet[w[0]], w)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow("wires.tsv", lex.Wires, 2, func(f []string) error {
		l.wires[f[0]] = f[1]
		return nil
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// eachRow calls fn with the tab-separated fields of every non-comment line
// of a lexicon file; bad rows are reported as file:line.
func eachRow(name, data string, min int, fn func([]string) error) error {
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < min || f[0] == "" {
			return fmt.Errorf("attrib: lexicon/attrib/%s:%d: want %d tab-separated fields", name, i+1, min)
		}
		if err := fn(f); err != nil {
			return fmt.Errorf("attrib: lexicon/attrib/%s:%d: %w", name, i+1, err)
		}
	}
	return nil
}
