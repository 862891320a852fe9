// Package cli implements the sitrep command line: one file per subcommand.
// Run is a plain function over arguments and streams so that tests can call
// it directly.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"github.com/sitrep/sitrep/internal/config"
	"github.com/sitrep/sitrep/internal/store"
)

// env is what a subcommand sees of the process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

type command struct {
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

var commands = map[string]command{
	"actors":   {"show each actor mention in a text and why it resolved so", runActors},
	"analyze":  {"analyze one article (or a JSONL batch) and print the analysis", runAnalyze},
	"eval":     {"measure accuracy on gold data: eval SUITE [--data DIR]", runEval},
	"config":   {"print the effective configuration", runConfig},
	"ingest":   {"analyse files, folders and JSONL (also .gz) into the store", runIngest},
	"serve":    {"serve the JSON API and the web UI over a store", runServe},
	"query":    {"list stored events (or articles) matching filters", runQuery},
	"export":   {"write stored events as csv, jsonl, geojson, graphml or plover", runExport},
	"stories":  {"stories across outlets and days, with each claim's corroboration", runStories},
	"network":  {"an actor's events over time, cooperation vs conflict; --supports: who backs it", runNetwork},
	"watch":    {"poll RSS/Atom feeds and store each new item's analysis", runWatch},
	"bench":    {"measure throughput, time per stage and peak memory on a corpus", runBench},
	"loadtest": {"measure API latency at a fixed request rate (optionally over synthetic events)", runLoadtest},
	"worker":   {"analyse documents from the NATS queue into a shared store", runWorker},
	"queue":    {"queue serve: run an embedded NATS JetStream server", runQueue},
}

// errUsage marks a command-line mistake: exit status 2.
var errUsage = errors.New("usage")

// Run executes the command line args and returns the exit status.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "sitrep: unknown command %q\n\n", args[0])
		usage(stderr)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if err := cmd.run(ctx, e, args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(stderr, "sitrep %s: %v\n", args[0], err)
		if errors.Is(err, errUsage) {
			return 2
		}
		return 1
	}
	return 0
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: sitrep COMMAND [flags] [args]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "commands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'sitrep COMMAND -h' for a command's flags.")
}

// parseInterleaved parses flags that may come before, between or after
// positional arguments ("analyze FILE --format text") and returns the
// positional ones.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// newFlagSet returns a flag set that reports errors instead of exiting.
func newFlagSet(e *env, name, args string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: sitrep %s %s\n\nflags:\n", name, args)
		fs.PrintDefaults()
	}
	return fs
}

// configFlags registers the flags shared by commands that build an engine
// and returns a function giving the resulting configuration.
func configFlags(fs *flag.FlagSet) func() (config.Config, error) {
	path := fs.String("config", "", "JSON configuration `file`")
	workers := fs.Int("workers", 0, "documents analysed at once (default: all cores)")
	lexicon := fs.String("lexicon", "", "`dir` of user lexicon files that add to or override the built-in ones")
	return func() (config.Config, error) {
		c, err := config.Load(*path)
		if err != nil {
			return c, err
		}
		if *workers > 0 {
			c.Workers = *workers
		}
		if *lexicon != "" {
			c.LexiconDir = *lexicon
		}
		return c, c.Validate()
	}
}

// dbFlags adds --db (usage says what it names) to the configuration
// flags; the configuration it returns names that store when it is given.
func dbFlags(fs *flag.FlagSet, usage string) func() (config.Config, error) {
	db := fs.String("db", "", usage)
	get := configFlags(fs)
	return func() (config.Config, error) {
		c, err := get()
		if *db != "" {
			c.DB = *db
		}
		return c, err
	}
}

// openStore loads the configuration and opens its store.
func openStore(ctx context.Context, getConfig func() (config.Config, error)) (config.Config, store.Store, error) {
	cfg, err := getConfig()
	if err != nil {
		return cfg, nil, err
	}
	st, err := store.Open(ctx, cfg.DB)
	return cfg, st, err
}

func runConfig(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "config", "")
	get := configFlags(fs)
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	c, err := get()
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, c.Dump())
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
