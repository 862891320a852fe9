package events

import (
	"slices"

	"github.com/sitrep/sitrep"
)

// pendingRel is a relation between candidates before ids are known.
type pendingRel struct {
	typ      string
	from, to *cand
	ev       sitrep.Span
}

// relations links the events of one sentence through relation cues:
// exchange ("in exchange for"), purpose ("in order to"), cause ("after",
// "in retaliation for") and condition ("if", "unless").
func (w *work) relations(sc []*cand, first, limit int) {
	for k := first; k < limit; k++ {
		cu, n := w.cueAt(k, CueExchange, CuePurpose, CueCause, CueCondition)
		if cu == nil {
			continue
		}
		after := k + n
		// The counterpart: the first event after the cue, preferring one
		// with a participant among the first two.
		var cands []*cand
		for _, c := range sc {
			if c.head >= after && !c.absorbed && c.head-after < 12 {
				cands = append(cands, c)
			}
		}
		if len(cands) == 0 {
			continue
		}
		counter := cands[0]
		if len(counter.src)+len(counter.tgt)+len(counter.pairs) == 0 && len(cands) > 1 && cands[1].head-after < 8 &&
			len(cands[1].src)+len(cands[1].tgt)+len(cands[1].pairs) > 0 && w.linked(counter.last, cands[1].first) {
			// "help in oppressing X": the content of the help.
			counter = cands[1]
		}
		// Bare "to" is a purpose only before a verbal event right after it
		// that no control verb has taken.
		if cu.Class == CuePurpose && cu.Words[0] == "to" && len(cu.Words) == 1 {
			if !counter.verbal || counter.vg > k || k == first {
				continue
			}
			if p := w.low[k-1]; w.lem[k-1] != "" || isAux(p) || isAdverb(p) {
				continue
			}
		}
		// "after" and "following" are causes only before an event, not a
		// time ("after 20 years of war").
		if cu.Class == CueCause && (cu.Words[0] == "after" || cu.Words[0] == "following") && !counter.verbal && !w.eventPhraseAt(after, counter.first) {
			continue
		}
		// The main event: the nearest before the cue, else the first after
		// the counterpart's phrase.
		var main *cand
		for _, c := range sc {
			if c.head < k && !c.absorbed && c != counter {
				main = c
			}
		}
		if main == nil {
			for _, c := range sc {
				if c.head > counter.end && !c.absorbed {
					main = c
					break
				}
			}
		}
		if main == nil {
			continue
		}
		lo, hi := min(main.first, k), max(counter.last, main.last)
		r := pendingRel{typ: cu.Class, ev: w.span(lo, hi)}
		switch cu.Class {
		case CueExchange, CuePurpose:
			r.from, r.to = main, counter
		default:
			r.from, r.to = counter, main
		}
		main.relIn, counter.relIn = true, true
		switch cu.Class {
		case CueExchange:
			// Quid pro quo: the counterpart is done by the main event's
			// target, for its source.
			if len(counter.src) == 0 && len(main.tgt) > 0 && benefits(main.plover) {
				counter.src = retext(main.tgt)
			}
			if len(counter.tgt) == 0 && len(main.src) > 0 {
				counter.tgt = retext(main.src)
			}
		case CuePurpose:
			if len(counter.src) == 0 {
				counter.src = retext(main.src)
			}
		case CueCondition:
			counter.modality = sitrep.ModHypothetical
		}
		w.rels = append(w.rels, r)
		k = after - 1
	}
}

// retext copies refs; their words stay those of the other event.
func retext(rs []ref) []ref { return slices.Clone(rs) }

// eventPhraseAt reports whether the tokens [from, to) are only
// determiners and modifiers, so that the cue governs the event noun
// itself and not a time ("after 20 years of war").
func (w *work) eventPhraseAt(from, to int) bool {
	for j := from; j < to; j++ {
		l := w.low[j]
		if isDigits(l) || l == "years" || l == "months" || l == "weeks" || l == "days" || l == "decades" || l == "of" && j > from && (isDigits(w.low[j-1]) || hasSuffix(w.low[j-1], "s")) {
			return false
		}
	}
	return to-from <= 4
}

// benefits reports whether an event of type t does its target a good turn,
// so that in an exchange the target pays back.
func benefits(t string) bool {
	switch t {
	case "AGREE", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "CONSULT":
		return true
	}
	return false
}

// linked reports whether only prepositions, determiners and "to" join
// token a to token b ("help in oppressing").
func (w *work) linked(a, b int) bool {
	if b-a > 4 {
		return false
	}
	for j := a + 1; j < b; j++ {
		if l := w.low[j]; !(isPrep(l) || isDet(l) || isAdverb(l)) || w.mAt[j] >= 0 {
			return false
		}
	}
	return true
}
