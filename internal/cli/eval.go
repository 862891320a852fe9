package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/engine"
)

// suite is one accuracy evaluation over gold data under the shared data
// folder. Each prints its figures and ends with a one-line summary.
type suite struct {
	about string
	run   func(ctx context.Context, eng *engine.Engine, data string, w io.Writer) error
}

func runEval(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "eval", "[--data DIR] SUITE...|all")
	data := fs.String("data", "", "gold data `dir` (default: ../shared/data, searched upwards from here)")
	getConfig := configFlags(fs)
	names, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(names) == 0 {
		fs.Usage()
		fmt.Fprintln(e.stderr, "\nsuites:")
		for _, n := range suiteNames() {
			fmt.Fprintf(e.stderr, "  %-10s %s\n", n, suites[n].about)
		}
		return fmt.Errorf("%w: name a suite", errUsage)
	}
	if len(names) == 1 && names[0] == "all" {
		names = suiteNames()
	}
	for _, n := range names {
		if _, ok := suites[n]; !ok {
			return fmt.Errorf("%w: unknown suite %q (have %s)", errUsage, n, strings.Join(suiteNames(), ", "))
		}
	}
	dir := *data
	if dir == "" {
		if dir, err = findSharedData(); err != nil {
			return err
		}
	}
	cfg, err := getConfig()
	if err != nil {
		return err
	}
	eng, err := engine.New(cfg)
	if err != nil {
		return err
	}
	for _, n := range names {
		fmt.Fprintf(e.stdout, "== %s: %s\n", n, suites[n].about)
		if err := suites[n].run(ctx, eng, dir, e.stdout); err != nil {
			return fmt.Errorf("suite %s: %w", n, err)
		}
		fmt.Fprintln(e.stdout)
	}
	return nil
}

func suiteNames() []string {
	var names []string
	for n := range suites {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// findSharedData looks for shared/data in the parents of the working
// directory, where a checkout next to the team's shared folder finds it.
func findSharedData() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		cand := filepath.Join(dir, "shared", "data")
		if st, err := os.Stat(cand); err == nil && st.IsDir() {
			return cand, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no shared/data folder above the working directory: pass --data DIR")
		}
		dir = parent
	}
}
