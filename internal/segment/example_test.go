package segment_test

import (
	"context"
	"fmt"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/segment"
)

func ExampleTokenize() {
	for _, t := range segment.Tokenize("Helmand’s U.S.-backed forces, 3,500 strong.") {
		fmt.Printf("%s/%s ", t.Text, t.Norm)
	}
	fmt.Println()
	// Output: Helmand/Helmand ’s/'s U.S./U.S. -/- backed/backed forces/forces ,/, 3,500/3,500 strong/strong ./.
}

func ExampleSegmenter_Process() {
	doc := &sitrep.Doc{Text: "Mr. Xi met Gen. Lee. He said: “We agree.\n\n“It is done.”"}
	if err := segment.New().Process(context.Background(), doc); err != nil {
		panic(err)
	}
	for _, s := range doc.Sentences {
		fmt.Printf("%d %-5s %q\n", s.Para, s.Kind, doc.Text[s.Start:s.End])
	}
	// Output:
	// 0 body  "Mr. Xi met Gen. Lee."
	// 0 body  "He said: “We agree."
	// 1 quote "“It is done.”"
}
