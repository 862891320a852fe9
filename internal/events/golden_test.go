package events

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep/sitrep"
)

var update = flag.Bool("update", false, "rewrite testdata goldens")

// TestGoldenSeedHand codes the reference article with hand-built actor
// mentions and places (no tagger, no chunker: the coder's own reading)
// and compares events and relations with testdata/seed-hand.golden.
func TestGoldenSeedHand(t *testing.T) {
	b, err := os.ReadFile("../../../shared/seed/mirror-china-taliban-uyghurs.txt")
	if err != nil {
		t.Skip("seed article absent (../shared/seed)")
	}
	_, body, _ := strings.Cut(string(b), "\n")
	d := mkDoc(t, strings.TrimLeft(body, "\n"),
		actorSpec{"CHN", sitrep.ActorCountry, "", []string{"China", "Chinese"}},
		actorSpec{"CHNGOV", sitrep.ActorPerson, "GOV", []string{"Chinese President Xi Jinping"}},
		actorSpec{"TAL", sitrep.ActorArmedGroup, "INS", []string{"Taliban"}},
		actorSpec{"UIG", sitrep.ActorEthnicGroup, "", []string{"Uyghur insurgents", "Uyghur groups", "Uyghurs", "Uyghur Muslims", "Uyghur Islamic jihadists groups"}},
		actorSpec{"RUS", sitrep.ActorCountry, "", []string{"Russia"}},
		actorSpec{"PAK", sitrep.ActorCountry, "", []string{"Pakistan"}},
		actorSpec{"AFG", sitrep.ActorCountry, "", []string{"Afghanistan"}},
		actorSpec{"AFGMIL", sitrep.ActorAgent, "MIL", []string{"government troops"}},
		actorSpec{"AFGGOV", sitrep.ActorAgent, "GOV", []string{"government"}},
		actorSpec{"GBR", sitrep.ActorCountry, "", []string{"UK"}},
		actorSpec{"USA", sitrep.ActorCountry, "", []string{"US", "U.S."}},
		actorSpec{"IGOUNO", sitrep.ActorIGO, "", []string{"UN"}},
	)
	addPlace(d, "p1", "Lashkar Gah")
	addPlace(d, "p2", "Herat")
	addPlace(d, "p3", "Kandahar")
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	c.Code(d)
	var sb strings.Builder
	for _, e := range d.Events {
		fmt.Fprintf(&sb, "%s s%d %s %q cameo=%s places=%v\n", e.ID, e.Sentence, briefEvent(e), d.Slice(*e.Trigger), e.Cameo, e.Places)
	}
	for _, r := range d.Relations {
		fmt.Fprintf(&sb, "%s %s -> %s\n", r.Type, r.From, r.To)
	}
	got := sb.String()
	path := filepath.Join("testdata", "seed-hand.golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("seed events (-want +got):\n%s", diff)
	}
	if msg := d.CheckSpans(); msg != "" {
		t.Errorf("bad span: %s", msg)
	}
}
