package dedup_test

import (
	"fmt"
	"strings"

	"github.com/sitrep/sitrep/internal/dedup"
)

func ExampleSimilar() {
	wire := "Port workers in Valmora walked off the job on Tuesday, halting grain exports, union leaders said. " +
		"The strike began at dawn when about 2,000 dockers gathered outside the northern terminal and refused to start their shifts. " +
		"The union wants a pay rise of 12 percent and new safety rules after a crane accident in March that injured four workers."
	// The same story as another outlet ran it: a word changed, a credit added.
	copy := strings.Replace(wire, "union leaders said", "union officials said", 1) + " (Reporting by the wire desk.)"
	other := "Floods in the southern highlands forced more than 5,000 people from their homes on Wednesday, the emergency office said, " +
		"after three days of heavy rain. Rescue teams used boats to reach villages cut off by the river, and the army sent helicopters."
	a, b, c := dedup.Signature(wire), dedup.Signature(copy), dedup.Signature(other)
	fmt.Println("copy:", dedup.Similar(a, b))
	fmt.Println("other story:", dedup.Similar(a, c))
	// Output:
	// copy: true
	// other story: false
}
