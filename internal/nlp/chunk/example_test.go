package chunk_test

import (
	"context"
	"fmt"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/nlp/chunk"
	"github.com/sitrep/sitrep/internal/nlp/pos"
	"github.com/sitrep/sitrep/internal/segment"
)

// Args lists who did what to whom for each verb group, understood
// arguments included.
func ExampleArgs() {
	doc := &sitrep.Doc{Text: "The convoy was attacked by rebels who had crossed the river."}
	ps, _ := pos.New()
	cs, _ := chunk.New()
	ctx := context.Background()
	segment.New().Process(ctx, doc)
	ps.Process(ctx, doc)
	cs.Process(ctx, doc)
	for i, c := range doc.Chunks {
		if c.Kind != sitrep.ChunkVP {
			continue
		}
		fmt.Printf("%s (%s):", doc.Tokens[c.Head].Text, c.Voice)
		for _, a := range chunk.Args(doc, i) {
			np := doc.Chunks[a.Chunk]
			fmt.Printf(" %s=%q", a.Role, doc.Text[doc.Tokens[np.First].Start:doc.Tokens[np.Limit-1].End])
		}
		fmt.Println()
	}
	// Output:
	// attacked (passive): subj="The convoy" agent="rebels"
	// crossed (active): subj="rebels" obj="the river"
}
