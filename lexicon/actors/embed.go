// Package actors holds the actor lexicon as data: TSV files embedded into the
// binary. internal/actors parses them; see each file's header for its
// sources and licence. countries.tsv is generated (go generate
// ./internal/actors); the other files are curated by hand.
package actors

import "embed"

// FS holds the lexicon files (*.tsv).
//
//go:embed *.tsv
var FS embed.FS
