package chunk

import "github.com/sitrep/sitrep"

// Argument is one NP filling a role of a verb group.
type Argument struct {
	Chunk int    // index in Doc.Chunks of the NP (a relative pronoun resolved to its antecedent)
	Role  string // subj, obj, iobj, pobj, agent, attr
	Prep  string // for pobj and agent
	// Implicit reports an understood argument (Chunk.Extra) or a relative
	// pronoun replaced by its antecedent.
	Implicit bool
}

// Args returns the NP arguments of the VP chunk vp, explicit ones first,
// each in text order, each (NP, role) once.
func Args(doc *sitrep.Doc, vp int) []Argument {
	var out []Argument
	for i := range doc.Chunks {
		c := &doc.Chunks[i]
		if c.Kind != sitrep.ChunkNP || c.Verb != vp || c.Role == "" || c.Role == "poss" || c.Role == "appos" {
			continue
		}
		a := Argument{Chunk: i, Role: c.Role, Prep: c.Prep}
		if c.Ref >= 0 {
			a.Chunk, a.Implicit = c.Ref, true
		}
		out = append(out, a)
	}
	for i := range doc.Chunks {
		c := &doc.Chunks[i]
		for _, x := range c.Extra {
			if x.Verb == vp && !has(out, i, x.Role) {
				out = append(out, Argument{Chunk: i, Role: x.Role, Implicit: true})
			}
		}
	}
	return out
}

// has reports whether args already name chunk c in role r (a relative
// pronoun resolved to its antecedent, which also carries the role).
func has(args []Argument, c int, r string) bool {
	for _, a := range args {
		if a.Chunk == c && a.Role == r {
			return true
		}
	}
	return false
}
