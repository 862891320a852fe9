package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/sitrep/sitrep/internal/cluster"
	"github.com/sitrep/sitrep/internal/config"
	"github.com/sitrep/sitrep/internal/store"
)

// openIndex opens the store named by --db (or the configuration) and its
// story index, bringing the index up to date with every stored article.
func openIndex(ctx context.Context, e *env, getConfig func() (config.Config, error)) (store.Store, *cluster.Index, error) {
	_, st, err := openStore(ctx, getConfig)
	if err != nil {
		return nil, nil, err
	}
	ix, err := cluster.Open(st, cluster.DefaultOptions())
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	n, err := ix.Sync(ctx)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	if n > 0 {
		fmt.Fprintf(e.stderr, "indexed %s into stories\n", plural(n, "new article", "new articles"))
	}
	return st, ix, nil
}

// runStories lists stories (articles about one happening across outlets
// and days), shows one story with the corroboration of its claims, or the
// corroboration section of one article.
func runStories(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "stories", "[flags] [STORY_ID]")
	doc := fs.Int64("doc", 0, "show the corroboration of each claim of this article `id`")
	minArticles := fs.Int("min", 2, "list stories with at least this many articles")
	claims := fs.Bool("claims", false, "with the list, show each story's claims")
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", 50, "at most this many stories")
	getConfig := dbFlags(fs, "store: SQLite file or postgres:// URL")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		fs.Usage()
		return fmt.Errorf("%w: at most one story id", errUsage)
	}
	st, ix, err := openIndex(ctx, e, getConfig)
	if err != nil {
		return err
	}
	defer st.Close()
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	switch {
	case *doc != 0:
		dc, err := ix.Doc(ctx, *doc)
		if err != nil {
			return err
		}
		if *asJSON {
			return enc.Encode(dc)
		}
		fmt.Fprintf(e.stdout, "article %d, story %d\n", dc.DocID, dc.StoryID)
		return writeClaims(e.stdout, dc.Claims)
	case len(pos) == 1:
		id, err := strconv.ParseInt(pos[0], 10, 64)
		if err != nil {
			return fmt.Errorf("%w: story id %q: want a number", errUsage, pos[0])
		}
		s, err := ix.Story(ctx, id)
		if err != nil {
			return err
		}
		if *asJSON {
			return enc.Encode(s)
		}
		return writeStory(e.stdout, s)
	}
	rows, err := ix.Stories(ctx, store.StoryFilter{Page: store.Page{Limit: *limit}, MinArticles: *minArticles})
	if err != nil {
		return err
	}
	if *asJSON && !*claims {
		return enc.Encode(rows)
	}
	if len(rows) == 0 {
		fmt.Fprintf(e.stdout, "no story with %d or more articles\n", *minArticles)
		return nil
	}
	var full []cluster.Story
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	if !*asJSON {
		fmt.Fprintln(tw, "STORY\tFIRST\tLAST\tARTICLES\tORIGINALS\tOUTLETS\tTITLE")
	}
	for _, r := range rows {
		if *claims {
			s, err := ix.Story(ctx, r.ID)
			if err != nil {
				return err
			}
			full = append(full, s)
			if *asJSON {
				continue
			}
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%d\t%d\t%s\n", r.ID, dash(r.First), dash(r.Last), r.Articles, r.Originals, r.Outlets, clip(r.Title, 70))
	}
	if *asJSON {
		return enc.Encode(full)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, s := range full {
		fmt.Fprintln(e.stdout)
		if err := writeStory(e.stdout, s); err != nil {
			return err
		}
	}
	return nil
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func writeStory(w io.Writer, s cluster.Story) error {
	fmt.Fprintf(w, "story %d: %s\n", s.ID, s.Title)
	fmt.Fprintf(w, "%s, %s (syndicated copies collapsed), %s, %s to %s\n", plural(s.Articles, "article", "articles"),
		plural(s.Originals, "original text", "original texts"), plural(s.Outlets, "outlet", "outlets"), dash(s.First), dash(s.Last))
	for _, d := range s.Docs {
		copyOf := ""
		if d.Origin != d.DocID {
			copyOf = fmt.Sprintf("  (copy of %d)", d.Origin)
		}
		fmt.Fprintf(w, "  %d\t%s\t%s\t%s%s\n", d.DocID, dash(d.Published), dash(d.Outlet), clip(d.Title, 60), copyOf)
	}
	return writeClaims(w, s.Claims)
}

// writeClaims prints each claim with its level, then its independent
// reports and denials with their sourcing.
func writeClaims(w io.Writer, claims []cluster.Claim) error {
	if len(claims) == 0 {
		fmt.Fprintln(w, "no event claims")
		return nil
	}
	fmt.Fprintln(w, "claims:")
	for _, c := range claims {
		types := strings.Join(c.Types, ",")
		if types == "" {
			types = c.Family
		}
		past := ""
		if c.Historical {
			past = " (past)"
		}
		fmt.Fprintf(w, "  %s → %s  %s%s: %s [%s]; %s", label(c.SourceName, c.Source), label(c.TargetName, c.Target), types, past,
			strings.ToUpper(c.Label), c.Level, plural(c.Independent, "independent outlet", "independent outlets"))
		if c.Earliest != nil {
			fmt.Fprintf(w, ", first %s %s", dash(c.Earliest.Published), dash(c.Earliest.Outlet))
		}
		fmt.Fprintln(w)
		for _, r := range c.Reports {
			writeReportLine(w, "", r)
		}
		for _, r := range c.Denials {
			writeReportLine(w, "DENIAL ", r)
		}
	}
	return nil
}

func writeReportLine(w io.Writer, prefix string, r cluster.Report) {
	by := cluster.SourcedOutlet + " (own voice)"
	if r.Sourcing != cluster.SourcedOutlet {
		by = r.Sourcing + ": " + clip(r.Speaker, 40)
	}
	copies := ""
	if n := len(r.Copies); n > 0 {
		copies = "  +" + plural(n, "copy", "copies") + " collapsed"
	}
	fmt.Fprintf(w, "      %s%s %s (article %d), %s%s\n", prefix, dash(r.Published), dash(r.Outlet), r.DocID, by, copies)
	if r.Evidence != "" {
		fmt.Fprintf(w, "        %q\n", clip(r.Evidence, 110))
	}
}
