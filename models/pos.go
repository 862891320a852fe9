package models

import _ "embed"

// POS is the part-of-speech tagger (internal/nlp/pos format), written by
// `go run ./internal/nlp/train -pos`; see README-pos.md.
//
//go:embed pos.bin
var POS []byte

// Lemma is the lemmatizer table (internal/nlp/lemma format), written with
// the tagger.
//
//go:embed lemma.bin
var Lemma []byte

// Parse is the dependency parser (internal/nlp/chunk format), written by
// `go run ./internal/nlp/train -parse`.
//
//go:embed parse.bin
var Parse []byte
