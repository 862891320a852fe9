package timex

import (
	"context"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
)

// FuzzTimex checks that the tagger and the dateline reader never panic
// and keep every span inside the text on character boundaries.
func FuzzTimex(f *testing.F) {
	for _, s := range []string{
		"KABUL, Afghanistan (Jan. 25, 2013)\nDuring an operation yesterday ...",
		"since April; in the 1990s; after 20 years of war; post 9-11; on Tuesday",
		"Aug. 5-7, 2021 08/05/2021 2021-08-05 5 August 2021 '90s 2014-15",
		"Between 2001 and 2021, from 1996 to 2001, three years ago, a 20-year-old",
		"Dec. 6: x\n2009-12-CA-060 (Sept. 1) - Tuesday \xff\xfe May.",
		"earlier this week, last night, this morning, recent months, next Friday",
	} {
		f.Add(s, "2021-08-06")
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, text, published string) {
		if len(published) > 0 {
			if _, err := time.Parse("2006-01-02", published); err != nil {
				published = ""
			}
		}
		doc := &sitrep.Doc{Text: text, Published: sitrep.NullString(published)}
		if err := New().Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		// Character boundaries only mean something in valid UTF-8 (the
		// clean stage guarantees it); elsewhere spans must stay in range.
		if bad := doc.CheckSpans(); bad != "" && utf8.ValidString(text) {
			t.Fatalf("bad span %s in %q", bad, text)
		}
		for _, x := range doc.Times {
			if x.Text != text[x.Start:x.End] {
				t.Fatalf("time text %q is not text[%d:%d]", x.Text, x.Start, x.End)
			}
			if utf8.ValidString(text) && !utf8.ValidString(x.Text) {
				t.Fatalf("invalid UTF-8 in %q", x.Text)
			}
		}
		if dl, ok := FindDateline(text); ok {
			if !(sitrep.Span{Start: dl.Start, End: dl.End}).Valid(len(text)) || dl.HeaderEnd < dl.End || dl.HeaderEnd > len(text) {
				t.Fatalf("bad dateline %+v", dl)
			}
			if _, err := time.Parse("2006-01-02", dl.Date); err != nil {
				t.Fatalf("dateline date %q: %v", dl.Date, err)
			}
		}
		_ = EventDate(doc)
	})
}
