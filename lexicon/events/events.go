// Package events holds the event-coding lexicons as data: verb patterns,
// nominal event patterns, irregular verb forms and mode/relation cues. Each
// file names its source in its header; internal/events parses them.
package events

import _ "embed"

// Verbs is verbs.tsv: verb patterns with PLOVER type, mode, CAMEO code, roles.
//
//go:embed verbs.tsv
var Verbs string

// Nouns is nouns.tsv: nominal event patterns ("the oppression of X").
//
//go:embed nouns.tsv
var Nouns string

// Forms is forms.tsv: irregular verb inflections.
//
//go:embed forms.tsv
var Forms string

// Cues is cues.tsv: modality, negation, historical, control and relation cues.
//
//go:embed cues.tsv
var Cues string
