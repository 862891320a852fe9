package events

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/attrib"
)

// relString renders relations as "type FROM>TO" over brief events.
func relStrings(d *sitrep.Doc) []string {
	byID := map[string]string{}
	for _, e := range d.Events {
		byID[e.ID] = briefEvent(e)
	}
	var out []string
	for _, r := range d.Relations {
		out = append(out, r.Type+" "+byID[r.From]+" > "+byID[r.To])
	}
	slices.Sort(out)
	return out
}

func TestRelations(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"exchange verbal", "China has been backing the Taliban in exchange for help in oppressing Uyghurs.",
			[]string{"exchange CHN AID TAL > TAL COERCE UIG"}},
		{"exchange fronted nominal", "In exchange for money the Taliban have shunned Uyghur groups.",
			[]string{"exchange TAL REJECT UIG > - AID TAL"}},
		{"cause retaliation", "Israel attacked Iran in retaliation for the attack on the US.",
			[]string{"cause - ASSAULT USA > ISR ASSAULT IRN"}},
		{"condition", "Iran will attack Israel if the US attacks Iraq.",
			[]string{"condition USA ASSAULT IRQ [hypothetical] > IRN THREATEN ISR [intended]"}},
		{"purpose", "Russia deployed troops to Ukraine in order to attack Kabul.",
			[]string{"purpose RUS MOBILIZE UKR > RUS ASSAULT AFG"}},
		{"contradiction", "Russia attacked Ukraine. Russia denied attacking Ukraine.",
			[]string{"contradiction RUS ASSAULT UKR [denied] > RUS ASSAULT UKR"}},
		{"one sentence, two claims", "Iran denied attacking Iraq and said Iran attacked Iraq.", nil},
		{"denied accusation", "Iran accused Pakistan of shelling the border. Pakistan denied the accusation.",
			[]string{"contradiction - ACCUSE PAK [denied] > IRN ACCUSE PAK"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := mkDoc(t, tc.text, testActors...)
			c, err := New()
			if err != nil {
				t.Fatal(err)
			}
			c.Code(d)
			if diff := cmp.Diff(tc.want, relStrings(d)); diff != "" {
				t.Errorf("%q (-want +got):\n%s\nevents: %v", tc.text, diff, brief(d))
			}
		})
	}
}

func TestSameAndAttribution(t *testing.T) {
	text := "China has been secretly backing the Taliban, The Mirror can reveal.\n\nOne source said: \"China has given its support to the Taliban.\"\n"
	d := mkDoc(t, text, testActors...)
	lede := len("China has been secretly backing the Taliban")
	qs := len("China has been secretly backing the Taliban, The Mirror can reveal.\n\nOne source said: \"")
	qe := len(text) - len("\"\n")
	d.Quotes = []sitrep.Quote{
		{ID: "q1", Start: 0, End: lede, Speaker: sitrep.Speaker{Text: "The Mirror", Kind: sitrep.SpeakerOutlet}},
		{ID: "q2", Start: qs, End: qe, Direct: true, Speaker: sitrep.Speaker{Text: "One source", Kind: sitrep.SpeakerAnonymous}},
	}
	c, _ := New()
	c.Code(d)
	if len(d.Events) != 2 {
		t.Fatalf("events = %v", brief(d))
	}
	a, b := d.Events[0], d.Events[1]
	if a.Attribution != "q1" || a.Modality != sitrep.ModAsserted {
		t.Errorf("lede event: attribution %q modality %q, want q1 asserted", a.Attribution, a.Modality)
	}
	if b.Attribution != "q2" || b.Modality != sitrep.ModReported {
		t.Errorf("quoted event: attribution %q modality %q, want q2 reported", b.Attribution, b.Modality)
	}
	if b.Same != sitrep.NullString(a.ID) {
		t.Errorf("quoted event Same = %q, want %q", b.Same, a.ID)
	}
	d.Quotes[1].Hedged = true
	c.Code(d)
	if m := d.Events[1].Modality; m != sitrep.ModBelieved {
		t.Errorf("hedged quote: modality %q, want believed", m)
	}
	s := attrib.Sourcing(d)
	if s.Claims != 2 || s.ByKind.Outlet != 1 || s.ByKind.Anonymous != 1 {
		t.Errorf("sourcing = %+v", s)
	}
}

func TestWhereWhen(t *testing.T) {
	text := "Fighting between Armenia and Azerbaijan resumed in Lachin in April, killing 20 soldiers, near the border with Iran."
	d := mkDoc(t, text, testActors...)
	d.Published = "2021-08-05"
	addPlace(d, "p1", "Lachin")
	addPlace(d, "p2", "Iran")
	off := len("Fighting between Armenia and Azerbaijan resumed in Lachin in ")
	d.Times = []sitrep.TimeExpr{{Start: off, End: off + len("April"), Text: "April", Value: "2021-04", Type: sitrep.TimeDate}}
	qo := len("Fighting between Armenia and Azerbaijan resumed in Lachin in April, killing ")
	v := 20.0
	d.Quantities = []sitrep.Quantity{{ID: "n1", Start: qo, End: qo + len("20 soldiers"), Value: &v, Kind: "killed"}, {ID: "n2", Start: 0, End: 1}}
	c, _ := New()
	c.Code(d)
	var got *sitrep.Event
	for i := range d.Events {
		if d.Events[i].Plover == "ASSAULT" && d.Events[i].Source != nil && d.Events[i].Source.Actor == "ARM" {
			got = &d.Events[i]
		}
	}
	if got == nil {
		t.Fatalf("no ARM ASSAULT event: %v", brief(d))
	}
	if !slices.Equal(got.Places, []string{"p1"}) || got.Date != "2021-04" || !slices.Equal(got.Quantities, []string{"n1"}) {
		t.Errorf("places %v date %q quantities %v; want [p1] 2021-04 [n1]", got.Places, got.Date, got.Quantities)
	}
}
