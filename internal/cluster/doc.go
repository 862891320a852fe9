// Package cluster works across articles: it groups stored articles into
// stories (one happening told by several outlets over several days), matches
// each event claim with the other reports of it and grades how well it is
// corroborated, and builds an actor's network of events over time.
//
// # Stories
//
// Index.Add files one stored article under a story. Candidates are read
// through indexes only, so the cost does not grow with the store: the
// articles of the last and next Window days that share a claim (the same
// source actor, target actor and PLOVER type family) or one of the new
// article's rarest title/lede terms, at most PerKey per key and Max in all.
// Each candidate gets a similarity
//
//	sim = 0.4·claims + 0.3·entities + 0.3·text
//
// where claims is the overlap coefficient of the two articles' claim sets
// (claims whose events name different places do not count), entities that
// of the actors and resolved places they name, and text the TF-IDF cosine
// of titles and ledes (entities included as terms). The article joins the
// story of the best candidate when sim >= JoinAt and text >= MinText, or
// when text >= TextAt alone; otherwise it starts a new story. Entities
// keep stories together while the events stage codes little; claims make
// them precise once it does. A syndicated copy (internal/dedup's dup_of,
// else the same normalised text) joins the story of its original directly.
// An article joins one story: stories are never merged afterwards, so an
// update stays bounded.
//
// # Corroboration
//
// A claim is an event's source|target|family key; PLOVER types whose claims
// readers treat as the same are one family: SUPPORT, AID and COOPERATE
// ("backing"); ASSAULT and COERCE ("force"); ACCUSE and PROTEST
// ("criticism"); every other type is its own family. Historical events
// ("once supported") are a separate claim from current ones. Reports of a
// claim are its events in stored articles within ±ClaimWindow days; for a
// claim with one side unknown ("the Taliban attacked"), too vague to match
// across happenings, only the reports in the same story.
//
// Reports are collapsed in two steps: the syndicated copies of one text
// count once (the earliest copy stands for them) and then one outlet counts
// once. What remains are the independent outlets. Each rests on the
// strongest sourcing among its events of the claim:
//
//	named      a named person or organisation is cited for it
//	anonymous  only anonymous sources are cited ("The Mirror can reveal"
//	           followed by an unnamed intelligence source rests on that
//	           source, not on the outlet)
//	outlet     no source is cited: the outlet's own voice
//
// The level, weakest first (Rank 1..6):
//
//	single_anonymous           one independent outlet, anonymous sources only
//	single_outlet              one independent outlet, in its own voice
//	single_named               one independent outlet citing a named source
//	several_unnamed            two or more independent outlets, none naming a source
//	several_one_named          two or more, exactly one of them naming a source
//	several_independent_named  two or more outlets that each name a source
//
// Level is "none" (Rank 0) when the only reports are denials. A denial is
// an event of the same claim that has modality "denied" or is negated as a
// statement of fact ("China denies backing the Taliban", "China has never
// supported the Taliban"; a negated hope, intent or hypothesis, "would
// not shelter", is a pledge, neither report nor denial, and is left out);
// any denial makes the claim Contested, whatever
// its level. An article that carries a denial is not also counted as an
// unsourced report of the claim it denies (it restates what is denied).
//
// Corroboration is computed when asked (API, CLI), not stored in the
// analyses: it changes as articles arrive, and the analysis contract
// describes one document.
//
// # Network
//
// Network counts an actor's (or a dyad's) events per month (the event's
// date where the text gives one, else the publication month; undated for a
// historical event), PLOVER type and mode, syndicated copies left out, and scores them with Tone: the cooperation (+) or conflict (-)
// weight of each PLOVER type (export.Tone, a -10..+10 scale in the spirit of
// Goldstein's), refined for some modes (see modeTone). Negated and denied
// events are counted apart and never scored.
package cluster
