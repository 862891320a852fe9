package clean_test

import (
	"context"
	"fmt"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/clean"
)

func ExampleCleaner_Process() {
	c, err := clean.New()
	if err != nil {
		panic(err)
	}
	doc := &sitrep.Doc{Raw: "Troops left the town on Monday.\r\n\r\n" +
		"Residents queue for water (Photo: Reuters)\r\n\r\n" +
		"Sign up to our newsletter\r\n"}
	if err := c.Process(context.Background(), doc); err != nil {
		panic(err)
	}
	fmt.Printf("%q\n", doc.Text)
	for _, r := range doc.Removed {
		fmt.Printf("removed %s: %q\n", r.Reason, r.Text)
	}
	for _, s := range doc.Captions {
		fmt.Printf("caption: %q\n", doc.Text[s.Start:s.End])
	}
	// Output:
	// "Troops left the town on Monday.\n\nResidents queue for water"
	// removed credit: "(Photo: Reuters)"
	// removed newsletter: "Sign up to our newsletter"
	// caption: "Residents queue for water"
}
