package ner

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is one training or evaluation sentence: words and their entity
// spans over PER, ORG and LOC (token indices, end exclusive).
type Sentence struct {
	ID    string
	Doc   string
	Words []string
	Spans []Span
}

// Span is an entity over tokens [First, Limit).
type Span struct {
	First, Limit int
	Label        string
}

func openMaybeGz(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if !strings.HasSuffix(path, ".gz") {
		return f, nil
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("ner: reading %q: %w", path, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{zr, f}, nil
}

// eachJSONL decodes every line of a JSONL file into a fresh T.
func eachJSONL[T any](path string, fn func(*T) error) error {
	rc, err := openMaybeGz(path)
	if err != nil {
		return err
	}
	defer rc.Close()
	sc := bufio.NewScanner(rc)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	line := 0
	for sc.Scan() {
		line++
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		v := new(T)
		if err := json.Unmarshal(sc.Bytes(), v); err != nil {
			return fmt.Errorf("ner: %s:%d: %w", path, line, err)
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("ner: reading %q: %w", path, err)
	}
	return nil
}

// LoadUNER reads a UNER JSONL file (tokens + BIO tags).
func LoadUNER(path string) ([]Sentence, error) {
	type rec struct {
		ID     string   `json:"id"`
		Tokens []string `json:"tokens"`
		Tags   []string `json:"tags"`
	}
	var out []Sentence
	err := eachJSONL(path, func(r *rec) error {
		doc := r.ID
		if i := strings.LastIndexByte(doc, '-'); i > 0 {
			doc = doc[:i]
		}
		out = append(out, Sentence{ID: r.ID, Doc: doc, Words: r.Tokens, Spans: spansFromBIO(r.Tags)})
		return nil
	})
	return out, err
}

// spansFromBIO turns BIO tags into spans, keeping PER, ORG and LOC.
func spansFromBIO(tags []string) []Span {
	var out []Span
	for i := 0; i < len(tags); i++ {
		t := tags[i]
		if len(t) < 3 || (t[0] != 'B' && t[0] != 'I') {
			continue
		}
		lab := t[2:]
		j := i + 1
		for j < len(tags) && tags[j] == "I-"+lab {
			j++
		}
		if lab == "PER" || lab == "ORG" || lab == "LOC" {
			out = append(out, Span{i, j, lab})
		}
		i = j - 1
	}
	return out
}

// loadTokEnt reads the wikigold/BTC JSONL layout: tokens with forms and
// entities with token ranges; other types (MISC) become O.
func loadTokEnt(path string) ([]Sentence, error) {
	type rec struct {
		ID     string `json:"id"`
		DocID  string `json:"doc_id"`
		Tokens []struct {
			Form string `json:"form"`
		} `json:"tokens"`
		Entities []struct {
			TokStart int    `json:"tok_start"`
			TokEnd   int    `json:"tok_end"`
			Type     string `json:"type"`
		} `json:"entities"`
	}
	var out []Sentence
	err := eachJSONL(path, func(r *rec) error {
		s := Sentence{ID: r.ID, Doc: r.DocID}
		for _, t := range r.Tokens {
			s.Words = append(s.Words, t.Form)
		}
		for _, e := range r.Entities {
			if (e.Type == "PER" || e.Type == "ORG" || e.Type == "LOC") && 0 <= e.TokStart && e.TokStart < e.TokEnd && e.TokEnd <= len(s.Words) {
				s.Spans = append(s.Spans, Span{e.TokStart, e.TokEnd, e.Type})
			}
		}
		out = append(out, s)
		return nil
	})
	return out, err
}

// LoadGUM reads a GUM sentence JSONL file and converts its entity layer to
// flat name spans (see GUMNameSpans).
func LoadGUM(path string) ([]Sentence, error) {
	var out []Sentence
	err := eachJSONL(path, func(r *gumSentence) error {
		s := Sentence{ID: r.ID, Doc: r.DocID}
		for _, t := range r.Tokens {
			s.Words = append(s.Words, t.Form)
		}
		s.Spans = GUMNameSpans(r)
		out = append(out, s)
		return nil
	})
	return out, err
}

type gumSentence struct {
	ID     string `json:"id"`
	DocID  string `json:"doc_id"`
	Tokens []struct {
		Form string `json:"form"`
	} `json:"tokens"`
	Entities []struct {
		TokStart int    `json:"tok_start"`
		TokEnd   int    `json:"tok_end"`
		Type     string `json:"type"`
		HeadTok  int    `json:"head_tok"`
		Proper   bool   `json:"proper"`
	} `json:"entities"`
}

// GUMNameSpans converts GUM's nested mention layer to flat proper-name spans,
// the way UNER marks names. It decides from the words, not the tags (GUM
// tags "United" in "United States" as a verb):
//  1. keep mentions marked proper (head is PROPN) of type person (PER),
//     organization (ORG) or place (LOC);
//  2. the name is the run of capitalised words around the head inside the
//     mention, bridged by lower-case connectives ("of", "de", "al", "and")
//     only when a capitalised word follows, and stopping at punctuation
//     other than inner hyphens, dots and ampersands;
//  3. leading determiners ("the") are trimmed, and for persons leading
//     titles ("Mr.", "President");
//  4. where names overlap, the outermost (longest, then first) wins, so one
//     span remains per head;
//  5. in person mentions only name particles ("van", "bin", "-") bridge, not
//     "and" or "of" ("Kirk Bart and Celeste Pollock" is two names);
//  6. a one-word nationality or group name of the curated NORP list
//     ("Americans") is not a name, as in UNER (which tags it OTH).
func GUMNameSpans(r *gumSentence) []Span {
	words := make([]string, len(r.Tokens))
	for i, t := range r.Tokens {
		words[i] = t.Form
	}
	var cands []Span
	for _, e := range r.Entities {
		var lab string
		switch e.Type {
		case "person":
			lab = "PER"
		case "organization":
			lab = "ORG"
		case "place":
			lab = "LOC"
		default:
			continue
		}
		if !e.Proper || e.TokStart < 0 || e.TokEnd > len(words) || e.HeadTok < e.TokStart || e.HeadTok >= e.TokEnd {
			continue
		}
		if sp, ok := nameAround(words, e.TokStart, e.TokEnd, e.HeadTok, lab == "PER"); ok && !(sp.Limit-sp.First == 1 && norpWord(words[sp.First])) {
			sp.Label = lab
			cands = append(cands, sp)
		}
	}
	return outermost(cands)
}

func nameAround(words []string, start, end, head int, person bool) (Span, bool) {
	if !nameWord(words[head]) {
		return Span{}, false
	}
	a, b := head, head+1
	for a > start {
		if nameWord(words[a-1]) {
			a--
			continue
		}
		if a-1 > start && connective(words[a-1]) && nameWord(words[a-2]) && (!person || particle(words[a-1])) {
			a -= 2
			continue
		}
		break
	}
	for b < end {
		if nameWord(words[b]) {
			b++
			continue
		}
		if b+1 < end && connective(words[b]) && nameWord(words[b+1]) && (!person || particle(words[b])) {
			b += 2
			continue
		}
		break
	}
	for a < b-1 && ((person && titleWord(words[a])) || determiner(words[a]) || !nameWord(words[a])) {
		a++
	}
	if person && titleWord(words[a]) && b-a == 1 {
		return Span{}, false
	}
	return Span{First: a, Limit: b}, true
}

// nameWord: starts with an upper-case letter or digit-led with letters
// ("9/11" no, "3M" yes), or is an all-caps acronym.
func nameWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		return true
	}
	if unicode.IsDigit(r) {
		for _, c := range w {
			if unicode.IsUpper(c) {
				return true
			}
		}
	}
	return false
}

func connective(w string) bool {
	switch strings.ToLower(w) {
	case "of", "de", "del", "della", "di", "da", "du", "des", "la", "le", "al", "el", "bin", "ibn", "van", "von", "der", "den", "and", "&", "for", "on", "upon", "-", "'s", "y", "e":
		return true
	}
	return false
}

// particle: connectives that occur inside person names ("Ludwig van
// Beethoven"), unlike "and" or "of", which in a person mention join two
// names or a name and a place.
func particle(w string) bool {
	switch strings.ToLower(w) {
	case "de", "del", "della", "di", "da", "du", "des", "la", "le", "al", "el", "bin", "ibn", "van", "von", "der", "den", "y", "-":
		return true
	}
	return false
}

func determiner(w string) bool {
	switch strings.ToLower(w) {
	case "the", "a", "an", "this", "that", "these", "those":
		return true
	}
	return false
}

// titleWord lists honorifics and offices that UNER keeps outside names.
func titleWord(w string) bool {
	switch strings.ToLower(strings.TrimSuffix(w, ".")) {
	case "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
		"president", "vice", "senator", "sen", "rep", "representative", "gov", "governor",
		"mayor", "general", "gen", "lt", "col", "colonel", "major", "maj", "capt", "captain",
		"sgt", "sergeant", "admiral", "adm", "king", "queen", "prince", "princess", "emperor",
		"pope", "st", "saint", "rev", "reverend", "father", "sister", "brother", "judge",
		"justice", "minister", "chancellor", "secretary", "chairman", "chairwoman", "ceo",
		"officer", "commander", "chief", "prime", "premier", "ambassador", "sheikh", "mullah",
		"imam", "ayatollah", "uncle", "aunt", "coach", "detective", "agent", "director":
		return true
	}
	return false
}

func outermost(c []Span) []Span {
	var out []Span
	for i, s := range c {
		keep := true
		for j, t := range c {
			if i == j || t.Limit <= s.First || s.Limit <= t.First {
				continue
			}
			ls, lt := s.Limit-s.First, t.Limit-t.First
			if lt > ls || (lt == ls && j < i) {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, s)
		}
	}
	// sort by position
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].First < out[j-1].First; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// TrainingSets names the training corpora under a shared data directory.
var TrainingSets = []string{"uner", "wikigold", "btc", "gum"}

// NameSets are corpora used only as sources of names for the names
// gazetteer: all of GMB, whose silver labels lower F1 as training sequences
// (its README) but whose news-domain names help as a list (UNER dev +0.015
// measured).
var NameSets = []string{"gmb-all"}

// LoadTraining reads the named training corpora from dataDir
// (../shared/data).
func LoadTraining(dataDir string, sets []string) ([]Sentence, error) {
	var all []Sentence
	for _, s := range sets {
		var (
			got []Sentence
			err error
		)
		switch s {
		case "uner":
			got, err = LoadUNER(filepath.Join(dataDir, "train-ner-uner-en-ewt", "uner_en_ewt.train.jsonl.gz"))
		case "wikigold":
			got, err = loadTokEnt(filepath.Join(dataDir, "train-ner-wikigold", "wikigold.jsonl.gz"))
		case "btc":
			got, err = loadTokEnt(filepath.Join(dataDir, "train-ner-btc", "btc.jsonl.gz"))
		case "btc-news":
			// section G (mainstream news accounts) only
			got, err = loadTokEnt(filepath.Join(dataDir, "train-ner-btc", "btc.jsonl.gz"))
			got = slices.DeleteFunc(got, func(s Sentence) bool { return !strings.HasPrefix(s.ID, "btc-g-") })
		case "gum":
			got, err = LoadGUM(filepath.Join(dataDir, "train-gum", "gum.train.jsonl.gz"))
		case "gmb":
			got, err = loadGMB(filepath.Join(dataDir, "train-ner-gmb", "gmb.jsonl.gz"), 4000)
		case "gmb-all":
			got, err = loadGMB(filepath.Join(dataDir, "train-ner-gmb", "gmb.jsonl.gz"), 1<<30)
		default:
			return nil, fmt.Errorf("ner: unknown training set %q", s)
		}
		if err != nil {
			return nil, err
		}
		all = append(all, got...)
	}
	return all, nil
}

// loadGMB reads every k-th GMB sentence (silver labels: a sample only) with
// the README's recommended `ner` mapping.
func loadGMB(path string, n int) ([]Sentence, error) {
	type rec struct {
		ID     string   `json:"id"`
		Tokens []string `json:"tokens"`
		NER    []string `json:"ner"`
	}
	var all []Sentence
	err := eachJSONL(path, func(r *rec) error {
		all = append(all, Sentence{ID: r.ID, Doc: "gmb", Words: r.Tokens, Spans: spansFromBIO(r.NER)})
		return nil
	})
	if err != nil || len(all) <= n {
		return all, err
	}
	step := len(all) / n
	var out []Sentence
	for i := 0; i < len(all) && len(out) < n; i += step {
		out = append(out, all[i])
	}
	return out, nil
}

// norpWord reports whether w is a nationality or group word of the curated
// list.
func norpWord(w string) bool {
	g, err := curated()
	if err != nil {
		return false
	}
	ms := g.match([]uint64{hashString(w)}, false, nil)
	return len(ms) == 1 && gazLabels[ms[0].label] == "NORP"
}
