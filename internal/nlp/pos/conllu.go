package pos

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Word is one syntactic word of a CoNLL-U sentence (multiword-token
// surfaces and empty nodes are skipped: our tokenizer splits like UD words).
type Word struct {
	Form, Lemma, UPOS, XPOS string
	// Head is the 0-based index of the head word in the sentence, -1 for root.
	Head int
	Dep  string
}

// Sentence is one CoNLL-U sentence.
type Sentence struct {
	ID    string
	Words []Word
}

// ReadCoNLLU reads a CoNLL-U file, gunzipping it when the name ends in .gz.
func ReadCoNLLU(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("pos: reading %q: %w", path, err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("pos: reading %q: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	ss, err := ParseCoNLLU(r)
	if err != nil {
		return nil, fmt.Errorf("pos: reading %q: %w", path, err)
	}
	return ss, nil
}

// ParseCoNLLU parses CoNLL-U text.
func ParseCoNLLU(r io.Reader) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var out []Sentence
	var cur Sentence
	line := 0
	flush := func() {
		if len(cur.Words) > 0 {
			out = append(out, cur)
		}
		cur = Sentence{}
	}
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" {
			flush()
			continue
		}
		if s[0] == '#' {
			if v, ok := strings.CutPrefix(s, "# sent_id = "); ok {
				cur.ID = v
			}
			continue
		}
		cols := strings.Split(s, "\t")
		if len(cols) != 10 {
			return nil, fmt.Errorf("line %d: %d columns", line, len(cols))
		}
		if strings.ContainsAny(cols[0], "-.") {
			continue // multiword token range or empty node
		}
		h := -1
		if cols[6] != "_" {
			n, err := strconv.Atoi(cols[6])
			if err != nil {
				return nil, fmt.Errorf("line %d: head %q: %w", line, cols[6], err)
			}
			h = n - 1
		}
		cur.Words = append(cur.Words, Word{Form: cols[1], Lemma: cols[2], UPOS: cols[3], XPOS: cols[4], Head: h, Dep: cols[7]})
	}
	flush()
	return out, sc.Err()
}
