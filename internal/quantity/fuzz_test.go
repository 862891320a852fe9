package quantity

import (
	"context"
	"math"
	"testing"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
)

// FuzzQuantity checks that the tagger never panics, keeps spans on
// character boundaries and gives finite values with well-formed bounds.
func FuzzQuantity(f *testing.F) {
	for _, s := range []string{
		"There are around 3,500 Uyghurs and tens of thousands more, although more than ten million are oppressed.",
		"killed the Taliban leader, Alaudin, and detained two suspected insurgents; 20-30 people; between 2 and 3",
		"$3.5 million, 40%, 12 km, a 20-year-old, AK-47, 10:30, 5 p.m., 3rd, twenty-five, two hundred and fifty thousand",
		"several hundred a few dozens of \xff\xfe 1.2.3 9/11 1,00 --5 ,5",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		doc := &sitrep.Doc{Text: text}
		if err := New().Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		// Character boundaries only mean something in valid UTF-8 (the
		// clean stage guarantees it); elsewhere spans must stay in range.
		if bad := doc.CheckSpans(); bad != "" && utf8.ValidString(text) {
			t.Fatalf("bad span %s in %q", bad, text)
		}
		for _, q := range doc.Quantities {
			if q.Text != text[q.Start:q.End] {
				t.Fatalf("quantity text %q is not text[%d:%d]", q.Text, q.Start, q.End)
			}
			if q.Value == nil || math.IsNaN(*q.Value) || math.IsInf(*q.Value, 0) {
				t.Fatalf("bad value in %+v", q)
			}
			switch q.Bound {
			case sitrep.BoundExact, sitrep.BoundApprox, sitrep.BoundLower, sitrep.BoundUpper:
			default:
				t.Fatalf("bad bound %q", q.Bound)
			}
		}
		for _, k := range []string{"killed", "arrested"} {
			if Tally(doc, k) < 0 {
				t.Fatal("negative tally")
			}
		}
	})
}
