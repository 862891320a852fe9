// Package sitrep holds the document model shared by every part of the engine:
// the analysis of one news article, with every annotation anchored by UTF-8
// byte offsets into Doc.Text. The JSON encoding of Doc is the analysis
// contract (schema "sitrep/analysis/v1"); fields tagged `json:"-"` are
// internal layers (tokens, chunks) that later stages read but the contract
// does not carry.
//
// This package imports only the standard library and is imported by all.
package sitrep

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// Schema is the value of Doc.Schema for this version of the contract.
const Schema = "sitrep/analysis/v1"

// Span is a half-open range [Start, End) of UTF-8 byte offsets into Doc.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies within s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Valid reports whether s is a well-formed span inside a text of n bytes.
func (s Span) Valid(n int) bool { return 0 <= s.Start && s.Start <= s.End && s.End <= n }

// NullString is a string that encodes as JSON null when empty, for the
// contract's "string or null" fields.
type NullString string

// MarshalJSON encodes the empty string as null.
func (s NullString) MarshalJSON() ([]byte, error) {
	if s == "" {
		return []byte("null"), nil
	}
	// Codes and dates, most of these values, need no escaping: quote them
	// without a trip through the encoder.
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return json.Marshal(string(s))
		}
	}
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"'), nil
}

// UnmarshalJSON decodes null as the empty string.
func (s *NullString) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*s = ""
		return nil
	}
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*s = NullString(v)
	return nil
}

// Doc is the analysis of one document. Slices are never nil once a Doc has
// passed through engine.Process, so that absent layers encode as [] rather
// than null.
type Doc struct {
	Schema    string     `json:"schema"`
	ID        NullString `json:"id"`
	Title     NullString `json:"title"`
	Outlet    NullString `json:"outlet"`
	URL       NullString `json:"url"`
	Published NullString `json:"published"` // YYYY-MM-DD
	Language  NullString `json:"language"`  // ISO 639-1 guess, "en" for English
	Text      string     `json:"text"`

	Removed     []Removed    `json:"removed"`
	Sentences   []Sentence   `json:"sentences"`
	Entities    []Entity     `json:"entities"`
	Actors      []Actor      `json:"actors"`
	Events      []Event      `json:"events"`
	Relations   []Relation   `json:"relations"`
	Quotes      []Quote      `json:"quotes"`
	Places      []Place      `json:"places"`
	Quantities  []Quantity   `json:"quantities"`
	Times       []TimeExpr   `json:"times"`
	Sourcing    Sourcing     `json:"sourcing"`
	Diagnostics []Diagnostic `json:"diagnostics"`

	// Tokens are the words and punctuation of Text in order; Sentence.Tokens
	// indexes into it. Filled by the segmenter, tagged by the language layer.
	Tokens []Token `json:"-"`
	// Chunks are noun, verb and prepositional phrases with their heads and
	// grammatical roles, in text order.
	Chunks []Chunk `json:"-"`
	// Raw is the input before cleaning (article text, or HTML), kept only
	// while the pipeline runs.
	Raw string `json:"-"`
	// RawHTML reports whether Raw is HTML.
	RawHTML bool `json:"-"`
	// Captions are the spans of Text that cleaning judged to be image
	// captions (a paragraph whose photo credit was stripped); the segmenter
	// marks sentences inside them as KindCaption. Sorted, non-overlapping.
	Captions []Span `json:"-"`
	// Author is the byline found in HTML metadata, when any; the contract
	// does not carry it.
	Author string `json:"-"`
}

// Removed is boilerplate taken out of the text during cleaning.
type Removed struct {
	Text   string `json:"text"`
	Reason string `json:"reason"` // newsletter, comments, credit, share, follow, ad, ...
}

// Sentence kinds.
const (
	KindBody    = "body"
	KindCaption = "caption"
	KindQuote   = "quote"
)

// Sentence is one sentence of Text.
type Sentence struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Kind  string `json:"kind"` // body | caption | quote
	// Para is the 0-based paragraph the sentence belongs to.
	Para int `json:"-"`
	// First and Last+1 bound the sentence's tokens in Doc.Tokens.
	First, Limit int `json:"-"`
}

// Span returns the sentence's byte span.
func (s Sentence) Span() Span { return Span{s.Start, s.End} }

// Token is one word or punctuation mark.
type Token struct {
	Start, End int
	// Text is Doc.Text[Start:End], kept to avoid re-slicing in hot loops.
	Text string
	// Norm is the form models look up: quotes and dashes folded to ASCII,
	// e.g. "Helmand’s" split into "Helmand" and "'s" with Norm "'s".
	Norm  string
	POS   string // Universal POS tag (NOUN, PROPN, VERB, ...)
	Tag   string // Penn Treebank tag where the tagger predicts one
	Lemma string
	// Ent is the entity tag in BIO form (B-PER, I-LOC, O) once NER has run.
	Ent string
	// Head is the index in Doc.Tokens of the token's syntactic head, -1 for
	// the root or when no parse is available; Dep is the relation to it.
	Head int
	Dep  string
	// SpaceAfter reports whether whitespace follows the token in Text.
	SpaceAfter bool
}

// Chunk kinds.
const (
	ChunkNP = "NP"
	ChunkVP = "VP"
	ChunkPP = "PP"
)

// Chunk is a phrase: a noun phrase, a verb group or a prepositional phrase.
type Chunk struct {
	Kind string // NP | VP | PP
	// First and Limit bound the chunk's tokens; Head is the head token.
	First, Limit, Head int
	Sentence           int
	// Role is the chunk's grammatical function in its clause for NPs:
	// subj, obj, pobj, iobj, appos, or "" when unknown; also agent (the
	// "by" phrase of a passive), poss (a possessor: "Helmand's" in
	// "Helmand's capital"), attr (a predicate noun after a copula). A
	// passive VP's subj is its patient. Roles are on NPs; a PP chunk
	// spans preposition + NP and repeats the NP's Prep, Verb and Of. For
	// VPs, Role is the clause's relation to the VP in Verb (ccomp, xcomp,
	// advcl, conj, relcl, acl, parataxis) or "" for a main clause; Voice
	// is "active" or "passive" and Neg reports a negation inside the group
	// (not, never, n't, no).
	Role  string
	Voice string
	Neg   bool
	// Prep is the governing preposition of a PP's object NP ("in", "by").
	Prep string
	// Verb is the index in Doc.Chunks of the VP this chunk attaches to, -1 if none.
	Verb int
	// Coord is a 1-based id shared by the NPs (or VPs) of one coordination,
	// 0 if none: in "backing from Russia, Pakistan and other neighbouring
	// countries" the three NPs are separate chunks with the same Coord, and
	// each carries the role, Prep and Verb of the first conjunct.
	Coord int
	// Of is the index in Doc.Chunks of the NP this chunk modifies (a
	// possessor, an appositive, an NP or PP attached to a noun: "the
	// safety of people"), -1 if none.
	Of int
	// Ref is, for a relative pronoun ("which" in "groups which it once
	// supported"), the index of the NP it stands for, -1 otherwise.
	Ref int
	// Extra lists further roles an NP fills as the understood argument of
	// other verbs: the antecedent of a relative clause ("groups" is obj of
	// "supported"), the controller of an infinitive or participle ("China
	// hopes to cash in": subj of "cash"; "getting organisations to outlaw
	// Uyghurs": "organisations" is subj of "outlaw"), the shared subject
	// of coordinated verbs.
	Extra []Arg
}

// Arg is one role of an NP chunk in the clause of the VP chunk Verb.
type Arg struct {
	Role string
	Verb int
}

// Entity is a named entity or a value mention.
type Entity struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Label string `json:"label"` // PER ORG LOC GPE NORP DATE TIME MONEY PERCENT QUANTITY CARDINAL ...
	// Source says what found it: model, lexicon, rule, or model+lexicon.
	Source string `json:"source,omitempty"`
	// Score is the model's confidence in [0,1] where a model decided.
	Score float64 `json:"score,omitempty"`
}

// Actor types.
const (
	ActorCountry      = "country"
	ActorIGO          = "igo"
	ActorArmedGroup   = "armed_group"
	ActorParty        = "party"
	ActorOrganization = "organization"
	ActorPerson       = "person"
	ActorEthnicGroup  = "ethnic_group"
	ActorAgent        = "agent"
)

// Actor is a canonical participant with every mention that refers to it.
type Actor struct {
	ID      string     `json:"id"` // CAMEO-style code: CHN, AFGMIL, IGOUNO, ...
	Name    string     `json:"name"`
	Type    string     `json:"type"`
	Country NullString `json:"country"` // ISO 3166 alpha-3
	Sector  NullString `json:"sector"`  // GOV MIL REB INS OPP CVL REF MED BUS REL ...
	// Role is a person's office at publication time ("President").
	Role     NullString `json:"role,omitempty"`
	Mentions []Mention  `json:"mentions"`
}

// Mention is one place in Text that refers to an actor.
type Mention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text,omitempty"`
	// Why says how the mention was resolved: lexicon, demonym, capital,
	// coref, title, adhoc ...
	Why string `json:"why,omitempty"`
}

// Span returns the mention's byte span.
func (m Mention) Span() Span { return Span{m.Start, m.End} }

// PLOVER event types.
var PloverTypes = []string{
	"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
	"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}

// Modalities of an event.
const (
	ModAsserted     = "asserted"
	ModReported     = "reported"
	ModBelieved     = "believed"
	ModHoped        = "hoped"
	ModIntended     = "intended"
	ModHypothetical = "hypothetical"
	ModDenied       = "denied"
)

// Event is one coded interaction: who did what to whom.
type Event struct {
	ID       string    `json:"id"`
	Sentence int       `json:"sentence"` // index into Doc.Sentences
	Source   *ActorRef `json:"source"`
	Target   *ActorRef `json:"target"`
	Plover   string    `json:"plover"`
	// Mode is the PLOVER mode refining the type (e.g. "military" for AID).
	Mode        NullString `json:"mode,omitempty"`
	Cameo       NullString `json:"cameo"`
	Negated     bool       `json:"negated"`
	Modality    string     `json:"modality"`
	Historical  bool       `json:"historical,omitempty"`
	Attribution NullString `json:"attribution"` // quote id
	Places      []string   `json:"places"`
	Date        NullString `json:"date"`
	Quantities  []string   `json:"quantities"`
	Evidence    Span       `json:"evidence"`
	// Trigger is the verb or noun that coded the event.
	Trigger *Span `json:"trigger,omitempty"`
	// Same is the id of an earlier event of the document telling the same
	// happening (lede and quote), so counts are not doubled.
	Same NullString `json:"same,omitempty"`
	// Instigator is the actor at whose behest the source acts ("getting
	// the Taliban to outlaw Uyghurs": China), when the text says so.
	Instigator *ActorRef `json:"instigator,omitempty"`
}

// ActorRef is an event participant: the actor and the words that named it.
type ActorRef struct {
	Actor string `json:"actor"` // Actor.ID
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Relation types between events.
const (
	RelExchange      = "exchange"
	RelPurpose       = "purpose"
	RelCause         = "cause"
	RelCondition     = "condition"
	RelContradiction = "contradiction"
)

// Relation links two events.
type Relation struct {
	Type     string `json:"type"`
	From     string `json:"from"`
	To       string `json:"to"`
	Evidence Span   `json:"evidence"`
}

// Speaker kinds.
const (
	SpeakerNamedPerson  = "named_person"
	SpeakerNamedOrg     = "named_org"
	SpeakerAnonymous    = "anonymous"
	SpeakerOutlet       = "outlet"
	SpeakerUnattributed = "unattributed"
)

// Quote is a direct quotation or an indirectly reported claim.
type Quote struct {
	ID      string     `json:"id"`
	Start   int        `json:"start"`
	End     int        `json:"end"`
	Text    string     `json:"text"`
	Direct  bool       `json:"direct"`
	Cue     NullString `json:"cue"`
	Hedged  bool       `json:"hedged"`
	Hedges  []string   `json:"hedges,omitempty"`
	Speaker Speaker    `json:"speaker"`
}

// Span returns the quote's content span.
func (q Quote) Span() Span { return Span{q.Start, q.End} }

// Speaker is who a quote or claim is attributed to.
type Speaker struct {
	Text  string     `json:"text"`
	Start int        `json:"start"`
	End   int        `json:"end"`
	Actor NullString `json:"actor"`
	Kind  string     `json:"kind"`
	// Descriptor classifies an anonymous speaker ("intelligence", "official").
	Descriptor NullString `json:"descriptor,omitempty"`
}

// Place feature kinds.
const (
	FeatureCountry  = "country"
	FeatureAdmin1   = "admin1"
	FeatureAdmin2   = "admin2"
	FeatureCity     = "city"
	FeatureRegion   = "region"
	FeatureLandmark = "landmark"
)

// Place is a resolved toponym.
type Place struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	Lat       *float64   `json:"lat"`
	Lon       *float64   `json:"lon"`
	Feature   string     `json:"feature"`
	Country   NullString `json:"country"` // ISO alpha-2
	Admin1    NullString `json:"admin1"`
	GeonameID *int       `json:"geonameid"`
	Mentions  []Mention  `json:"mentions"`
}

// Quantity bounds.
const (
	BoundExact  = "exact"
	BoundApprox = "approx"
	BoundLower  = "lower"
	BoundUpper  = "upper"
)

// Quantity is a count or amount in the text.
type Quantity struct {
	ID    string   `json:"id"`
	Start int      `json:"start"`
	End   int      `json:"end"`
	Text  string   `json:"text"`
	Value *float64 `json:"value"`
	// Max is the upper end of a range ("20 to 30"); null otherwise.
	Max   *float64   `json:"max,omitempty"`
	Bound string     `json:"bound"`
	Unit  NullString `json:"unit"`
	// Of is the counted noun phrase ("Uyghurs", "civilians").
	Of NullString `json:"of"`
	// Kind is a casualty type when one applies: killed, wounded, missing,
	// displaced, arrested, trapped.
	Kind NullString `json:"kind,omitempty"`
}

// Time expression types.
const (
	TimeDate     = "date"
	TimeDuration = "duration"
	TimeDecade   = "decade"
	TimeRelative = "relative"
)

// TimeExpr is a time expression normalised against the publication date.
type TimeExpr struct {
	Start int        `json:"start"`
	End   int        `json:"end"`
	Text  string     `json:"text"`
	Value NullString `json:"value"` // ISO date, partial date (2021-04), decade (199X) or duration (P20Y)
	Type  string     `json:"type"`
}

// Sourcing summarises on whose word the article's claims rest.
type Sourcing struct {
	Claims int          `json:"claims"`
	ByKind SourcingKind `json:"by_kind"`
}

// SourcingKind counts claims by speaker kind.
type SourcingKind struct {
	NamedPerson  int `json:"named_person"`
	NamedOrg     int `json:"named_org"`
	Anonymous    int `json:"anonymous"`
	Outlet       int `json:"outlet"`
	Unattributed int `json:"unattributed"`
}

// Add counts one claim under speaker kind k.
func (s *Sourcing) Add(k string) {
	s.Claims++
	switch k {
	case SpeakerNamedPerson:
		s.ByKind.NamedPerson++
	case SpeakerNamedOrg:
		s.ByKind.NamedOrg++
	case SpeakerAnonymous:
		s.ByKind.Anonymous++
	case SpeakerOutlet:
		s.ByKind.Outlet++
	default:
		s.ByKind.Unattributed++
	}
}

// Diagnostic records a problem that did not fail the document.
type Diagnostic struct {
	Stage   string `json:"stage"`
	Message string `json:"message"`
}

// Diagnose appends a diagnostic.
func (d *Doc) Diagnose(stage, msg string) {
	d.Diagnostics = append(d.Diagnostics, Diagnostic{Stage: stage, Message: msg})
}

// Slice returns the text of s, clamped to the document.
func (d *Doc) Slice(s Span) string {
	if !s.Valid(len(d.Text)) {
		return ""
	}
	return d.Text[s.Start:s.End]
}

// SentenceAt returns the index of the sentence containing byte offset off,
// or -1.
func (d *Doc) SentenceAt(off int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case off < d.Sentences[m].Start:
			hi = m
		case off >= d.Sentences[m].End:
			lo = m + 1
		default:
			return m
		}
	}
	return -1
}

// TokenAt returns the index of the token containing byte offset off, or -1.
func (d *Doc) TokenAt(off int) int {
	lo, hi := 0, len(d.Tokens)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case off < d.Tokens[m].Start:
			hi = m
		case off >= d.Tokens[m].End:
			lo = m + 1
		default:
			return m
		}
	}
	return -1
}

// Normalize replaces nil slices with empty ones so the JSON encoding shows
// [] for layers that found nothing, as the contract requires.
func (d *Doc) Normalize() {
	d.Schema = Schema
	if d.Removed == nil {
		d.Removed = []Removed{}
	}
	if d.Sentences == nil {
		d.Sentences = []Sentence{}
	}
	if d.Entities == nil {
		d.Entities = []Entity{}
	}
	if d.Actors == nil {
		d.Actors = []Actor{}
	}
	for i := range d.Actors {
		if d.Actors[i].Mentions == nil {
			d.Actors[i].Mentions = []Mention{}
		}
	}
	if d.Events == nil {
		d.Events = []Event{}
	}
	for i := range d.Events {
		if d.Events[i].Places == nil {
			d.Events[i].Places = []string{}
		}
		if d.Events[i].Quantities == nil {
			d.Events[i].Quantities = []string{}
		}
	}
	if d.Relations == nil {
		d.Relations = []Relation{}
	}
	if d.Quotes == nil {
		d.Quotes = []Quote{}
	}
	if d.Places == nil {
		d.Places = []Place{}
	}
	for i := range d.Places {
		if d.Places[i].Mentions == nil {
			d.Places[i].Mentions = []Mention{}
		}
	}
	if d.Quantities == nil {
		d.Quantities = []Quantity{}
	}
	if d.Times == nil {
		d.Times = []TimeExpr{}
	}
	if d.Diagnostics == nil {
		d.Diagnostics = []Diagnostic{}
	}
}

// CheckSpans verifies that every span in the document lies inside Text on
// UTF-8 character boundaries; it returns a description of the first bad
// span, or "" when all are good. Tests and fuzzers use it as an invariant.
func (d *Doc) CheckSpans() string {
	n := len(d.Text)
	ok := func(s Span) bool {
		if !s.Valid(n) {
			return false
		}
		return boundary(d.Text, s.Start) && boundary(d.Text, s.End)
	}
	for i, s := range d.Sentences {
		if !ok(Span{s.Start, s.End}) {
			return "sentence " + strconv.Itoa(i)
		}
	}
	for i, t := range d.Tokens {
		if !ok(Span{t.Start, t.End}) || d.Text[t.Start:t.End] != t.Text {
			return "token " + strconv.Itoa(i)
		}
	}
	for i, e := range d.Entities {
		if !ok(Span{e.Start, e.End}) || d.Text[e.Start:e.End] != e.Text {
			return "entity " + strconv.Itoa(i)
		}
	}
	for i, a := range d.Actors {
		for _, m := range a.Mentions {
			if !ok(m.Span()) {
				return "actor " + strconv.Itoa(i) + " mention"
			}
		}
	}
	for i, e := range d.Events {
		if !ok(e.Evidence) {
			return "event " + strconv.Itoa(i) + " evidence"
		}
		for _, r := range []*ActorRef{e.Source, e.Target} {
			if r != nil && !ok(Span{r.Start, r.End}) {
				return "event " + strconv.Itoa(i) + " actor"
			}
		}
	}
	for i, q := range d.Quotes {
		if !ok(q.Span()) {
			return "quote " + strconv.Itoa(i)
		}
		if q.Speaker.End > 0 && !ok(Span{q.Speaker.Start, q.Speaker.End}) {
			return "quote " + strconv.Itoa(i) + " speaker"
		}
	}
	for i, p := range d.Places {
		for _, m := range p.Mentions {
			if !ok(m.Span()) {
				return "place " + strconv.Itoa(i) + " mention"
			}
		}
	}
	for i, q := range d.Quantities {
		if !ok(Span{q.Start, q.End}) {
			return "quantity " + strconv.Itoa(i)
		}
	}
	for i, t := range d.Times {
		if !ok(Span{t.Start, t.End}) {
			return "time " + strconv.Itoa(i)
		}
	}
	return ""
}

// boundary reports whether i does not cut a valid UTF-8 sequence; in
// invalid text every stray byte is a character of its own.
func boundary(s string, i int) bool {
	if i == 0 || i == len(s) || utf8.RuneStart(s[i]) {
		return true
	}
	for j := i - 1; j >= 0 && j >= i-utf8.UTFMax+1; j-- {
		if utf8.RuneStart(s[j]) {
			r, size := utf8.DecodeRuneInString(s[j:])
			return r == utf8.RuneError && size == 1 || j+size <= i
		}
	}
	return true
}

// Input is one document as it arrives: plain text or HTML plus whatever
// metadata came with it. Name identifies it in error messages (a file path,
// a JSONL record id, a URL).
type Input struct {
	ID        string `json:"id"`
	Name      string `json:"-"`
	Title     string `json:"title,omitempty"`
	Outlet    string `json:"outlet,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
	Text      string `json:"text,omitempty"`
	HTML      string `json:"html,omitempty"`
}

// Label returns the best name for the input in messages.
func (in Input) Label() string {
	switch {
	case in.Name != "":
		return in.Name
	case in.ID != "":
		return in.ID
	case in.URL != "":
		return in.URL
	}
	return "<input>"
}

// DocError is an error that fails one document; it names the document.
type DocError struct {
	Doc string // Input.Label()
	Err error
}

func (e *DocError) Error() string { return e.Doc + ": " + e.Err.Error() }

// Unwrap returns the underlying error.
func (e *DocError) Unwrap() error { return e.Err }
