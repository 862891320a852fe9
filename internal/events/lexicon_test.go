package events

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
)

func TestDefaultLexicon(t *testing.T) {
	l, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	if l.Len() < 300 {
		t.Errorf("lexicon has %d patterns, want several hundred", l.Len())
	}
	types := map[string]int{}
	for _, es := range l.verbs {
		for _, e := range es {
			types[e.Plover]++
		}
	}
	for _, es := range l.nouns {
		for _, e := range es {
			types[e.Plover]++
		}
	}
	for _, ty := range sitrep.PloverTypes {
		if types[ty] == 0 {
			t.Errorf("no pattern for PLOVER type %s", ty)
		}
	}
	for form, want := range map[string]string{"oppressed": "oppress", "shunned": "shun", "undertaken": "undertake", "backing": "back", "seized": "seize", "supplies": "supply", "stepped": "step"} {
		if got := l.Lemma(form); got != want {
			t.Errorf("Lemma(%q) = %q, want %q", form, got, want)
		}
	}
}

func TestParseLexiconErrors(t *testing.T) {
	for _, tc := range []struct {
		name, file, data, want string
	}{
		{"columns", "verbs.tsv", "attack\tASSAULT\n", "verbs.tsv:1: want 4 or 5"},
		{"type", "verbs.tsv", "# c\nattack\tHIT\t-\t190\n", "verbs.tsv:2: unknown PLOVER type \"HIT\""},
		{"cameo", "nouns.tsv", "war\tASSAULT\t-\t19x\n", "nouns.tsv:1: bad CAMEO code"},
		{"flag", "verbs.tsv", "attack\tASSAULT\t-\t190\tfoo\n", "verbs.tsv:1: unknown role flag \"foo\""},
		{"alt", "verbs.tsv", "back\tSUPPORT\t-\t051\tarmed=AID\n", "verbs.tsv:1: bad alternative"},
		{"star", "verbs.tsv", "*back\tSUPPORT\t-\t051\n", "verbs.tsv:1: head mark"},
		{"recip", "nouns.tsv", "war\tASSAULT\t-\t190\trecip\n", "nouns.tsv:1: recip needs"},
		{"cue", "cues.tsv", "wishful\thope\n", "cues.tsv:1: unknown cue class"},
		{"form", "forms.tsv", "go\n", "forms.tsv:1: want 2"},
		{"empty alt", "verbs.tsv", "hold talks|\tCONSULT\t-\t040\n", "verbs.tsv:1: bad word"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseLexicon(map[string]string{tc.file: tc.data})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			var le *LexError
			if !errors.As(err, &le) || le.Line == 0 {
				t.Errorf("error %v carries no file:line", err)
			}
		})
	}
}

func TestParseLexiconReportsEveryBadLine(t *testing.T) {
	_, err := ParseLexicon(map[string]string{"verbs.tsv": "a\tX\t-\t1\nattack\tASSAULT\t-\t190\nb\tY\t-\t1\n"})
	if err == nil || !strings.Contains(err.Error(), "verbs.tsv:1:") || !strings.Contains(err.Error(), "verbs.tsv:3:") {
		t.Fatalf("err = %v, want lines 1 and 3", err)
	}
}

func TestEntryText(t *testing.T) {
	l, err := ParseLexicon(map[string]string{"nouns.tsv": "*call for\tREQUEST\t-\t020\nair strike|raid\tASSAULT\taerial\t195\n"})
	if err != nil {
		t.Fatal(err)
	}
	if got := l.nouns["call"][0].Text(); got != "*call for" {
		t.Errorf("Text = %q", got)
	}
	if got := l.nouns["raid"][0].Text(); got != "air strike|raid" {
		t.Errorf("Text = %q", got)
	}
}

func FuzzParseLexicon(f *testing.F) {
	f.Add("verbs.tsv", "crack down on\tCOERCE\trepress\t175\ttgt=on\n")
	f.Add("nouns.tsv", "*call for\tREQUEST\t-\t020\tsrc=poss|by recip=between anchor\n")
	f.Add("cues.tsv", "hoped\tin the hope of\n")
	f.Add("forms.tsv", "go\tgoes,went,gone\n")
	f.Add("verbs.tsv", "back\tSUPPORT\t-\t051\tarmed=AID/military/070 placeobj=ASSAULT/-/-\n")
	f.Fuzz(func(t *testing.T, name, data string) {
		l, err := ParseLexicon(map[string]string{name: data})
		if l == nil {
			t.Fatal("nil lexicon")
		}
		if err != nil {
			var le *LexError
			if !errors.As(err, &le) {
				t.Fatalf("error without position: %v", err)
			}
			return
		}
		for _, es := range [](map[string][]*Entry){l.verbs, l.nouns} {
			for _, list := range es {
				for _, e := range list {
					if !validType(e.Plover) || len(e.Slots) == 0 || e.Head < 0 || e.Head >= len(e.Slots) {
						t.Fatalf("bad entry %+v", e)
					}
				}
			}
		}
		// A lexicon that parsed codes a document without panicking.
		d := mkDoc(t, "The army attacked the rebels and backed the talks.", actorSpec{"XXXMIL", sitrep.ActorAgent, "MIL", []string{"army"}})
		NewWithLexicon(l).Code(d)
		if msg := d.CheckSpans(); msg != "" {
			t.Fatalf("bad span: %s", msg)
		}
	})
}

// FuzzCode codes arbitrary text with fixed actors: no panic, every span
// inside the text, relations between existing events.
func FuzzCode(f *testing.F) {
	f.Add("Russia attacked Ukraine in exchange for money, sources believe.")
	f.Add("In exchange for help the Taliban, which China backs, shunned Uyghurs who were oppressed in China.")
	f.Add("“China has given its support to the Taliban — it is believed they have undertaken not to (do so).")
	f.Add("US-backed rebels' withdrawal from Afghanistan; fighting between Russia and Ukraine")
	c, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		d := mkDoc(t, text, testActors...)
		addPlace(d, "p1", "Kabul")
		c.Code(d)
		if msg := d.CheckSpans(); msg != "" {
			t.Fatalf("bad span: %s", msg)
		}
		ids := map[string]bool{}
		for _, e := range d.Events {
			ids[e.ID] = true
			if !validType(e.Plover) {
				t.Fatalf("bad type %q", e.Plover)
			}
		}
		for _, r := range d.Relations {
			if !ids[r.From] || !ids[r.To] {
				t.Fatalf("relation %+v to a missing event", r)
			}
		}
	})
}
