package events

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep/sitrep"
)

// chunk builds a chunk over tokens [f, l) of sentence 0.
func chunk(kind string, f, l int, role string, verb int) sitrep.Chunk {
	return sitrep.Chunk{Kind: kind, First: f, Limit: l, Head: l - 1, Role: role, Verb: verb, Of: -1, Ref: -1}
}

// TestChunkRoles codes documents whose roles come from hand-built chunks
// (the chunker's output), which take precedence over the shallow reading.
func TestChunkRoles(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		chunks     func() []sitrep.Chunk
		want       []string
	}{
		{
			// Tokens: Ukraine(0) was(1) attacked(2) by(3) Russia(4) .(5)
			"passive agent", "Ukraine was attacked by Russia.",
			func() []sitrep.Chunk {
				vp := chunk("VP", 1, 3, "", -1)
				vp.Voice = "passive"
				return []sitrep.Chunk{chunk("NP", 0, 1, "subj", 1), vp, chunk("NP", 4, 5, "agent", 1)}
			},
			[]string{"RUS ASSAULT UKR"},
		},
		{
			// Iran(0) said(1) the(2) rebels(3) ,(4) whom(5) Iraq(6) attacked(7) ,(8) fled(9) .(10)
			// The chunker says "whom" is the object of "attacked" and stands
			// for "the rebels".
			"relative pronoun", "Iran said the rebels, whom Iraq attacked, fled.",
			func() []sitrep.Chunk {
				rel := chunk("NP", 5, 6, "obj", 4)
				rel.Ref = 1
				return []sitrep.Chunk{
					chunk("NP", 0, 1, "subj", 2), chunk("NP", 2, 4, "subj", 6), chunk("VP", 1, 2, "", -1),
					chunk("NP", 6, 7, "subj", 4), chunk("VP", 7, 8, "relcl", -1), rel, chunk("VP", 9, 10, "", -1),
				}
			},
			[]string{"IRQ ASSAULT REB"},
		},
		{
			// China(0) hopes(1) to(2) invade(3) Taiwan(4) .(5): China is the
			// understood subject of "invade" (Extra).
			"controller", "China hopes to invade Taiwan.",
			func() []sitrep.Chunk {
				np := chunk("NP", 0, 1, "subj", 1)
				np.Extra = []sitrep.Arg{{Role: "subj", Verb: 3}}
				return []sitrep.Chunk{np, chunk("VP", 1, 2, "", -1), chunk("NP", 4, 5, "obj", 3), chunk("VP", 2, 4, "xcomp", 1)}
			},
			[]string{"CHN ASSAULT TWN [hoped]"},
		},
		{
			// Russia(0) attacked(1) at(2) least(3) the(4) rebels(5) ,(6)
			// Iran(7) said(8) .(9): a reduced relative with an "agent" and
			// no "by" is the main verb misparsed.
			"agent without by", "Russia attacked at least the rebels, Iran said.",
			func() []sitrep.Chunk {
				np := chunk("NP", 0, 1, "subj", 4)
				np.Extra = []sitrep.Arg{{Role: "subj", Verb: 1}}
				vp := chunk("VP", 1, 2, "acl", -1)
				vp.Voice = "passive"
				return []sitrep.Chunk{np, vp, chunk("NP", 2, 6, "agent", 1), chunk("NP", 7, 8, "subj", 4), chunk("VP", 8, 9, "", -1)}
			},
			[]string{"RUS ASSAULT REB [reported]"},
		},
		{
			// Pakistan(0) ,(1) a(2) key(3) US(4) ally(5) ,(6) attacked(7)
			// Iran(8) .(9): the apposition is no second subject.
			"apposition", "Pakistan, a key US ally, attacked Iran.",
			func() []sitrep.Chunk {
				return []sitrep.Chunk{chunk("NP", 0, 6, "subj", 1), chunk("VP", 7, 8, "", -1), chunk("NP", 8, 9, "obj", 1)}
			},
			[]string{"PAK ASSAULT IRN"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := mkDoc(t, tc.text, testActors...)
			d.Chunks = tc.chunks()
			c, _ := New()
			c.Code(d)
			got := brief(d)
			slices.Sort(got)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%q (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}
