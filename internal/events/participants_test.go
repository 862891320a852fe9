package events

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep/sitrep"
)

// TestParticipants covers who may be a participant: complements give a
// missing target, the closing attribution and a trailing speaker never do.
func TestParticipants(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		quote      *sitrep.Quote // with Speaker spans set from speaker text
		speaker    string
		want       []string
	}{
		{"purpose complement", "The rebels began a hunger strike to demand the resignation of the Taliban.", nil, "", []string{"REB PROTEST TAL"}},
		{"by-agent of the object", "Pakistan demanded an immediate admission by India.", nil, "", []string{"PAK REQUEST IND"}},
		{"locative is no target", "The rebels demonstrated in Kabul on Monday.", nil, "", []string{"REB PROTEST AFG"}},
		{"coordinated predicate", "The rebels protested on Monday and attacked Iraq.", nil, "", []string{"REB ASSAULT IRQ", "REB PROTEST -"}},
		{"closing attribution", "Russia attacked the rebels, officials in Kabul said.", nil, "", []string{"RUS ASSAULT REB [reported]"}},
		{"closing attribution no target", "Pakistan shelled the border for the first time, officials in Kabul said.", nil, "", []string{"PAK ASSAULT - [reported]"}},
		{"trailing speaker", "China backs the Taliban against Uyghur groups, The Mirror can reveal.", &sitrep.Quote{ID: "q1", Speaker: sitrep.Speaker{Kind: sitrep.SpeakerOutlet}}, "The Mirror", []string{"CHN AID TAL"}},
		{"particle back", "Iran sent them back to Iraq.", nil, "", nil},
		{"according to only reports", "According to the UN, the rebels attacked Iraq.", &sitrep.Quote{ID: "q1", Cue: "According to", Speaker: sitrep.Speaker{Kind: sitrep.SpeakerNamedOrg}}, "the UN", []string{"REB ASSAULT IRQ [reported]"}},
		{"first person in a quote", "“We attacked Iraq,” the rebels said.", &sitrep.Quote{ID: "q1", Direct: true, Speaker: sitrep.Speaker{Kind: sitrep.SpeakerNamedOrg, Actor: "REB"}}, "the rebels", []string{"REB ASSAULT IRQ [reported]"}},
		{"announcer gives", "The UN pledged millions of dollars in aid to Iraq.", &sitrep.Quote{ID: "q1", Cue: "pledged", Speaker: sitrep.Speaker{Kind: sitrep.SpeakerNamedOrg, Actor: "IGOUNO"}}, "The UN", []string{"IGOUNO AGREE IRQ [reported]", "IGOUNO AID IRQ [reported]"}},
		{"concern is no agency", "The UN is deeply concerned about fighting in the north.", nil, "", nil}, // not "IGOUNO ASSAULT"
	} {
		t.Run(tc.name, func(t *testing.T) {
			actors := append(slices.Clone(testActors), actorSpec{"MIRROR", sitrep.ActorOrganization, "MED", []string{"The Mirror"}})
			d := mkDoc(t, tc.text, actors...)
			if tc.quote != nil {
				q := *tc.quote
				q.Start, q.End = 0, len(tc.text)
				if i := indexOf(tc.text, tc.speaker); i >= 0 {
					q.Speaker.Start, q.Speaker.End, q.Speaker.Text = i, i+len(tc.speaker), tc.speaker
				}
				d.Quotes = append(d.Quotes, q)
			}
			c, err := New()
			if err != nil {
				t.Fatal(err)
			}
			c.Code(d)
			got := brief(d)
			slices.Sort(got)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%q (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

// TestPlacesNotActors checks that a place naming a participant, or one
// only in the closing attribution, is not the event's location.
func TestPlacesNotActors(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		places     []string
		want       [][]string // places per event
	}{
		{"participant country", "Russia and Pakistan backed the Taliban in Afghanistan.", []string{"Russia", "Pakistan", "Afghanistan"}, [][]string{{"Afghanistan"}, {"Afghanistan"}}},
		{"reporter's place", "The rebels attacked Taiwan, officials in Kabul said.", []string{"Kabul"}, [][]string{nil}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := mkDoc(t, tc.text, testActors...)
			for i, p := range tc.places {
				addPlace(d, "p"+string(rune('1'+i)), p)
			}
			c, err := New()
			if err != nil {
				t.Fatal(err)
			}
			c.Code(d)
			name := map[string]string{}
			for _, p := range d.Places {
				name[p.ID] = p.Name
			}
			var got [][]string
			for _, e := range d.Events {
				var ps []string
				for _, id := range e.Places {
					ps = append(ps, name[id])
				}
				got = append(got, ps)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%q places (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

func indexOf(s, sub string) int {
	if sub == "" {
		return -1
	}
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}
