package contract

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
)

func validDoc() *sitrep.Doc {
	d := &sitrep.Doc{Text: "China backs the Taliban.", Title: "Headline"}
	d.Sentences = []sitrep.Sentence{{Start: 0, End: 24, Kind: sitrep.KindBody}}
	d.Actors = []sitrep.Actor{
		{ID: "CHN", Name: "China", Type: sitrep.ActorCountry, Country: "CHN", Mentions: []sitrep.Mention{{Start: 0, End: 5}}},
		{ID: "AFGINSTAL", Name: "Taliban", Type: sitrep.ActorArmedGroup, Country: "AFG", Sector: "INS", Mentions: []sitrep.Mention{{Start: 16, End: 23}}},
	}
	d.Events = []sitrep.Event{{
		ID: "e1", Source: &sitrep.ActorRef{Actor: "CHN", Text: "China", Start: 0, End: 5},
		Target: &sitrep.ActorRef{Actor: "AFGINSTAL", Text: "Taliban", Start: 16, End: 23},
		Plover: "AID", Cameo: "070", Modality: sitrep.ModAsserted, Evidence: sitrep.Span{Start: 0, End: 24},
	}}
	d.Sourcing.Add(sitrep.SpeakerUnattributed)
	d.Normalize()
	return d
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name    string
		mutate  func(d *sitrep.Doc)
		raw     func(b []byte) []byte
		wantErr string
	}{
		{name: "valid"},
		{name: "span past the end", mutate: func(d *sitrep.Doc) { d.Actors[0].Mentions[0].End = 99 }, wantErr: "actor 0 mention"},
		{name: "span inside a rune", mutate: func(d *sitrep.Doc) {
			d.Text = "Ürümqi"
			d.Sentences[0] = sitrep.Sentence{Start: 0, End: 1, Kind: "body"}
			d.Actors, d.Events = nil, nil
			d.Sourcing = sitrep.Sourcing{}
			d.Normalize()
		}, wantErr: "sentence 0"},
		{name: "unknown PLOVER type", mutate: func(d *sitrep.Doc) { d.Events[0].Plover = "FIGHT" }, wantErr: "plover"},
		{name: "unknown modality", mutate: func(d *sitrep.Doc) { d.Events[0].Modality = "rumoured" }, wantErr: "modality"},
		{name: "dangling actor", mutate: func(d *sitrep.Doc) { d.Events[0].Target.Actor = "RUS" }, wantErr: `actor "RUS"`},
		{name: "dangling relation", mutate: func(d *sitrep.Doc) {
			d.Relations = []sitrep.Relation{{Type: "exchange", From: "e1", To: "e9"}}
		}, wantErr: "event not found"},
		{name: "sourcing does not add up", mutate: func(d *sitrep.Doc) { d.Sourcing.Claims = 3 }, wantErr: "sourcing"},
		{name: "bad published date", mutate: func(d *sitrep.Doc) { d.Published = "Aug 5 2021" }, wantErr: "published"},
		{name: "missing layer", raw: func(b []byte) []byte {
			var m map[string]any
			json.Unmarshal(b, &m)
			delete(m, "quotes")
			b, _ = json.Marshal(m)
			return b
		}, wantErr: "quotes"},
		{name: "null instead of empty list", raw: func(b []byte) []byte {
			return []byte(strings.Replace(string(b), `"times":[]`, `"times":null`, 1))
		}, wantErr: "times"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := validDoc()
			if tt.mutate != nil {
				tt.mutate(d)
			}
			b, err := json.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			if tt.raw != nil {
				b = tt.raw(b)
			}
			err = Validate(b)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("Validate: %v", err)
			case tt.wantErr != "" && err == nil:
				t.Fatalf("Validate accepted a document with %s", tt.name)
			case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
				t.Fatalf("Validate error %q does not mention %q", err, tt.wantErr)
			}
		})
	}
}
