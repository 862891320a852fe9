package quantity_test

import (
	"fmt"

	"github.com/sitrep/sitrep/internal/quantity"
)

func ExampleTag() {
	for _, q := range quantity.Tag("There are around 3,500 Uyghurs in Afghanistan; forces detained two suspected insurgents.", nil) {
		fmt.Printf("%s %q value=%v bound=%s of=%s kind=%s\n", q.ID, q.Text, *q.Value, q.Bound, q.Of, q.Kind)
	}
	// Output:
	// q1 "around 3,500" value=3500 bound=approx of=Uyghurs kind=
	// q2 "two" value=2 bound=exact of=insurgents kind=arrested
}
