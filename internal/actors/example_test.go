package actors_test

import (
	"context"
	"fmt"
	"os"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/actors"
	"github.com/sitrep/sitrep/internal/segment"
)

func Example() {
	lex, err := actors.Load("")
	if err != nil {
		panic(err)
	}
	doc := &sitrep.Doc{Text: "Chinese President Xi Jinping met UK forces.", Published: "2021-08-05"}
	segment.Split(doc)
	if err := actors.New(lex).Process(context.Background(), doc); err != nil {
		panic(err)
	}
	for _, a := range doc.Actors {
		fmt.Println(a.ID, a.Type, a.Country, a.Sector, a.Mentions[0].Text)
	}
	// Output:
	// xi-jinping person CHN GOV Chinese President Xi Jinping
	// CHN country CHN  Chinese
	// GBRMIL agent GBR MIL UK forces
}

func ExampleResolver_ExplainText() {
	lex, err := actors.Load("")
	if err != nil {
		panic(err)
	}
	actors.New(lex).ExplainText(context.Background(), os.Stdout, "Beijing said the Taliban had agreed.", "2021-08-05")
	// Output:
	// 0-7	"Beijing"	CHNGOV (agent country=CHN sector=GOV)	capital
	// 17-24	"Taliban"	AFGREBTAL (armed_group country=AFG sector=INS)	lexicon
}
