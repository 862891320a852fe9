package attrib

import (
	"testing"

	"github.com/sitrep/sitrep"
)

// TestFrameLexicon checks the learned frame counts load and separate a
// reporting frame from an everyday one.
func TestFrameLexicon(t *testing.T) {
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		fr   Frame
		want bool
	}{
		{Frame{Lemma: "say", Kind: FrameComp, Subj: "name"}, true},
		{Frame{Lemma: "criticize", Kind: FrameObj, Subj: "pron"}, true},
		{Frame{Lemma: "have", Kind: FrameObj, Subj: "noun"}, false},
		{Frame{Lemma: "no-such-verb", Kind: FrameObj}, false},
	} {
		if got := lx.reports(tc.fr); got != tc.want {
			t.Errorf("reports(%s/%s/%s) = %v, want %v", tc.fr.Lemma, tc.fr.Kind, tc.fr.Subj, got, tc.want)
		}
	}
}

// TestParseFrames reads the frames of parsed sentences: source, kind and
// content, for every verb or possessed noun with a complement.
func TestParseFrames(t *testing.T) {
	text := "The senator praised the agency's handling of the storm. Critics said the plan would fail."
	doc := &sitrep.Doc{Text: text}
	prepare(t, doc)
	if doc.Tokens[0].Head < 0 && doc.Tokens[1].Head < 0 {
		t.Skip("no parse")
	}
	type row struct{ lemma, kind, src, content string }
	var got []row
	for _, fr := range ParseFrames(doc) {
		d := doc.Tokens
		got = append(got, row{fr.Lemma, fr.Kind, text[d[fr.SA].Start:d[fr.SB-1].End], text[d[fr.CA].Start:d[fr.CB-1].End]})
	}
	want := []row{
		{"praise", FrameObj, "The senator", "the agency's handling of the storm"},
		{"handling", FrameNoun, "the agency", "the storm"}, // a frame; frames.tsv decides whether it reports
		{"say", FrameComp, "Critics", "the plan would fail"},
	}
	if len(got) != len(want) {
		t.Fatalf("frames = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("frame %d = %q, want %q", i, got[i], want[i])
		}
	}
}

// TestParseFramesNoParse: without a parse there are no frames.
func TestParseFramesNoParse(t *testing.T) {
	if fr := ParseFrames(&sitrep.Doc{Text: "He said so.", Tokens: []sitrep.Token{{Start: 0, End: 2, Text: "He", Head: -1}}}); len(fr) != 0 {
		t.Fatalf("frames without a parse: %v", fr)
	}
}
