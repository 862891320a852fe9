package timex

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/quantity"
)

// seedDoc reads the shared reference article (first line = headline).
func seedDoc(t *testing.T, published string) *sitrep.Doc {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", "seed", "mirror-china-taliban-uyghurs.txt")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Skipf("seed article absent: %v", err)
	}
	_, body, _ := strings.Cut(string(b), "\n")
	doc := &sitrep.Doc{Text: strings.TrimLeft(body, "\n"), Published: sitrep.NullString(published)}
	ctx := context.Background()
	if err := New().Process(ctx, doc); err != nil {
		t.Fatal(err)
	}
	if err := quantity.New().Process(ctx, doc); err != nil {
		t.Fatal(err)
	}
	if bad := doc.CheckSpans(); bad != "" {
		t.Fatalf("bad span: %s", bad)
	}
	return doc
}

// TestSeedTimes checks every time of the reference article listed in
// expected.md, with and without a publication date.
func TestSeedTimes(t *testing.T) {
	for _, tc := range []struct {
		published string
		want      map[string][2]string // text -> value, type
	}{
		{"2021-08-06", map[string][2]string{
			"since April": {"2021-04", sitrep.TimeRelative},
			"the 1990s":   {"199X", sitrep.TimeDecade},
			"20 years":    {"P20Y", sitrep.TimeDuration},
			"9-11":        {"2001-09-11", sitrep.TimeDate},
		}},
		{"", map[string][2]string{
			"since April": {"", sitrep.TimeRelative},
			"the 1990s":   {"199X", sitrep.TimeDecade},
			"20 years":    {"P20Y", sitrep.TimeDuration},
			"9-11":        {"2001-09-11", sitrep.TimeDate},
		}},
	} {
		doc := seedDoc(t, tc.published)
		got := map[string][2]string{}
		for _, x := range doc.Times {
			got[x.Text] = [2]string{string(x.Value), x.Type}
		}
		for text, want := range tc.want {
			if g, ok := got[text]; !ok || g != want {
				t.Errorf("published %q: time %q = %v (found %v), want %v", tc.published, text, g, ok, want)
			}
		}
		if len(doc.Times) != len(tc.want) {
			t.Errorf("published %q: %d times, want %d: %+v", tc.published, len(doc.Times), len(tc.want), doc.Times)
		}
	}
}

// TestSeedQuantities checks every quantity of the reference article listed
// in expected.md with its value, bound, counted noun and casualty type.
func TestSeedQuantities(t *testing.T) {
	doc := seedDoc(t, "2021-08-06")
	type want struct {
		context, text string
		value         float64
		bound, unit   string
		of, kind      string
	}
	wants := []want{
		{"around 3,500 Uyghurs", "around 3,500", 3500, sitrep.BoundApprox, "", "Uyghurs", ""},
		{"tens of thousands more in surrounding", "tens of thousands", 20000, sitrep.BoundLower, "", "Uyghurs", ""},
		{"more than ten million are", "more than ten million", 1e7, sitrep.BoundLower, "", "Uyghurs", ""},
		{"tens of thousands of civilians trapped", "tens of thousands", 20000, sitrep.BoundLower, "", "civilians", "trapped"},
		{"20 years of war", "20 years", 20, sitrep.BoundExact, "year", "", ""},
	}
	for _, w := range wants {
		at := strings.Index(doc.Text, w.context)
		if at < 0 {
			t.Fatalf("seed text lacks %q", w.context)
		}
		var found *sitrep.Quantity
		for i := range doc.Quantities {
			if doc.Quantities[i].Start == at {
				found = &doc.Quantities[i]
				break
			}
		}
		if found == nil {
			t.Errorf("no quantity at %q", w.context)
			continue
		}
		q := *found
		if q.Text != w.text || *q.Value != w.value || q.Bound != w.bound || string(q.Unit) != w.unit || string(q.Of) != w.of || string(q.Kind) != w.kind {
			t.Errorf("at %q: got text %q value %v bound %s unit %q of %q kind %q, want %+v", w.context, q.Text, *q.Value, q.Bound, q.Unit, q.Of, q.Kind, w)
		}
	}
}
