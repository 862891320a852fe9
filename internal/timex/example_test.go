package timex_test

import (
	"context"
	"fmt"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/timex"
)

func ExampleTag() {
	pub := time.Date(2021, 8, 6, 0, 0, 0, 0, time.UTC)
	for _, t := range timex.Tag("The Taliban stepped up attacks since April, after 20 years of war.", pub) {
		fmt.Println(t.Text, t.Value, t.Type)
	}
	// Output:
	// since April 2021-04 relative
	// 20 years P20Y duration
}

func ExampleTagger_Process() {
	doc := &sitrep.Doc{Text: "KABUL, Afghanistan (Jan. 25, 2013)\nA coalition force killed a Taliban leader yesterday."}
	_ = timex.New().Process(context.Background(), doc)
	fmt.Println(doc.Published, timex.EventDate(doc))
	// Output: 2013-01-25 2013-01-24
}
