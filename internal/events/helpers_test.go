package events

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/segment"
)

// actorSpec is a hand-built actor: id, type, sector and the phrases that
// mention it (every occurrence, whole words).
type actorSpec struct {
	id, typ, sector string
	phrases         []string
}

// mkDoc builds a document with tokens and sentences from the segmenter
// and actor mentions found by exact phrase.
func mkDoc(t testing.TB, text string, actors ...actorSpec) *sitrep.Doc {
	t.Helper()
	d := &sitrep.Doc{Text: text}
	segment.Split(d)
	for _, a := range actors {
		act := sitrep.Actor{ID: a.id, Name: a.id, Type: a.typ, Sector: sitrep.NullString(a.sector)}
		if len(a.id) >= 3 && a.typ == sitrep.ActorCountry {
			act.Country = sitrep.NullString(a.id[:3])
		}
		for _, p := range a.phrases {
			for off := 0; ; {
				i := strings.Index(text[off:], p)
				if i < 0 {
					break
				}
				s := off + i
				e := s + len(p)
				off = e
				if s > 0 && isWordByte(text[s-1]) || e < len(text) && isWordByte(text[e]) {
					continue
				}
				act.Mentions = append(act.Mentions, sitrep.Mention{Start: s, End: e, Text: p})
			}
		}
		d.Actors = append(d.Actors, act)
	}
	return d
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// addPlace adds a place with mentions of every occurrence of name.
func addPlace(d *sitrep.Doc, id, name string) {
	p := sitrep.Place{ID: id, Name: name, Feature: sitrep.FeatureCity}
	for off := 0; ; {
		i := strings.Index(d.Text[off:], name)
		if i < 0 {
			break
		}
		s := off + i
		p.Mentions = append(p.Mentions, sitrep.Mention{Start: s, End: s + len(name)})
		off = s + len(name)
	}
	d.Places = append(d.Places, p)
}

// brief renders events compactly: "SRC TYPE TGT [flags]".
func brief(d *sitrep.Doc) []string {
	var out []string
	for _, e := range d.Events {
		out = append(out, briefEvent(e))
	}
	return out
}

func briefEvent(e sitrep.Event) string {
	s := fmt.Sprintf("%s %s %s", orDash(e.Source), e.Plover, orDash(e.Target))
	var fl []string
	if e.Negated {
		fl = append(fl, "neg")
	}
	if e.Modality != sitrep.ModAsserted {
		fl = append(fl, e.Modality)
	}
	if e.Historical {
		fl = append(fl, "hist")
	}
	if e.Instigator != nil {
		fl = append(fl, "by:"+e.Instigator.Actor)
	}
	if e.Same != "" {
		fl = append(fl, "same")
	}
	if len(fl) > 0 {
		s += " [" + strings.Join(fl, ",") + "]"
	}
	return s
}

func orDash(r *sitrep.ActorRef) string {
	if r == nil {
		return "-"
	}
	return r.Actor
}
