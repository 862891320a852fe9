// Package attrib holds the attribution lexicons as data: cue verbs, hedging
// cues, anonymous-source vocabulary and outlet self-reference phrases. Each
// file names its source in its header; internal/attrib parses them.
package attrib

import _ "embed"

// Cues is cues.tsv: lemma, inflected forms, class and flags of cue verbs.
//
//go:embed cues.tsv
var Cues string

// Hedges is hedges.tsv: hedging words and phrases with their kind.
//
//go:embed hedges.tsv
var Hedges string

// Sources is sources.tsv: words that name or classify unnamed speakers.
//
//go:embed sources.tsv
var Sources string

// Outlet is outlet.tsv: phrases by which a publication cites itself.
//
//go:embed outlet.tsv
var Outlet string

// Wires is wires.tsv: news agencies whose credit opens a wire story.
//
//go:embed wires.tsv
var Wires string

// CuesLearned is cues_learned.tsv: word forms that are often part of an
// attribution cue in the PolNeAR train split, with their counts.
//
//go:embed cues_learned.tsv
var CuesLearned string

// Frames is frames.tsv: per verb lemma and frame kind, how often the parsed
// frame occurs in the PolNeAR train split and how often it matches a gold
// attribution.
//
//go:embed frames.tsv
var Frames string
