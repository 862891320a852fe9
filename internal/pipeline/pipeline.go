// Package pipeline runs a document through an ordered list of stages.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/sitrep/sitrep"
)

// Stage is one step of the analysis. Process annotates doc in place. An
// error from a stage does not fail the document: the pipeline records it as
// a diagnostic and goes on, so one weak stage never loses the rest.
type Stage interface {
	Name() string
	Process(ctx context.Context, doc *sitrep.Doc) error
}

// StageFunc adapts a function to a Stage.
type StageFunc struct {
	StageName string
	Fn        func(ctx context.Context, doc *sitrep.Doc) error
}

// Name returns the stage's name.
func (f StageFunc) Name() string { return f.StageName }

// Process calls the function.
func (f StageFunc) Process(ctx context.Context, doc *sitrep.Doc) error { return f.Fn(ctx, doc) }

// Func returns a named Stage that calls fn.
func Func(name string, fn func(ctx context.Context, doc *sitrep.Doc) error) Stage {
	return StageFunc{StageName: name, Fn: fn}
}

// ErrReject marks a stage error that fails the whole document (input that
// cannot be analysed: empty, binary, not text). Wrap it:
// fmt.Errorf("%w: binary data", pipeline.ErrReject).
var ErrReject = errors.New("rejected")

// Timings accumulates the time spent in each stage, for `sitrep bench`.
// A nil *Timings records nothing.
type Timings map[string]time.Duration

// Pipeline is an ordered list of stages.
type Pipeline struct {
	stages []Stage
}

// New returns a pipeline over stages, run in the given order.
func New(stages ...Stage) *Pipeline { return &Pipeline{stages: stages} }

// Stages returns the stages in order.
func (p *Pipeline) Stages() []Stage { return p.stages }

// Run passes doc through every stage. A stage that returns an error or
// panics leaves a diagnostic naming it; Run itself fails only when ctx is
// cancelled or a stage rejects the document (ErrReject). When t is non-nil each stage's time is added to it.
func (p *Pipeline) Run(ctx context.Context, doc *sitrep.Doc, t Timings) error {
	for _, s := range p.stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		start := time.Now()
		err := runStage(ctx, s, doc)
		if t != nil {
			t[s.Name()] += time.Since(start)
		}
		if errors.Is(err, ErrReject) {
			return err
		}
		if err != nil {
			doc.Diagnose(s.Name(), err.Error())
		}
	}
	return nil
}

func runStage(ctx context.Context, s Stage, doc *sitrep.Doc) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return s.Process(ctx, doc)
}
