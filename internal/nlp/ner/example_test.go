package ner_test

import (
	"context"
	"fmt"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/nlp/ner"
	"github.com/sitrep/sitrep/internal/segment"
)

func Example() {
	st, err := ner.New(ner.Config{})
	if err != nil {
		panic(err)
	}
	doc := &sitrep.Doc{Text: "The UN said on Monday that fighting in Lashkar Gah had trapped 10,000 people."}
	segment.Split(doc)
	if err := st.Process(context.Background(), doc); err != nil {
		panic(err)
	}
	for _, e := range doc.Entities {
		fmt.Printf("%s %s (%s)\n", e.Label, e.Text, e.Source)
	}
	// Output:
	// ORG UN (model)
	// DATE Monday (rule)
	// GPE Lashkar Gah (model+lexicon)
	// CARDINAL 10,000 (rule)
}
