// Package models embeds the trained model weights committed under models/
// so that a fresh clone needs no training. Provenance and licences are in
// models/README-ner.md (and the READMEs beside other models).
package models

import _ "embed"

// NER is the named-entity model (gzip; format in internal/nlp/ner/model.go),
// written by `go run ./internal/nlp/train ner`.
//
//go:embed ner.bin.gz
var NER []byte

// NERNames lists the PER/ORG/LOC names of the NER training corpora (gzip
// TSV: LABEL TAB name), the model's names-gazetteer feature.
//
//go:embed ner-names.tsv.gz
var NERNames []byte
