package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/engine"
	"github.com/sitrep/sitrep/internal/actors"
)

// runActors shows each actor mention in a text and why it resolved as it
// did: `sitrep actors "Chinese President Xi Jinping said ..."`.
func runActors(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "actors", `[flags] "TEXT"...`)
	published := fs.String("published", "", "publication date `YYYY-MM-DD` (chooses office holders)")
	getConfig := configFlags(fs)
	words, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(words) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: give the text to resolve", errUsage)
	}
	cfg, err := getConfig()
	if err != nil {
		return err
	}
	eng, err := engine.New(cfg)
	if err != nil {
		return err
	}
	doc, err := eng.Process(ctx, sitrep.Input{Name: "text", Text: strings.Join(words, " "), Published: *published})
	if err != nil {
		return err
	}
	return actors.Explain(e.stdout, doc)
}
