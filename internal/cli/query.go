package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/sitrep/sitrep/internal/export"
	"github.com/sitrep/sitrep/internal/store"
)

// eventFlags registers the event filters shared by query and export.
func eventFlags(fs *flag.FlagSet) *store.EventFilter {
	f := &store.EventFilter{}
	fs.StringVar(&f.Actor, "actor", "", "source or target actor: code (CHN) or name")
	fs.StringVar(&f.Source, "source", "", "source actor")
	fs.StringVar(&f.Target, "target", "", "target actor")
	fs.StringVar(&f.Type, "type", "", "PLOVER event type (AID, ASSAULT, ...)")
	fs.StringVar(&f.Place, "place", "", "place name or GeoNames id")
	fs.StringVar(&f.From, "from", "", "event date on or after `YYYY[-MM[-DD]]`")
	fs.StringVar(&f.To, "to", "", "event date on or before `YYYY[-MM[-DD]]`")
	fs.StringVar(&f.Sourcing, "sourcing", "", "speaker kind: named_person, named_org, anonymous, outlet, unattributed")
	fs.StringVar(&f.Text, "search", "", "full-text search over the articles")
	return f
}

func runQuery(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "query", "[filters] [--docs]")
	f := eventFlags(fs)
	docs := fs.Bool("docs", false, "list matching articles instead of events (uses --search)")
	asJSON := fs.Bool("json", false, "print JSON lines")
	limit := fs.Int("limit", 50, "at most this many rows")
	getConfig := dbFlags(fs, "store: SQLite file or postgres:// URL")
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	_, st, err := openStore(ctx, getConfig)
	if err != nil {
		return err
	}
	defer st.Close()
	f.Limit = *limit
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	if *docs {
		rows, err := st.Docs(ctx, store.DocFilter{Page: f.Page, Query: f.Text})
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		for _, r := range rows {
			if *asJSON {
				enc.Encode(r)
				continue
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d events\n", r.ID, r.Published, r.Outlet, clip(r.Title, 70), r.Events)
		}
		return tw.Flush()
	}
	rows, err := st.Events(ctx, *f)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	if !*asJSON {
		fmt.Fprintln(tw, "DATE\tSOURCE\tEVENT\tTARGET\tPLACE\tACCORDING TO\tARTICLE")
	}
	for _, r := range rows {
		if *asJSON {
			enc.Encode(r)
			continue
		}
		ev := r.Plover
		if r.Negated {
			ev = "NOT " + ev
		}
		date := r.Date
		if date == "" {
			date = r.Published + "*"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d %s\n", date, label(r.SourceName, r.Source), ev+" ("+r.Modality+")",
			label(r.TargetName, r.Target), r.Place, strings.TrimSpace(r.SpeakerKind+" "+clip(r.Speaker, 30)), r.DocID, clip(r.Title, 40))
	}
	return tw.Flush()
}

func label(name, code string) string {
	switch {
	case name != "":
		return name
	case code != "":
		return code
	}
	return "—"
}

func runExport(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "export", "--format csv|jsonl|geojson|graphml|plover [filters]")
	format := fs.String("format", "csv", "csv (ACLED-like), jsonl (whole analyses), geojson, graphml (actor network), plover")
	f := eventFlags(fs)
	getConfig := dbFlags(fs, "store: SQLite file or postgres:// URL")
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	_, st, err := openStore(ctx, getConfig)
	if err != nil {
		return err
	}
	defer st.Close()
	if *format == "jsonl" {
		return exportDocs(ctx, e, st, f.Text)
	}
	var all []store.EventRow
	f.Limit = 1000
	for {
		rows, err := st.Events(ctx, *f)
		if err != nil {
			return err
		}
		all = append(all, rows...)
		if len(rows) < f.Limit {
			break
		}
		f.Offset += len(rows)
	}
	return export.Write(e.stdout, *format, all)
}

// exportDocs writes every stored analysis (or those matching a search) as
// JSON lines, in the contract's shape.
func exportDocs(ctx context.Context, e *env, st store.Store, query string) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	p := store.Page{Limit: 1000}
	for {
		rows, err := st.Docs(ctx, store.DocFilter{Page: p, Query: query})
		if err != nil {
			return err
		}
		for _, r := range rows {
			d, err := st.Doc(ctx, r.ID)
			if err != nil {
				return err
			}
			if err := enc.Encode(d); err != nil {
				return err
			}
		}
		if len(rows) < p.Limit {
			return nil
		}
		p.Offset += len(rows)
	}
}
