package pos

import (
	"path/filepath"
	"testing"

	prosetag "github.com/jdkato/prose/v3/tag"
)

// proseBrackets maps the bracket tags prose v3 emits to the treebank's.
var proseBrackets = map[string]string{"(": "-LRB-", ")": "-RRB-"}

// TestPeerProse scores prose v3's tagger, the Go peer the issue names, on
// the same dev sets and gold tokens as ours, in the same run. prose
// predicts Penn Treebank tags only, so the comparison is on XPOS; ours
// must be the better.
func TestPeerProse(t *testing.T) {
	if testing.Short() {
		t.Skip("eval; skipped with -short")
	}
	ours, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	peer, err := prosetag.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range devSets {
		sents, err := ReadCoNLLU(filepath.Join(sharedData, d.Path))
		if err != nil {
			t.Skipf("dev set not available: %v", err)
		}
		right, n := 0, 0
		for _, s := range sents {
			words := make([]string, len(s.Words))
			for i, w := range s.Words {
				words[i] = w.Form
			}
			for i, tok := range peer.Tag(words) {
				gold := s.Words[i].XPOS
				if gold == "_" {
					continue
				}
				tag := tok.Tag
				if b, ok := proseBrackets[tag]; ok {
					tag = b
				}
				n++
				if tag == gold {
					right++
				}
			}
		}
		sc := Evaluate(ours, nil, d.Name, sents)
		peerAcc := float64(right) / float64(n)
		t.Logf("%s XPOS: sitrep %.4f, prose v3 %.4f (%d words)", d.Name, sc.XPOS, peerAcc, n)
		if sc.XPOS <= peerAcc {
			t.Errorf("%s: our XPOS %.4f is not above prose v3's %.4f", d.Name, sc.XPOS, peerAcc)
		}
	}
}
