package attrib

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/clean"
	"github.com/sitrep/sitrep/internal/segment"
)

// seedDoc runs the reference article through clean, segment, tagger and
// parser, as the
// pipeline would before attrib.
func seedDoc(t testing.TB) *sitrep.Doc {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "seed", "mirror-china-taliban-uyghurs.txt"))
	if err != nil {
		t.Skip("seed article absent: ", err)
	}
	text := string(b)
	title := ""
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		title, text = text[:i], text[i+1:]
	}
	doc := &sitrep.Doc{Raw: text, Title: sitrep.NullString(title), Outlet: "The Mirror"}
	cl, err := clean.New()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := cl.Process(ctx, doc); err != nil {
		t.Fatal(err)
	}
	if err := segment.New().Process(ctx, doc); err != nil {
		t.Fatal(err)
	}
	// The tagger and parser, as in the engine: the parse pass reads them.
	st, err := upstreamOnce()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range st[2:] {
		if err := s.Process(ctx, doc); err != nil {
			t.Fatal(err)
		}
	}
	return doc
}

// TestSeed checks every quote and attribution that expected.md lists for
// the reference article.
func TestSeed(t *testing.T) {
	doc := seedDoc(t)
	st, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if bad := doc.CheckSpans(); bad != "" {
		t.Fatalf("bad span: %s", bad)
	}
	find := func(sub string) []sitrep.Quote {
		var out []sitrep.Quote
		for _, q := range doc.Quotes {
			if strings.Contains(q.Text, sub) {
				out = append(out, q)
			}
		}
		return out
	}
	for _, q := range doc.Quotes {
		t.Logf("%s direct=%v cue=%q hedges=%v speaker=%q/%s/%s: %.80q", q.ID, q.Direct, q.Cue, q.Hedges, q.Speaker.Text, q.Speaker.Kind, q.Speaker.Descriptor, q.Text)
	}

	// The multi-paragraph quotation: one quote, anonymous intelligence source.
	multi := find("China has given its support")
	if len(multi) != 1 {
		t.Fatalf("multi-paragraph quote: got %d quotes, want 1", len(multi))
	}
	m := multi[0]
	if !strings.HasSuffix(m.Text, "such as they are.") || !strings.Contains(m.Text, "primarily it is protecting its own security") {
		t.Errorf("multi-paragraph quote does not run to its end: %q", m.Text)
	}
	if !m.Direct || m.Speaker.Text != "One western intelligence source" || m.Speaker.Kind != sitrep.SpeakerAnonymous || m.Speaker.Descriptor != "intelligence" {
		t.Errorf("multi-paragraph quote: direct=%v speaker %+v", m.Direct, m.Speaker)
	}
	if !m.Hedged || !contains(m.Hedges, "it is believed") {
		t.Errorf("multi-paragraph quote: hedges %v, want \"it is believed\"", m.Hedges)
	}
	if got := len(find("Whereas the Taliban")); got != 1 {
		t.Errorf("\"Whereas the Taliban\" is in %d quotes, want only the one", got)
	}

	// "western sources believe", twice: anonymous and hedged.
	n := 0
	for _, q := range doc.Quotes {
		if q.Speaker.Text == "western sources" {
			n++
			if q.Direct || q.Speaker.Kind != sitrep.SpeakerAnonymous || !q.Hedged || !contains(q.Hedges, "believe") {
				t.Errorf("western sources: %+v", q)
			}
		}
	}
	if n != 2 {
		t.Errorf("western sources: %d attributions, want 2", n)
	}
	if q := find("have shunned neighbouring Uyghur groups"); len(q) != 1 || q[0].Speaker.Text != "western sources" {
		t.Errorf("the shunning claim is not attributed to western sources: %+v", q)
	}
	if q := find("Xi Jinping is overseeing the oppression"); len(q) != 1 || q[0].Speaker.Text != "western sources" {
		t.Errorf("the caption claim is not attributed to western sources: %+v", q)
	}

	// "The Mirror can reveal": the outlet itself.
	if q := find("secretly backing a brutal Taliban insurgency"); len(q) != 1 || q[0].Speaker.Kind != sitrep.SpeakerOutlet || q[0].Speaker.Text != "The Mirror" {
		t.Errorf("lede: want the outlet as source, got %+v", q)
	}

	// The UN, twice, named organisation, direct words.
	var declared, said bool
	for _, q := range doc.Quotes {
		if q.Speaker.Text != "The UN" {
			continue
		}
		if q.Speaker.Kind != sitrep.SpeakerNamedOrg {
			t.Errorf("UN quote %s: kind %s", q.ID, q.Speaker.Kind)
		}
		if q.Direct && q.Text == "deeply concerned" && q.Cue == "has declared" {
			declared = true
		}
		if q.Direct && strings.HasPrefix(q.Text, "We’re deeply concerned") && q.Cue == "said" {
			said = true
		}
	}
	if !declared || !said {
		t.Errorf("UN quotes: declared 'deeply concerned' %v, said “We're deeply concerned” %v", declared, said)
	}

	// The outlet's own voice stays outside every quote.
	for _, sub := range []string{"There are around 3,500 Uyghurs", "Brutal fighting between government troops", "Fighting has been particularly heavy"} {
		if q := find(sub); len(q) != 0 {
			t.Errorf("%q should be unattributed, is in quote %+v", sub, q[0])
		}
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
