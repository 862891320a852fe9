package cli

import (
	"context"
	"io"
	"path/filepath"

	"github.com/sitrep/sitrep/engine"
	"github.com/sitrep/sitrep/internal/actors"
	"github.com/sitrep/sitrep/internal/attrib"
	"github.com/sitrep/sitrep/internal/clean"
	"github.com/sitrep/sitrep/internal/events"
	"github.com/sitrep/sitrep/internal/geo"
	"github.com/sitrep/sitrep/internal/nlp/chunk"
	"github.com/sitrep/sitrep/internal/nlp/ner"
	"github.com/sitrep/sitrep/internal/nlp/pos"
	"github.com/sitrep/sitrep/internal/segment"
	"github.com/sitrep/sitrep/internal/timex"
)

// suites are the evaluations `sitrep eval` runs. Each package keeps its
// own scoring; this table only names them.
var suites = map[string]suite{
	"pos": {"UPOS, XPOS and lemma accuracy on UD EWT dev and GUM dev", func(ctx context.Context, _ *engine.Engine, data string, w io.Writer) error {
		_, err := pos.EvalPOS(ctx, data, w)
		return err
	}},
	"parse": {"dependency attachment (UAS/LAS) on UD EWT dev and GUM dev", func(ctx context.Context, _ *engine.Engine, data string, w io.Writer) error {
		_, err := chunk.EvalParse(ctx, data, w)
		return err
	}},
	"events": {"PLOVER/CAMEO coding on PLOVER GSR, PETRARCH GSR, ISAF press releases and CASE 2021", func(ctx context.Context, eng *engine.Engine, data string, w io.Writer) error {
		for _, s := range []string{"plover", "petrarch", "isaf", "case"} {
			if _, err := events.EvalEvents(ctx, data, s, w, eng.Process); err != nil {
				return err
			}
		}
		return nil
	}},
	"ner": {"PER/ORG/LOC exact spans on UNER EWT dev, GUM dev and re3d dev", func(ctx context.Context, _ *engine.Engine, data string, w io.Writer) error {
		for _, s := range []string{"uner", "gum", "re3d"} {
			if _, err := ner.EvalNER(ctx, data, s, w); err != nil {
				return err
			}
		}
		return nil
	}},
	"clean": {"boilerplate removal and captions on the reference article (shared/seed)", func(ctx context.Context, _ *engine.Engine, data string, w io.Writer) error {
		_, err := clean.EvalSeed(ctx, filepath.Dir(data), w)
		return err
	}},
	"geo": {"toponym recognition and resolution on GeoWebNews dev, behind the segmenter and behind the whole engine", func(ctx context.Context, eng *engine.Engine, data string, w io.Writer) error {
		io.WriteString(w, "-- geo behind the segmenter only\n")
		if _, err := geo.EvalGeo(ctx, data, w); err != nil {
			return err
		}
		io.WriteString(w, "-- geo behind the whole engine (clean, language layer with NER, actors)\n")
		_, err := geo.EvalGeoWith(ctx, data, w, geo.EvalOptions{Process: eng.Process})
		return err
	}},
	"quotes": {"quotes and reported claims, speakers and anonymous sources on PolNeAR dev", func(ctx context.Context, eng *engine.Engine, data string, w io.Writer) error {
		_, err := attrib.EvalQuotes(ctx, data, w, eng.Process)
		return err
	}},
	"actors": {"actor codes and sectors on PLOVER GSR records; entity resolution on re3d", func(ctx context.Context, _ *engine.Engine, data string, w io.Writer) error {
		_, err := actors.EvalActors(ctx, data, w)
		return err
	}},
	"segment": {"sentence and token boundaries on GUM news and interviews (train-gum)", func(ctx context.Context, _ *engine.Engine, data string, w io.Writer) error {
		_, err := segment.EvalGUM(ctx, data, w)
		return err
	}},
	"time": {"event dates and casualty counts on ISAF press releases, and hand-written cases", func(ctx context.Context, _ *engine.Engine, data string, w io.Writer) error {
		_, err := timex.EvalTime(ctx, data, w)
		return err
	}},
}
