package cli

import (
	"context"
	"io"
	"path/filepath"

	"github.com/sitrep/sitrep/engine"
	"github.com/sitrep/sitrep/internal/actors"
	"github.com/sitrep/sitrep/internal/attrib"
	"github.com/sitrep/sitrep/internal/clean"
	"github.com/sitrep/sitrep/internal/geo"
	"github.com/sitrep/sitrep/internal/segment"
	"github.com/sitrep/sitrep/internal/timex"
)

// suites are the evaluations `sitrep eval` runs. Each package keeps its
// own scoring; this table only names them.
var suites = map[string]suite{
	"clean": {"boilerplate removal and captions on the reference article (shared/seed)", func(ctx context.Context, _ *engine.Engine, data string, w io.Writer) error {
		_, err := clean.EvalSeed(ctx, filepath.Dir(data), w)
		return err
	}},
	"geo": {"toponym recognition and resolution on GeoWebNews dev", func(ctx context.Context, _ *engine.Engine, data string, w io.Writer) error {
		_, err := geo.EvalGeo(ctx, data, w)
		return err
	}},
	"quotes": {"quotes and reported claims, speakers and anonymous sources on PolNeAR dev", func(ctx context.Context, _ *engine.Engine, data string, w io.Writer) error {
		_, err := attrib.EvalQuotes(ctx, data, w)
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
