package chunk

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/nlp/pos"
	"github.com/sitrep/sitrep/internal/segment"
)

var update = flag.Bool("update", false, "rewrite testdata goldens")

// treeDoc builds a one-sentence Doc from "form/UPOS/XPOS/head/dep" items
// (head 1-based, 0 for the root), so that Build is tested apart from the
// parser.
func treeDoc(t *testing.T, spec string) *sitrep.Doc {
	t.Helper()
	doc := &sitrep.Doc{}
	for _, item := range strings.Fields(spec) {
		f := strings.Split(item, "/")
		if len(f) != 5 {
			t.Fatalf("bad item %q", item)
		}
		h, err := strconv.Atoi(f[3])
		if err != nil {
			t.Fatal(err)
		}
		start := len(doc.Text)
		if start > 0 {
			doc.Text += " "
			start++
		}
		doc.Text += f[0]
		doc.Tokens = append(doc.Tokens, sitrep.Token{Start: start, End: len(doc.Text), Text: f[0], Norm: f[0], POS: f[1], Tag: f[2], Head: h - 1, Dep: f[4]})
	}
	doc.Sentences = []sitrep.Sentence{{Start: 0, End: len(doc.Text), First: 0, Limit: len(doc.Tokens)}}
	Build(doc, 0, 0, len(doc.Tokens))
	return doc
}

func TestBuildTrees(t *testing.T) {
	cases := []struct{ name, spec, want string }{
		{"active", "Rebels/NOUN/NNS/2/nsubj attacked/VERB/VBD/0/root the/DET/DT/4/det town/NOUN/NN/2/obj ./PUNCT/./2/punct", `
0 NP [Rebels] subj>attacked
1 VP [attacked] active
2 NP [the town] obj>attacked
`},
		{"passive agent neg", "The/DET/DT/2/det town/NOUN/NN/5/nsubj:pass was/AUX/VBD/5/aux:pass not/PART/RB/5/advmod attacked/VERB/VBN/0/root by/ADP/IN/7/case rebels/NOUN/NNS/5/obl:agent", `
0 NP [The town] subj>attacked
1 VP [was not attacked] passive neg
2 PP [by rebels] >attacked prep="by"
3 NP [rebels] agent>attacked prep="by"
`},
		{"coordination", "backing/NOUN/NN/0/root from/ADP/IN/3/case Russia/PROPN/NNP/1/nmod ,/PUNCT/,/5/punct Pakistan/PROPN/NNP/3/conj and/CCONJ/CC/9/cc other/ADJ/JJ/9/amod neighbouring/VERB/VBG/9/amod countries/NOUN/NNS/3/conj", `
0 NP [backing]
1 PP [from Russia] prep="from" of=backing
2 NP [Russia] pobj prep="from" of=backing coord=1
3 NP [Pakistan] pobj prep="from" of=backing coord=1
4 NP [other neighbouring countries] pobj prep="from" of=backing coord=1
`},
		{"relative clause", "the/DET/DT/2/det groups/NOUN/NNS/0/root which/PRON/WDT/6/obj it/PRON/PRP/6/nsubj once/ADV/RB/6/advmod supported/VERB/VBD/2/acl:relcl", `
0 NP [the groups] +obj>supported
1 NP [which] obj>supported ref=groups
2 NP [it] subj>supported
3 VP [supported] active relcl of=groups
`},
		{"control", "China/PROPN/NNP/2/nsubj hopes/VERB/VBZ/0/root to/PART/TO/4/mark cash/VERB/VB/2/xcomp in/ADP/RP/4/compound:prt", `
0 NP [China] subj>hopes +subj>cash
1 VP [hopes] active
2 VP [cash in] active xcomp>hopes
`},
		{"object control", "getting/VERB/VBG/0/root groups/NOUN/NNS/1/obj such/ADJ/JJ/5/case as/ADP/IN/3/fixed Taliban/PROPN/NNP/2/nmod to/PART/TO/7/mark outlaw/VERB/VB/1/xcomp Uyghurs/PROPN/NNPS/7/obj", `
0 VP [getting] active
1 NP [groups] obj>getting +subj>outlaw
2 PP [such as Taliban] prep="such as" of=groups
3 NP [Taliban] pobj prep="such as" of=groups +obj>getting +subj>outlaw
4 VP [outlaw] active xcomp>getting
5 NP [Uyghurs] obj>outlaw
`},
		{"possessive", "Helmand/PROPN/NNP/3/nmod:poss 's/PART/POS/1/case capital/NOUN/NN/0/root Lashkar/PROPN/NNP/3/appos Gah/PROPN/NNP/4/flat", `
0 NP [Helmand 's] poss of=capital
1 NP [capital]
2 NP [Lashkar Gah] appos of=capital
`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := treeDoc(t, c.spec)
			if d := cmp.Diff(strings.TrimLeft(c.want, "\n"), Format(doc)); d != "" {
				t.Errorf("(-want +got)\n%s", d)
			}
		})
	}
}

// pipelineDoc runs segment, pos and chunk over text.
func pipelineDoc(t testing.TB, text string) *sitrep.Doc {
	t.Helper()
	ps, err := pos.New()
	if err != nil {
		t.Fatal(err)
	}
	cs, err := New()
	if err != nil {
		t.Fatal(err)
	}
	doc := &sitrep.Doc{Text: text}
	ctx := context.Background()
	for _, st := range []interface {
		Process(context.Context, *sitrep.Doc) error
	}{segment.New(), ps, cs} {
		if err := st.Process(ctx, doc); err != nil {
			t.Fatal(err)
		}
	}
	if bad := doc.CheckSpans(); bad != "" {
		t.Fatalf("bad span: %s", bad)
	}
	return doc
}

// TestGoldens parses testdata/*.txt with the committed models and compares
// the chunks with the .golden files (-update rewrites them).
func TestGoldens(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatal("no testdata", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got := Format(pipelineDoc(t, string(src)))
			gf := strings.TrimSuffix(f, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(gf, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(gf)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(string(want), got); d != "" {
				t.Errorf("(-want +got)\n%s", d)
			}
		})
	}
}

// roleOf returns "role>verbhead" for the NP whose text is np, with its
// extra roles.
func rolesOf(doc *sitrep.Doc, np string) []string {
	var out []string
	for _, c := range doc.Chunks {
		if c.Kind != sitrep.ChunkNP || doc.Text[doc.Tokens[c.First].Start:doc.Tokens[c.Limit-1].End] != np {
			continue
		}
		verb := func(v int) string {
			if v < 0 {
				return "-"
			}
			return doc.Tokens[doc.Chunks[v].Head].Text
		}
		out = append(out, c.Role+">"+verb(c.Verb))
		for _, x := range c.Extra {
			out = append(out, x.Role+">"+verb(x.Verb))
		}
	}
	return out
}

// TestRoles checks roles produced by the whole layer on simple sentences.
func TestRoles(t *testing.T) {
	cases := []struct {
		text string
		want map[string][]string
	}{
		{"The rebels attacked the convoy near the border.", map[string][]string{
			"The rebels": {"subj>attacked"}, "the convoy": {"obj>attacked"}}},
		{"The convoy was attacked by rebels on Monday.", map[string][]string{
			"The convoy": {"subj>attacked"}, "rebels": {"agent>attacked"}}},
		{"France and Germany condemned the attack.", map[string][]string{
			"France": {"subj>condemned"}, "Germany": {"subj>condemned"}, "the attack": {"obj>condemned"}}},
		{"The army did not attack the city.", map[string][]string{
			"The army": {"subj>attack"}, "the city": {"obj>attack"}}},
		{"Police arrested the men who had attacked the embassy.", map[string][]string{
			"Police": {"subj>arrested"}, "the men": {"obj>arrested", "subj>attacked"}, "the embassy": {"obj>attacked"}}},
		{"The government wants to negotiate with the rebels.", map[string][]string{
			"The government": {"subj>wants", "subj>negotiate"}}},
		{"The rebels have shunned neighbouring tribes which they once armed.", map[string][]string{
			"neighbouring tribes": {"obj>shunned", "obj>armed"}, "they": {"subj>armed"}}},
		{"The minister urged the army to release the prisoners.", map[string][]string{
			"the army": {"obj>urged", "subj>release"}, "the prisoners": {"obj>release"}}},
		{"Russia and China hope to cash in on the deal.", map[string][]string{
			"Russia": {"subj>hope", "subj>cash"}, "China": {"subj>hope", "subj>cash"}}},
		// A past tense tagged as a participle (fixFiniteParticiples).
		{"The vote came as officials praised Thursday's protests.", map[string][]string{
			"officials": {"subj>praised"}, "protests": {"obj>praised"}}},
		{"Some state officials praised Mr. Clarke's work preserving the property but also had to give him more time to pay back his debt.", map[string][]string{
			"Some state officials": {"subj>praised", "subj>preserving", "subj>had", "subj>give"}, "work": {"obj>praised"}}},
		// A participle without an object stays one.
		{"The weapons seized on Monday were destroyed.", map[string][]string{
			"The weapons": {"subj>destroyed", "subj>seized"}}},
	}
	for _, c := range cases {
		doc := pipelineDoc(t, c.text)
		for np, want := range c.want {
			if d := cmp.Diff(want, rolesOf(doc, np)); d != "" {
				t.Errorf("%q: %q roles (-want +got)\n%s\n%s", c.text, np, d, Format(doc))
			}
		}
	}
}

// checkChunks asserts the structural invariants of doc.Chunks.
func checkChunks(t *testing.T, doc *sitrep.Doc) {
	t.Helper()
	n := len(doc.Chunks)
	ok := func(i int) bool { return i >= -1 && i < n }
	for i, c := range doc.Chunks {
		if c.First < 0 || c.First >= c.Limit || c.Limit > len(doc.Tokens) || c.Head < c.First || c.Head >= c.Limit {
			t.Fatalf("chunk %d: bad bounds %+v", i, c)
		}
		if !ok(c.Verb) || !ok(c.Of) || !ok(c.Ref) {
			t.Fatalf("chunk %d: bad index %+v", i, c)
		}
		if c.Verb >= 0 && doc.Chunks[c.Verb].Kind != sitrep.ChunkVP {
			t.Fatalf("chunk %d: Verb is not a VP", i)
		}
		for _, x := range c.Extra {
			if x.Verb < 0 || x.Verb >= n || doc.Chunks[x.Verb].Kind != sitrep.ChunkVP {
				t.Fatalf("chunk %d: bad extra %+v", i, x)
			}
		}
		if i > 0 && doc.Chunks[i-1].First > c.First {
			t.Fatalf("chunk %d: not in text order", i)
		}
	}
	for i, tk := range doc.Tokens {
		if tk.Head < -1 || tk.Head >= len(doc.Tokens) || tk.Head == i {
			t.Fatalf("token %d: bad head %d", i, tk.Head)
		}
	}
}

func FuzzChunk(f *testing.F) {
	f.Add("The convoy was attacked by rebels, who fled.")
	f.Add("“It has a huge interest,” he said.\n\nAnd and and , , ’s ’s")
	f.Add("\xff\xfe\x00 9-11 U.S.-backed")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			t.Skip("cleaning guarantees valid UTF-8 before segmenting")
		}
		doc := pipelineDoc(t, text)
		checkChunks(t, doc)
	})
}

// cpuTime returns the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkParse measures the parser alone on tagged sentences, and
// BenchmarkLayer segment + pos + chunk on the news testdata.
func BenchmarkParse(b *testing.B) {
	src, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		b.Fatal(err)
	}
	doc := pipelineDoc(b, string(src))
	p, err := DefaultParser()
	if err != nil {
		b.Fatal(err)
	}
	var sents [][]Input
	for _, s := range doc.Sentences {
		var in []Input
		for _, t := range doc.Tokens[s.First:s.Limit] {
			in = append(in, Input{Form: t.Norm, UPOS: t.POS, XPOS: t.Tag})
		}
		sents = append(sents, in)
	}
	heads, deps := make([]int, 512), make([]string, 512)
	var st state
	cpu0 := cpuTime()
	for b.Loop() {
		for _, in := range sents {
			p.parse(&st, in, heads[:len(in)], deps[:len(in)])
		}
	}
	n := len(doc.Tokens) * b.N
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(n)/(cpuTime()-cpu0).Seconds(), "tokens/cpu-s")
}

func BenchmarkLayer(b *testing.B) {
	src, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		b.Fatal(err)
	}
	ps, err := pos.New()
	if err != nil {
		b.Fatal(err)
	}
	cs, err := New()
	if err != nil {
		b.Fatal(err)
	}
	seg := segment.New()
	ctx := context.Background()
	ntok := 0
	cpu0 := cpuTime()
	for b.Loop() {
		doc := &sitrep.Doc{Text: string(src)}
		seg.Process(ctx, doc)
		ps.Process(ctx, doc)
		cs.Process(ctx, doc)
		ntok += len(doc.Tokens)
	}
	b.ReportMetric(float64(ntok)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(ntok)/(cpuTime()-cpu0).Seconds(), "tokens/cpu-s")
}
