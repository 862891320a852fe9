package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/sitrep/sitrep"
)

// runNetwork shows an actor's (or a dyad's) events by PLOVER type per
// month with cooperation against conflict, or, with --supports, who backs
// an actor, each with its evidence and sourcing.
func runNetwork(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "network", "[flags] ACTOR [ACTOR2] | --supports ACTOR")
	supports := fs.String("supports", "", "list the actors with SUPPORT, AID or COOPERATE events toward this `actor`")
	asJSON := fs.Bool("json", false, "print JSON")
	getConfig := dbFlags(fs, "store: SQLite file or postgres:// URL")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if *supports == "" && (len(pos) == 0 || len(pos) > 2) || *supports != "" && len(pos) > 0 {
		fs.Usage()
		return fmt.Errorf("%w: give one actor, two (a dyad), or --supports ACTOR", errUsage)
	}
	st, ix, err := openIndex(ctx, e, getConfig)
	if err != nil {
		return err
	}
	defer st.Close()
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if *supports != "" {
		sup, err := ix.Supporters(ctx, *supports)
		if err != nil {
			return err
		}
		if *asJSON {
			return enc.Encode(sup)
		}
		if len(sup) == 0 {
			fmt.Fprintf(e.stdout, "no SUPPORT, AID or COOPERATE events toward %s\n", strings.ToUpper(*supports))
			return nil
		}
		fmt.Fprintf(e.stdout, "who backs %s (SUPPORT, AID, COOPERATE), best corroborated first:\n", strings.ToUpper(*supports))
		for _, s := range sup {
			fmt.Fprintf(e.stdout, "%s (%s) %s: %s [%s]; %s\n", label(s.Name, s.Actor), s.Actor, strings.Join(s.Types, ","),
				strings.ToUpper(s.Label), s.Level, plural(s.Independent, "independent outlet", "independent outlets"))
			for _, r := range s.Reports {
				writeReportLine(e.stdout, "", r)
			}
			for _, r := range s.Denials {
				writeReportLine(e.stdout, "DENIAL ", r)
			}
		}
		return nil
	}
	a2 := ""
	if len(pos) == 2 {
		a2 = pos[1]
	}
	n, err := ix.Network(ctx, pos[0], a2)
	if err != nil {
		return err
	}
	if *asJSON {
		return enc.Encode(n)
	}
	who := n.Actor
	if n.Actor2 != "" {
		who += " and " + n.Actor2
	}
	fmt.Fprintf(e.stdout, "%s: %s (%d cooperation, %d conflict, mean tone %+.2f on -10..+10); %d negated or denied\n",
		who, plural(n.Events, "event", "events"), n.Cooperation, n.Conflict, n.Tone, n.Denied)
	if n.Events+n.Denied == 0 {
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "\nMONTH\tEVENTS\tCOOP\tCONFLICT\tTONE\tBY TYPE")
	for _, m := range n.Months {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%+.2f\t%s\n", dash(m.Month), m.Events, m.Cooperation, m.Conflict, m.Tone, byType(m.ByType))
	}
	fmt.Fprintln(tw, "\nSOURCE\tTYPE\tMODE\tTARGET\tEVENTS\tDENIED\tTONE\tSCORE")
	for _, k := range n.Types {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%+.0f\t%+.0f\n", dash(k.Source), k.Plover, dash(k.Mode), dash(k.Target), k.Events, k.Denied, k.Tone, k.Score)
	}
	if len(n.Partners) > 0 {
		fmt.Fprintln(tw, "\nPARTNER\tEVENTS\tCOOP\tCONFLICT\tTONE\t")
		for _, p := range n.Partners {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%+.2f\t\n", p.Actor, p.Events, p.Cooperation, p.Conflict, p.Tone)
		}
	}
	return tw.Flush()
}

// byType lists counts in PLOVER order: "AID 2, ASSAULT 1".
func byType(m map[string]int) string {
	var parts []string
	for _, t := range sitrep.PloverTypes {
		if m[t] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", t, m[t]))
		}
	}
	var other []string
	for t, n := range m {
		if !slices.Contains(sitrep.PloverTypes, t) {
			other = append(other, fmt.Sprintf("%s %d", t, n))
		}
	}
	sort.Strings(other)
	return strings.Join(append(parts, other...), ", ")
}
