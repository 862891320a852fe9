package events

import (
	"github.com/sitrep/sitrep"
)

// emit turns the candidates into Doc.Events and Doc.Relations: one event
// per source/target pair, dropping absorbed complements and participant-less
// nominals, then links repeats (Same) and denials (contradiction).
func (w *work) emit() {
	d := w.doc
	n := 0
	byCand := map[*cand][]string{}
	// A sentence that codes someone doing something does not also need
	// its participant-less events ("... if war starts").
	withActors := map[int]bool{}
	for _, c := range w.cands {
		if !c.absorbed && len(c.src)+len(c.tgt)+len(c.pairs) > 0 {
			withActors[c.sent] = true
		}
	}
	bySent := map[int][]*cand{}
	for _, c := range w.cands {
		bySent[c.sent] = append(bySent[c.sent], c)
	}
	for _, c := range w.cands {
		if c.absorbed {
			continue
		}
		hasActors := len(c.src)+len(c.tgt)+len(c.pairs) > 0
		if !hasActors && withActors[c.sent] {
			continue
		}
		placeOnly := false
		if !hasActors && !c.relIn {
			if !(c.plover == "ASSAULT" || c.plover == "PROTEST" || c.plover == "COERCE") || c.e.Anchor {
				continue
			}
			placeOnly = true
		}
		if c.e.Anchor && !c.relIn || c.e.TgtReq && !w.objectTarget(c) {
			continue
		}
		type pair struct{ s, t *ref }
		var ps []pair
		switch {
		case len(c.pairs) > 0:
			for _, p := range c.pairs {
				ps = append(ps, pair{p[0], p[1]})
			}
		default:
			srcs := refsOrNil(c.src, 4)
			tgts := refsOrNil(c.tgt, 4)
			for _, s := range srcs {
				for _, t := range tgts {
					if s != nil && t != nil && s.actor == t.actor {
						continue
					}
					ps = append(ps, pair{s, t})
				}
			}
		}
		trig := w.span(c.first, c.last)
		for _, p := range ps {
			n++
			ev := sitrep.Event{
				ID:       eventID(n),
				Sentence: c.sent,
				Source:   w.actorRef(p.s),
				Target:   w.actorRef(p.t),
				Plover:   c.plover,
				Mode:     sitrep.NullString(c.mode),
				Cameo:    sitrep.NullString(c.cameo),
				Negated:  c.neg,
				Modality: c.modality,
				Evidence: w.span(c.cs, c.ce),
			}
			if ev.Modality == "" {
				ev.Modality = sitrep.ModAsserted
			}
			if ev.Modality == sitrep.ModDenied {
				ev.Negated = false
			}
			t := trig
			ev.Trigger = &t
			if c.instigator != nil {
				ev.Instigator = w.actorRef(c.instigator)
			}
			applyQuote(d, &ev, trig)
			w.setWhereWhen(c, &ev, bySent[c.sent])
			if placeOnly && len(ev.Quantities) == 0 && (len(ev.Places) == 0 || !c.verbal && w.inPPOfOther(c)) {
				// Violence with neither participants nor a place says nothing.
				n--
				continue
			}
			ev.Historical = c.historical
			if dup(d.Events, &ev) {
				n--
				continue
			}
			d.Events = append(d.Events, ev)
			byCand[c] = append(byCand[c], ev.ID)
		}
	}
	for _, r := range w.rels {
		for _, f := range byCand[r.from] {
			for _, t := range byCand[r.to] {
				if f != t {
					d.Relations = append(d.Relations, sitrep.Relation{Type: r.typ, From: f, To: t, Evidence: r.ev})
				}
			}
		}
	}
	w.sameAndContradiction()
}

func refsOrNil(rs []ref, max int) []*ref {
	if len(rs) == 0 {
		return []*ref{nil}
	}
	if len(rs) > max {
		rs = rs[:max]
	}
	out := make([]*ref, len(rs))
	for i := range rs {
		out[i] = &rs[i]
	}
	return out
}

func (w *work) actorRef(r *ref) *sitrep.ActorRef {
	if r == nil {
		return nil
	}
	s := w.span(r.first, r.last)
	// Prefer the mention's exact span when the ref is a mention.
	for _, m := range w.ment {
		if m.first == r.first && m.last == r.last && m.actor == r.actor {
			s = sitrep.Span{Start: m.start, End: m.end}
			break
		}
	}
	return &sitrep.ActorRef{Actor: w.doc.Actors[r.actor].ID, Text: w.doc.Text[s.Start:s.End], Start: s.Start, End: s.End}
}

// dup reports whether ev repeats an event already coded from the same
// trigger with the same participants.
func dup(evs []sitrep.Event, ev *sitrep.Event) bool {
	for i := len(evs) - 1; i >= 0 && i >= len(evs)-8; i-- {
		e := &evs[i]
		if e.Plover == ev.Plover && *e.Trigger == *ev.Trigger && refActor(e.Source) == refActor(ev.Source) && refActor(e.Target) == refActor(ev.Target) {
			return true
		}
	}
	return false
}

// objectTarget reports whether c's target is the object right after it
// ("called Xi", "called the Iranian president"), not a place or a phrase
// further on ("called the attack abhorrent", "the UN mission in
// Afghanistan called ...").
func (w *work) objectTarget(c *cand) bool {
	return len(c.tgt) > 0 && !c.locTgt && c.tgt[0].first > c.end && c.tgt[0].first <= c.end+4
}

// sameCountry reports whether actors a and b are one actor or belong to
// one country (ETH and ETHMIL).
func (w *work) sameCountry(a, b string) bool {
	if a == b {
		return true
	}
	var ca, cb sitrep.NullString
	for i := range w.doc.Actors {
		switch w.doc.Actors[i].ID {
		case a:
			ca = w.doc.Actors[i].Country
		case b:
			cb = w.doc.Actors[i].Country
		}
	}
	return ca != "" && ca == cb
}

// cameo3 is a CAMEO code's first three digits ("1722" -> "172").
func cameo3(c string) string { return c[:min(len(c), 3)] }

func refActor(r *sitrep.ActorRef) string {
	if r == nil {
		return ""
	}
	return r.Actor
}

// sameAndContradiction links later tellings of one happening to the first
// (Event.Same) and a denied event to the asserted one it contradicts.
func (w *work) sameAndContradiction() {
	d := w.doc
	for i := range d.Events {
		e := &d.Events[i]
		if e.Source == nil && e.Target == nil {
			continue
		}
		if e.Modality == sitrep.ModDenied && e.Source == nil && e.Target != nil {
			// "Ethiopia denied the accusation": the latest accusation
			// against the same country.
			for j := i - 1; j >= 0; j-- {
				if o := &d.Events[j]; o.Plover == e.Plover && o.Modality != sitrep.ModDenied && o.Target != nil &&
					w.sameCountry(o.Target.Actor, e.Target.Actor) {
					d.Relations = append(d.Relations, sitrep.Relation{Type: sitrep.RelContradiction, From: e.ID, To: o.ID, Evidence: e.Evidence})
					break
				}
			}
			continue
		}
		for j := 0; j < i; j++ {
			o := &d.Events[j]
			if o.Plover != e.Plover || refActor(o.Source) != refActor(e.Source) || refActor(o.Target) != refActor(e.Target) {
				continue
			}
			if (o.Modality == sitrep.ModDenied) != (e.Modality == sitrep.ModDenied) {
				if o.Sentence == e.Sentence {
					// "denied targeting civilians and said its strikes hit
					// military sites": two claims, not one denied.
					continue
				}
				den, other := e, o
				if o.Modality == sitrep.ModDenied {
					den, other = o, e
				}
				d.Relations = append(d.Relations, sitrep.Relation{Type: sitrep.RelContradiction, From: den.ID, To: other.ID, Evidence: den.Evidence})
				break
			}
			if o.Negated != e.Negated || o.Historical != e.Historical || cameo3(string(o.Cameo)) != cameo3(string(e.Cameo)) {
				continue // summoning an envoy is not the accusation told before
			}
			if o.Date != "" && e.Date != "" && o.Date != e.Date {
				continue
			}
			root := o.ID
			if o.Same != "" {
				root = string(o.Same)
			}
			e.Same = sitrep.NullString(root)
			break
		}
	}
}

// inPPOfOther reports whether nominal c sits in a prepositional phrase
// ("in the fight against", "after a week of unrest", "since the war"): a
// circumstance of another statement rather than a reported happening.
func (w *work) inPPOfOther(c *cand) bool {
	return c.vg > 0 && (isPrep(w.low[c.vg-1]) || w.pos(c.vg-1) == "ADP")
}
