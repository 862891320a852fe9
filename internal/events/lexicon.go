package events

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/sitrep/sitrep"
	eventlex "github.com/sitrep/sitrep/lexicon/events"
)

// Kinds of lexicon entry.
const (
	KindVerb = 'V'
	KindNoun = 'N'
)

// Alt is an alternative coding used when a condition on the roles holds.
type Alt struct {
	Plover, Mode, Cameo string
}

// Entry is one pattern of the event lexicon.
type Entry struct {
	Kind byte
	// Slots are the pattern's words in text order; each slot lists
	// alternatives (lower case). Head indexes the head word: the verb lemma
	// (always 0 for verbs) or the head noun.
	Slots [][]string
	Head  int
	// Plover, Mode and Cameo code the event ("-" in the file is "").
	Plover, Mode, Cameo string
	// Src and Tgt are the role sources, tried in order: "subj", "obj",
	// "poss", "mod" or a preposition.
	Src, Tgt []string
	// Recip names the preposition of reciprocal participants ("between"),
	// or "subj" for verbs whose coordinated subjects pair with each other.
	Recip string
	// Ctl marks verbs whose infinitive complement carries the content;
	// Intent additionally recodes by the complement (AGREE or THREATEN).
	Ctl, Intent bool
	// Anchor marks nominals emitted only when a relation links them.
	Anchor bool
	// TgtReq marks patterns that are events only with a named target
	// ("called Xi" is a phone call, "calling the takeover a coup" none).
	TgtReq bool
	// Armed recodes the event when the target is an armed group; PlaceObj
	// when the object is a place.
	Armed, PlaceObj *Alt
	// Pos is "file:line" of the entry, for messages.
	Pos string
}

// Text returns the pattern as written, alternatives joined by "|".
func (e *Entry) Text() string {
	var b strings.Builder
	for i, s := range e.Slots {
		if i > 0 {
			b.WriteByte(' ')
		}
		if e.Kind == KindNoun && i == e.Head && e.Head != len(e.Slots)-1 {
			b.WriteByte('*')
		}
		b.WriteString(strings.Join(s, "|"))
	}
	return b.String()
}

// Cue classes of cues.tsv.
const (
	CueHoped        = sitrep.ModHoped
	CueIntended     = sitrep.ModIntended
	CueHypothetical = sitrep.ModHypothetical
	CueBelieved     = sitrep.ModBelieved
	CueReported     = sitrep.ModReported
	CueDenied       = sitrep.ModDenied
	CueNegation     = "negation"
	CueHistorical   = "historical"
	CueCausative    = "causative"
	CueTransparent  = "transparent"
	CueLight        = "light"
	CueExchange     = sitrep.RelExchange
	CuePurpose      = sitrep.RelPurpose
	CueCause        = sitrep.RelCause
	CueCondition    = sitrep.RelCondition
	CueNonevent     = "nonevent"
	CueLoc          = "loc"
	CueWitness      = "witness"
	CueConcern      = "concern"
	CueProtester    = "protester"
	CueAnnounce     = "announce"
)

var cueClasses = []string{
	CueHoped, CueIntended, CueHypothetical, CueBelieved, CueReported, CueDenied,
	CueNegation, CueHistorical, CueCausative, CueTransparent, CueLight,
	CueExchange, CuePurpose, CueCause, CueCondition, CueNonevent, CueLoc,
	CueWitness, CueConcern, CueProtester, CueAnnounce,
}

// Cue is one cue phrase.
type Cue struct {
	Class string
	Words []string
	Pos   string
}

// Lexicon is the parsed event lexicon. It is read-only after loading and
// safe for concurrent use.
type Lexicon struct {
	// verbs and nouns index entries by head lemma.
	verbs map[string][]*Entry
	nouns map[string][]*Entry
	// lemma maps an inflected word form to its lemma (verbs, regular and
	// irregular), for text without a lemmatiser.
	lemma map[string]string
	// cues index cue phrases by first word (lemma for single verbs).
	cues map[string][]*Cue
	n    int
}

// Len returns the number of event patterns.
func (l *Lexicon) Len() int { return l.n }

// LexError is a bad lexicon line.
type LexError struct {
	File string
	Line int
	Msg  string
}

func (e *LexError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// DefaultLexicon parses the embedded lexicon.
func DefaultLexicon() (*Lexicon, error) {
	return ParseLexicon(map[string]string{
		"verbs.tsv": eventlex.Verbs,
		"nouns.tsv": eventlex.Nouns,
		"forms.tsv": eventlex.Forms,
		"cues.tsv":  eventlex.Cues,
	})
}

// ParseLexicon parses lexicon files by name: verbs.tsv and nouns.tsv hold
// patterns, forms.tsv irregular forms, cues.tsv cues. Files with other
// names are parsed by their base kind (a name containing "verb", "noun",
// "form" or "cue"). It reports every bad line, each as a *LexError joined
// with errors.Join.
func ParseLexicon(files map[string]string) (*Lexicon, error) {
	l := &Lexicon{
		verbs: map[string][]*Entry{},
		nouns: map[string][]*Entry{},
		lemma: map[string]string{},
		cues:  map[string][]*Cue{},
	}
	var errs []error
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	// forms first so that verb patterns can rely on irregular forms; sorted
	// otherwise for stable messages.
	slices.SortFunc(names, func(a, b string) int {
		fa, fb := strings.Contains(a, "form"), strings.Contains(b, "form")
		if fa != fb {
			if fa {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	for _, name := range names {
		data := files[name]
		var parse func(file string, line int, cols []string) error
		switch {
		case strings.Contains(name, "form"):
			parse = l.parseForm
		case strings.Contains(name, "verb"):
			parse = func(f string, n int, c []string) error { return l.parseEntry(KindVerb, f, n, c) }
		case strings.Contains(name, "noun"):
			parse = func(f string, n int, c []string) error { return l.parseEntry(KindNoun, f, n, c) }
		case strings.Contains(name, "cue"):
			parse = l.parseCue
		default:
			errs = append(errs, &LexError{name, 0, "unknown lexicon file kind"})
			continue
		}
		for i, line := range strings.Split(data, "\n") {
			line = strings.TrimRight(line, "\r")
			if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
				continue
			}
			if err := parse(name, i+1, strings.Split(line, "\t")); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if len(errs) > 0 {
		return l, errors.Join(errs...)
	}
	return l, nil
}

func (l *Lexicon) parseForm(file string, line int, cols []string) error {
	if len(cols) != 2 {
		return &LexError{file, line, fmt.Sprintf("want 2 tab-separated columns, have %d", len(cols))}
	}
	lem := strings.ToLower(strings.TrimSpace(cols[0]))
	if lem == "" || strings.ContainsAny(lem, " |") {
		return &LexError{file, line, fmt.Sprintf("bad lemma %q", cols[0])}
	}
	l.lemma[lem] = lem
	for _, f := range strings.Split(cols[1], ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			return &LexError{file, line, "empty form"}
		}
		l.lemma[f] = lem
	}
	return nil
}

// addRegular records the regular inflections of verb lemma w, keeping any
// irregular form already known.
func (l *Lexicon) addRegular(w string) {
	if _, ok := l.lemma[w]; !ok {
		l.lemma[w] = w
	}
	for _, f := range inflect(w) {
		if _, ok := l.lemma[f]; !ok {
			l.lemma[f] = w
		}
	}
}

// inflect returns the regular -s, -ed and -ing forms of verb w. Doubling of
// a final consonant is generated alongside the plain form: a form that is
// not a word never meets a token, so over-generation is harmless.
func inflect(w string) []string {
	n := len(w)
	if n < 2 {
		return nil
	}
	last, prev := w[n-1], w[n-2]
	var out []string
	switch {
	case last == 'e':
		out = append(out, w+"s", w+"d", w[:n-1]+"ing")
	case last == 'y' && !isVowel(prev):
		out = append(out, w[:n-1]+"ies", w[:n-1]+"ied", w+"ing")
	case last == 's' || last == 'x' || last == 'z' || strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh"):
		out = append(out, w+"es", w+"ed", w+"ing")
	default:
		out = append(out, w+"s", w+"ed", w+"ing")
		if !isVowel(last) && last != 'w' && last != 'y' && isVowel(prev) && (n < 3 || !isVowel(w[n-3])) {
			out = append(out, w+string(last)+"ed", w+string(last)+"ing")
		}
	}
	return out
}

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

func validType(t string) bool { return slices.Contains(sitrep.PloverTypes, t) }

func validCameo(c string) bool {
	if len(c) < 2 || len(c) > 4 {
		return false
	}
	for i := 0; i < len(c); i++ {
		if c[i] < '0' || c[i] > '9' {
			return false
		}
	}
	return true
}

func parseAlt(v string) (*Alt, error) {
	p := strings.Split(v, "/")
	if len(p) != 3 || !validType(p[0]) || (p[2] != "-" && !validCameo(p[2])) {
		return nil, fmt.Errorf("bad alternative %q (want TYPE/mode/cameo)", v)
	}
	a := &Alt{Plover: p[0], Mode: p[1], Cameo: p[2]}
	if a.Mode == "-" {
		a.Mode = ""
	}
	if a.Cameo == "-" {
		a.Cameo = ""
	}
	return a, nil
}

func (l *Lexicon) parseEntry(kind byte, file string, line int, cols []string) error {
	bad := func(f string, a ...any) error { return &LexError{file, line, fmt.Sprintf(f, a...)} }
	if len(cols) < 4 || len(cols) > 5 {
		return bad("want 4 or 5 tab-separated columns (pattern, type, mode, cameo[, roles]), have %d", len(cols))
	}
	e := &Entry{Kind: kind, Pos: fmt.Sprintf("%s:%d", file, line)}
	words := strings.Fields(strings.ToLower(cols[0]))
	if len(words) == 0 {
		return bad("empty pattern")
	}
	e.Head = 0
	if kind == KindNoun {
		e.Head = len(words) - 1
	}
	for i, w := range words {
		if strings.HasPrefix(w, "*") {
			if kind != KindNoun {
				return bad("head mark * only in noun patterns")
			}
			e.Head = i
			w = w[1:]
		}
		alts := strings.Split(w, "|")
		for _, a := range alts {
			if a == "" || strings.ContainsAny(a, "*\t") {
				return bad("bad word %q in pattern", w)
			}
		}
		e.Slots = append(e.Slots, alts)
	}
	e.Plover = strings.TrimSpace(cols[1])
	if !validType(e.Plover) {
		return bad("unknown PLOVER type %q", e.Plover)
	}
	e.Mode = strings.TrimSpace(cols[2])
	if e.Mode == "-" {
		e.Mode = ""
	}
	e.Cameo = strings.TrimSpace(cols[3])
	if e.Cameo == "-" {
		e.Cameo = ""
	} else if !validCameo(e.Cameo) {
		return bad("bad CAMEO code %q", e.Cameo)
	}
	if kind == KindVerb {
		e.Src, e.Tgt = []string{"subj"}, []string{"obj"}
	} else {
		e.Src, e.Tgt = []string{"poss", "by", "from", "mod"}, []string{"of", "against", "on", "to"}
	}
	if len(cols) == 5 {
		for _, f := range strings.Fields(cols[4]) {
			k, v, _ := strings.Cut(f, "=")
			switch k {
			case "src", "tgt":
				vals := strings.Split(v, "|")
				if v == "" || slices.Contains(vals, "") {
					return bad("empty %s list", k)
				}
				if k == "src" {
					e.Src = vals
				} else {
					e.Tgt = vals
				}
			case "recip":
				if v == "" {
					if kind != KindVerb {
						return bad("recip needs a preposition in noun patterns")
					}
					v = "subj"
				}
				e.Recip = v
			case "ctl":
				e.Ctl = true
			case "intent":
				e.Ctl, e.Intent = true, true
			case "anchor":
				e.Anchor = true
			case "tgtreq":
				e.TgtReq = true
			case "armed", "placeobj":
				a, err := parseAlt(v)
				if err != nil {
					return bad("%v", err)
				}
				if k == "armed" {
					e.Armed = a
				} else {
					e.PlaceObj = a
				}
			default:
				return bad("unknown role flag %q", f)
			}
		}
	}
	l.n++
	if kind == KindVerb {
		for _, lem := range e.Slots[0] {
			l.addRegular(lem)
			l.verbs[lem] = append(l.verbs[lem], e)
		}
		return nil
	}
	for _, h := range e.Slots[e.Head] {
		l.nouns[h] = append(l.nouns[h], e)
	}
	return nil
}

func (l *Lexicon) parseCue(file string, line int, cols []string) error {
	if len(cols) != 2 {
		return &LexError{file, line, fmt.Sprintf("want 2 tab-separated columns (class, phrase), have %d", len(cols))}
	}
	class := strings.TrimSpace(cols[0])
	if !slices.Contains(cueClasses, class) {
		return &LexError{file, line, fmt.Sprintf("unknown cue class %q", class)}
	}
	words := strings.Fields(strings.ToLower(cols[1]))
	if len(words) == 0 {
		return &LexError{file, line, "empty cue"}
	}
	c := &Cue{Class: class, Words: words, Pos: fmt.Sprintf("%s:%d", file, line)}
	switch class {
	case CueHoped, CueIntended, CueBelieved, CueReported, CueDenied, CueCausative, CueTransparent, CueLight, CueAnnounce:
		// Verb cues match any inflection of their first word.
		if isVerbCue(words[0]) {
			l.addRegular(words[0])
		}
	}
	l.cues[words[0]] = append(l.cues[words[0]], c)
	return nil
}

// isVerbCue reports whether a cue's first word is a verb lemma rather than
// a fixed word (modal, adverb, preposition).
func isVerbCue(w string) bool {
	switch w {
	case "will", "'ll", "shall", "would", "'d", "could", "might", "may", "should", "in", "as", "on",
		"with", "according", "allegedly", "reportedly", "apparently", "presumably", "purportedly",
		"possible", "possibly", "potential", "potentially", "likely", "future", "eager", "keen",
		"determined", "ready", "going", "set", "poised", "bid", "scheduled", "expected",
		"suspected", "interest", "interests", "understood", "thought", "rumoured", "rumored", "hoping":
		return false
	}
	return true
}

// isWord reports whether the lower-case word w, or its verb lemma, is a
// one-word cue of class.
func (l *Lexicon) isWord(class, w string) bool {
	for _, key := range [2]string{w, l.lemma[w]} {
		for _, cu := range l.cues[key] {
			if cu.Class == class && len(cu.Words) == 1 {
				return true
			}
		}
	}
	return false
}

// Lemma returns the verb lemma of a lower-case word form, or "".
func (l *Lexicon) Lemma(w string) string { return l.lemma[w] }
