package cli

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep"
)

// writeReport writes the human situation report of one analysed document:
// who did what to whom, where, when, and according to whom.
func writeReport(out io.Writer, d *sitrep.Doc) error {
	w := bufio.NewWriter(out)
	actors := map[string]*sitrep.Actor{}
	for i := range d.Actors {
		actors[d.Actors[i].ID] = &d.Actors[i]
	}
	places := map[string]*sitrep.Place{}
	for i := range d.Places {
		places[d.Places[i].ID] = &d.Places[i]
	}
	quotes := map[string]*sitrep.Quote{}
	for i := range d.Quotes {
		quotes[d.Quotes[i].ID] = &d.Quotes[i]
	}

	title := string(d.Title)
	if title == "" {
		title = "(untitled)"
	}
	fmt.Fprintln(w, title)
	var meta []string
	for _, s := range []sitrep.NullString{d.Outlet, d.Published, d.URL} {
		if s != "" {
			meta = append(meta, string(s))
		}
	}
	if d.Published == "" {
		meta = append(meta, "no publication date")
	}
	fmt.Fprintln(w, strings.Join(meta, " · "))
	fmt.Fprintln(w, strings.Repeat("─", 72))
	fmt.Fprintf(w, "SOURCING  %s\n", sourcingLine(d.Sourcing, "claim"))
	if len(d.Events) > 0 {
		// The same profile over events alone: who did what to whom rests
		// on whose word.
		var ev sitrep.Sourcing
		for _, e := range d.Events {
			kind := sitrep.SpeakerUnattributed
			if q, ok := quotes[string(e.Attribution)]; ok {
				kind = q.Speaker.Kind
			}
			ev.Add(kind)
		}
		fmt.Fprintf(w, "          %s\n", sourcingLine(ev, "event"))
	}

	section(w, "EVENTS", len(d.Events))
	for _, ev := range d.Events {
		fmt.Fprintf(w, "%4s  %s\n", ev.ID, eventLine(ev, actors, places, quotes))
		fmt.Fprintf(w, "     %q\n", clip(d.Slice(ev.Evidence), 110))
	}
	if len(d.Relations) > 0 {
		section(w, "RELATIONS", len(d.Relations))
		for _, r := range d.Relations {
			fmt.Fprintf(w, "  %s %s %s\n", r.From, relWords(r.Type), r.To)
		}
	}
	section(w, "QUOTES AND CLAIMS", len(d.Quotes))
	for _, q := range d.Quotes {
		mark := "said"
		if q.Direct {
			mark = "quoted"
		}
		hedge := ""
		if q.Hedged {
			hedge = " [hedged: " + strings.Join(q.Hedges, ", ") + "]"
		}
		sp := q.Speaker.Text
		if sp == "" {
			sp = "(no speaker)"
		}
		fmt.Fprintf(w, "  %s (%s) %s%s:\n     %q\n", sp, q.Speaker.Kind, mark, hedge, clip(q.Text, 110))
	}
	section(w, "ACTORS", len(d.Actors))
	for _, a := range d.Actors {
		var tags []string
		tags = append(tags, a.Type)
		if a.Country != "" {
			tags = append(tags, string(a.Country))
		}
		if a.Sector != "" {
			tags = append(tags, string(a.Sector))
		}
		fmt.Fprintf(w, "  %-10s %s (%s) · %s\n", a.ID, a.Name, strings.Join(tags, ", "), plural(len(a.Mentions), "mention", "mentions"))
	}
	section(w, "PLACES", len(d.Places))
	for _, p := range d.Places {
		fmt.Fprintf(w, "  %s\n", placeLine(p))
	}
	if len(d.Quantities) > 0 || len(d.Times) > 0 {
		section(w, "NUMBERS AND TIMES", len(d.Quantities)+len(d.Times))
		for _, q := range d.Quantities {
			v := "?"
			if q.Value != nil {
				v = strconv.FormatFloat(*q.Value, 'f', -1, 64)
			}
			of := ""
			if q.Of != "" {
				of = " of " + string(q.Of)
			}
			fmt.Fprintf(w, "  %q = %s (%s)%s\n", q.Text, v, q.Bound, of)
		}
		for _, t := range d.Times {
			v := "unresolved"
			if t.Value != "" {
				v = string(t.Value)
			}
			fmt.Fprintf(w, "  %q = %s (%s)\n", t.Text, v, t.Type)
		}
	}
	if len(d.Removed) > 0 {
		section(w, "REMOVED", len(d.Removed))
		for _, r := range d.Removed {
			fmt.Fprintf(w, "  [%s] %s\n", r.Reason, clip(r.Text, 100))
		}
	}
	if len(d.Diagnostics) > 0 {
		section(w, "DIAGNOSTICS", len(d.Diagnostics))
		for _, g := range d.Diagnostics {
			fmt.Fprintf(w, "  %s: %s\n", g.Stage, g.Message)
		}
	}
	return w.Flush()
}

func section(w io.Writer, name string, n int) {
	fmt.Fprintf(w, "\n%s (%d)\n", name, n)
	if n == 0 {
		fmt.Fprintln(w, "  none found")
	}
}

// sourcingLine says in one line on whose word the claims (or events) rest, the largest
// share first: "6 of 9 claims rest on anonymous sources; 2 on named
// organisations; 1 on the outlet itself".
func sourcingLine(s sitrep.Sourcing, noun string) string {
	if s.Claims == 0 {
		return "no " + noun + "s found"
	}
	kinds := []struct {
		n    int
		what string
	}{
		{s.ByKind.Anonymous, "anonymous sources"},
		{s.ByKind.NamedPerson, "named people"},
		{s.ByKind.NamedOrg, "named organisations"},
		{s.ByKind.Outlet, "the outlet itself"},
		{s.ByKind.Unattributed, "nobody (unattributed)"},
	}
	sort.SliceStable(kinds, func(i, j int) bool { return kinds[i].n > kinds[j].n })
	var parts []string
	for i, k := range kinds {
		if k.n == 0 {
			continue
		}
		if i == 0 {
			parts = append(parts, fmt.Sprintf("%d of %s rest on %s", k.n, plural(s.Claims, noun, noun+"s"), k.what))
		} else {
			parts = append(parts, fmt.Sprintf("%d on %s", k.n, k.what))
		}
	}
	return strings.Join(parts, "; ")
}

func actorText(r *sitrep.ActorRef, actors map[string]*sitrep.Actor) string {
	if r == nil {
		return "(unknown)"
	}
	if a, ok := actors[r.Actor]; ok {
		return a.Name
	}
	return r.Text
}

func eventLine(ev sitrep.Event, actors map[string]*sitrep.Actor, places map[string]*sitrep.Place, quotes map[string]*sitrep.Quote) string {
	var b strings.Builder
	b.WriteString(actorText(ev.Source, actors))
	b.WriteString("  ")
	if ev.Negated {
		b.WriteString("NOT ")
	}
	b.WriteString(ev.Plover)
	if ev.Cameo != "" {
		b.WriteString("/" + string(ev.Cameo))
	}
	b.WriteString("  ")
	b.WriteString(actorText(ev.Target, actors))
	var where []string
	for _, id := range ev.Places {
		if p, ok := places[id]; ok {
			where = append(where, p.Name)
		}
	}
	if len(where) > 0 {
		b.WriteString(" · in " + strings.Join(where, ", "))
	}
	if ev.Date != "" {
		b.WriteString(" · " + string(ev.Date))
	}
	b.WriteString(" · " + ev.Modality)
	if ev.Historical {
		b.WriteString(", historical")
	}
	if q, ok := quotes[string(ev.Attribution)]; ok && ev.Attribution != "" {
		fmt.Fprintf(&b, " · according to %s (%s)", q.Speaker.Text, q.Speaker.Kind)
	} else {
		b.WriteString(" · outlet's own voice")
	}
	if ev.Same != "" {
		b.WriteString(" · same as " + string(ev.Same))
	}
	return b.String()
}

func relWords(t string) string {
	switch t {
	case sitrep.RelExchange:
		return "in exchange for"
	case sitrep.RelPurpose:
		return "in order to"
	case sitrep.RelCause:
		return "because of"
	case sitrep.RelCondition:
		return "if"
	case sitrep.RelContradiction:
		return "contradicts"
	}
	return t
}

func placeLine(p sitrep.Place) string {
	var b strings.Builder
	b.WriteString(p.Name)
	var tags []string
	tags = append(tags, p.Feature)
	if p.Admin1 != "" && p.Feature != sitrep.FeatureAdmin1 {
		tags = append(tags, string(p.Admin1))
	}
	if p.Country != "" {
		tags = append(tags, string(p.Country))
	}
	fmt.Fprintf(&b, " (%s)", strings.Join(tags, ", "))
	if p.Lat != nil && p.Lon != nil {
		fmt.Fprintf(&b, " %.2f, %.2f", *p.Lat, *p.Lon)
	} else {
		b.WriteString(" unresolved")
	}
	return b.String()
}
