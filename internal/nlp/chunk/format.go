package chunk

import (
	"fmt"
	"strings"

	"github.com/sitrep/sitrep"
)

// Format writes doc's chunks one per line, for debugging and goldens:
//
//	NP [the Taliban] subj>shunned +subj>supported ref=... of=... coord=1
func Format(doc *sitrep.Doc) string {
	var b strings.Builder
	text := func(i int) string {
		if i < 0 || i >= len(doc.Chunks) {
			return "-"
		}
		c := doc.Chunks[i]
		return doc.Tokens[c.Head].Text
	}
	for i, c := range doc.Chunks {
		var words []string
		for t := c.First; t < c.Limit; t++ {
			words = append(words, doc.Tokens[t].Text)
		}
		fmt.Fprintf(&b, "%d %s [%s]", i, c.Kind, strings.Join(words, " "))
		if c.Kind == sitrep.ChunkVP {
			fmt.Fprintf(&b, " %s", c.Voice)
			if c.Neg {
				b.WriteString(" neg")
			}
		}
		switch {
		case c.Verb >= 0:
			fmt.Fprintf(&b, " %s>%s", c.Role, text(c.Verb))
		case c.Role != "":
			fmt.Fprintf(&b, " %s", c.Role)
		}
		if c.Prep != "" {
			fmt.Fprintf(&b, " prep=%q", c.Prep)
		}
		if c.Of >= 0 {
			fmt.Fprintf(&b, " of=%s", text(c.Of))
		}
		if c.Ref >= 0 {
			fmt.Fprintf(&b, " ref=%s", text(c.Ref))
		}
		if c.Coord > 0 {
			fmt.Fprintf(&b, " coord=%d", c.Coord)
		}
		for _, x := range c.Extra {
			fmt.Fprintf(&b, " +%s>%s", x.Role, text(x.Verb))
		}
		b.WriteByte('\n')
	}
	return b.String()
}
