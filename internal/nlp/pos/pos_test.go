package pos

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/nlp/vectors"
)

// sharedData is the team's shared data directory, relative to this package.
const sharedData = "../../../../shared/data"

func tinyCorpus() []Sentence {
	mk := func(s string) Sentence {
		var out Sentence
		for _, f := range strings.Fields(s) {
			w, t, _ := strings.Cut(f, "_")
			u, x, _ := strings.Cut(t, "/")
			out.Words = append(out.Words, Word{Form: w, UPOS: u, XPOS: x, Lemma: strings.ToLower(w)})
		}
		return out
	}
	return []Sentence{
		mk("The_DET/DT rebels_NOUN/NNS attacked_VERB/VBD the_DET/DT town_NOUN/NN ._PUNCT/."),
		mk("Police_NOUN/NNS arrested_VERB/VBD two_NUM/CD men_NOUN/NNS ._PUNCT/."),
		mk("She_PRON/PRP will_AUX/MD visit_VERB/VB Paris_PROPN/NNP soon_ADV/RB ._PUNCT/."),
		mk("They_PRON/PRP visit_VERB/VBP the_DET/DT market_NOUN/NN daily_ADV/RB ._PUNCT/."),
	}
}

func TestTrainTiny(t *testing.T) {
	sents := tinyCorpus()
	tg, err := Train(sents, TrainOptions{Epochs: 10, Seed: 1, Folds: 2, MinCount: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Round trip through the file format before checking.
	var buf bytes.Buffer
	if _, err := tg.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	tg, err = ReadTagger(&buf, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sents {
		words := forms(s)
		out := make([]int, len(words))
		tg.Tag(words, out)
		for i, w := range s.Words {
			if u, x := tg.Class(out[i]); u != w.UPOS || x != w.XPOS {
				t.Errorf("%q word %q: got %s/%s, want %s/%s", words, w.Form, u, x, w.UPOS, w.XPOS)
			}
		}
	}
}

func TestTrainEmpty(t *testing.T) {
	if _, err := Train(nil, TrainOptions{}, nil); err == nil {
		t.Error("Train(nil) succeeded")
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"Helmand’s": "Helmand's", "“Yes”": `"Yes"`, "plain": "plain", "a—b": "a--b", "…": "..."} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCommittedModelEWT(t *testing.T) {
	path := filepath.Join(sharedData, "train-ud-ewt/en_ewt-ud-dev.conllu.gz")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("shared data absent: %v", err)
	}
	sents, err := ReadCoNLLU(path)
	if err != nil {
		t.Fatal(err)
	}
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	s := Evaluate(tg, nil, "ewt-dev-500", sents[:500])
	t.Logf("UPOS %.4f XPOS %.4f on %d words", s.UPOS, s.XPOS, s.Words)
	if s.UPOS < 0.95 {
		t.Errorf("UPOS accuracy %.4f < 0.95 on the first 500 EWT dev sentences", s.UPOS)
	}
}

func TestCommittedModelTagsNews(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields("China has been secretly backing a brutal Taliban insurgency across Afghanistan .")
	want := strings.Fields("PROPN AUX AUX ADV VERB DET ADJ PROPN NOUN ADP PROPN PUNCT")
	out := make([]int, len(words))
	tg.Tag(words, out)
	for i := range words {
		if u, _ := tg.Class(out[i]); u != want[i] {
			t.Errorf("%q: got %s, want %s", words[i], u, want[i])
		}
	}
}

func FuzzTag(f *testing.F) {
	tg, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Add("The UN said : “ We ’re deeply concerned ” .")
	f.Add("\xff\xfe 123 -- ... ÀÉÎ 's")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		words := strings.Split(s, " ")
		out := make([]int, len(words))
		tg.Tag(words, out)
		for _, c := range out {
			if c < 0 || c >= tg.NumClasses() {
				t.Fatalf("class %d out of range", c)
			}
		}
	})
}

func benchWords(b *testing.B) [][]string {
	data, err := os.ReadFile("testdata/bench.txt")
	if err != nil {
		b.Fatal(err)
	}
	var out [][]string
	for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		out = append(out, strings.Fields(l))
	}
	return out
}

func BenchmarkTag(b *testing.B) {
	tg, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	sents := benchWords(b)
	n := 0
	for _, s := range sents {
		n += len(s)
	}
	var sc scratch
	out := make([]int, 256)
	cpu0 := cpuTime()
	for b.Loop() {
		for _, s := range sents {
			tg.tag(s, out[:len(s)], &sc)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "tokens/s")
	// The machine is shared: tokens per CPU second is the figure that
	// does not depend on the load.
	b.ReportMetric(float64(n*b.N)/(cpuTime()-cpu0).Seconds(), "tokens/cpu-s")
}

// cpuTime returns the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkLoad(b *testing.B) {
	cl, err := vectors.Load()
	if err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile("../../../models/pos.bin")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := ReadTagger(bytes.NewReader(data), cl); err != nil {
			b.Fatal(err)
		}
	}
}

func TestStage(t *testing.T) {
	st, err := New()
	if err != nil {
		t.Fatal(err)
	}
	text := "China’s forces were not deployed. Rebels attacked."
	doc := &sitrep.Doc{Text: text}
	for _, w := range []struct {
		s, e int
		norm string
	}{{0, 5, "China"}, {5, 9, "'s"}, {10, 16, "forces"}, {17, 21, "were"}, {22, 25, "not"}, {26, 34, "deployed"}, {34, 35, "."}, {36, 42, "Rebels"}, {43, 51, "attacked"}, {51, 52, "."}} {
		doc.Tokens = append(doc.Tokens, sitrep.Token{Start: w.s, End: w.e, Text: text[w.s:w.e], Norm: w.norm, Head: -1})
	}
	doc.Sentences = []sitrep.Sentence{{Start: 0, End: 35, First: 0, Limit: 7}, {Start: 36, End: 52, First: 7, Limit: 10}}
	if err := st.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tk := range doc.Tokens {
		got = append(got, tk.POS+":"+tk.Lemma)
	}
	want := []string{"PROPN:China", "PART:'s", "NOUN:force", "AUX:be", "PART:not", "VERB:deploy", "PUNCT:.", "NOUN:rebel", "VERB:attack", "PUNCT:."}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got)\n%s", d)
	}
}

func TestTrainDictFolds(t *testing.T) {
	sents := tinyCorpus()
	opt := TrainOptions{Epochs: 5, Seed: 1, Folds: 2, MinCount: 1, DictFolds: 2}
	var files [2][]byte
	for i := range files {
		tg, err := Train(sents, opt, nil)
		if err != nil {
			t.Fatal(err)
		}
		if tg.foldDicts != nil {
			t.Error("Train kept its fold dictionaries")
		}
		// The tagger's own dictionary covers all the training words.
		if _, ok := tg.dict["paris"]; !ok {
			t.Error(`"paris" missing from the dictionary`)
		}
		var buf bytes.Buffer
		if _, err := tg.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		files[i] = buf.Bytes()
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Error("training with DictFolds is not deterministic")
	}
}

func TestTop2(t *testing.T) {
	for _, s := range [][]float32{{1}, {3, 3}, {1, 5, 2}, {5, 1, 5}, {-2, -1, -3}, {0, 4, 4, 1}} {
		c, margin := top2(s)
		if want := argmax(s); c != want {
			t.Errorf("top2(%v) class %d, want %d", s, c, want)
		}
		second := float32(-1e30)
		for j, x := range s {
			if j != c {
				second = max(second, x)
			}
		}
		if want := s[c] - second; margin != want {
			t.Errorf("top2(%v) margin %g, want %g", s, margin, want)
		}
	}
}
