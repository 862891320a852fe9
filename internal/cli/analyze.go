package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/engine"
	"github.com/sitrep/sitrep/internal/ingest"
)

func runAnalyze(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "analyze", "[flags] FILE|-")
	input := fs.String("input", "file", "input kind: file (one .txt/.html document) or jsonl (one record per line)")
	format := fs.String("format", "", "output: json (one document), jsonl (batch), text (a report to read)")
	published := fs.String("published", "", "publication date `YYYY-MM-DD` (anchors relative times)")
	outlet := fs.String("outlet", "", "outlet `name`")
	title := fs.String("title", "", "headline (overrides the file's first line)")
	url := fs.String("url", "", "the article's `URL`")
	getConfig := configFlags(fs)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return fmt.Errorf("%w: want one FILE or -, got %d arguments", errUsage, len(pos))
	}
	cfg, err := getConfig()
	if err != nil {
		return err
	}
	meta := sitrep.Input{Published: *published, Outlet: *outlet, Title: *title, URL: *url}
	if meta.Published != "" && !validDate(meta.Published) {
		return fmt.Errorf("%w: --published %q is not YYYY-MM-DD", errUsage, meta.Published)
	}
	eng, err := engine.New(cfg)
	if err != nil {
		return err
	}
	switch *input {
	case "file":
		if *format == "" {
			*format = "json"
		}
		return analyzeOne(ctx, e, eng, pos[0], meta, *format)
	case "jsonl":
		if *format == "" {
			*format = "jsonl"
		}
		return analyzeBatch(ctx, e, eng, pos[0], meta, *format, cfg.Workers)
	}
	return fmt.Errorf("%w: --input %q: want file or jsonl", errUsage, *input)
}

func validDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range s {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// overlay fills the fields of in that the command line set.
func overlay(in *sitrep.Input, meta sitrep.Input) {
	if meta.Title != "" {
		in.Title = meta.Title
	}
	if meta.Published != "" {
		in.Published = meta.Published
	}
	if meta.Outlet != "" {
		in.Outlet = meta.Outlet
	}
	if meta.URL != "" {
		in.URL = meta.URL
	}
}

func analyzeOne(ctx context.Context, e *env, eng *engine.Engine, path string, meta sitrep.Input, format string) error {
	var (
		in  sitrep.Input
		err error
	)
	if path == ingest.Stdin {
		in, err = ingest.Read("<stdin>", "", e.stdin, ingest.DefaultMaxBytes)
	} else {
		in, err = ingest.ReadFile(path)
	}
	if err != nil {
		return err
	}
	overlay(&in, meta)
	doc, err := eng.Process(ctx, in)
	if err != nil {
		return err
	}
	switch format {
	case "json":
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(doc)
	case "jsonl":
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(doc)
	case "text":
		return writeReport(e.stdout, doc)
	}
	return fmt.Errorf("%w: --format %q: want json, jsonl or text", errUsage, format)
}

// failure is the output line of a record that could not be analysed.
type failure struct {
	ID    string `json:"id"`
	Error string `json:"error"`
}

type job struct {
	seq int
	in  sitrep.Input
	err error
}

type result struct {
	seq  int
	line []byte
}

// analyzeBatch analyses JSONL records on every worker and writes one output
// line per input line, in input order. A bad record gives an error line and
// the run goes on; only an unreadable input fails the command.
func analyzeBatch(ctx context.Context, e *env, eng *engine.Engine, path string, meta sitrep.Input, format string, workers int) error {
	if format != "jsonl" && format != "text" {
		return fmt.Errorf("%w: --format %q: batch output is jsonl or text", errUsage, format)
	}
	src, closeSrc, err := openInput(e, path)
	if err != nil {
		return err
	}
	defer closeSrc()
	recs := ingest.NewJSONL(src, path, 0)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan job)
	results := make(chan result, workers)
	// window bounds the records in flight so that one slow document cannot
	// make the writer buffer the whole input.
	window := make(chan struct{}, 4*workers)

	var readErr error
	go func() {
		defer close(jobs)
		for seq := 0; ; seq++ {
			rec, err := recs.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				readErr = err
				return
			}
			in := rec.Input
			if rec.Err == nil {
				overlay(&in, meta)
			}
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{seq: seq, in: in, err: rec.Err}:
			case <-ctx.Done():
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- result{seq: j.seq, line: analyzeRecord(ctx, eng, j, format)}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	w := bufio.NewWriterSize(e.stdout, 1<<16)
	pending := map[int][]byte{}
	next := 0
	for r := range results {
		pending[r.seq] = r.line
		for {
			line, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			w.Write(line)
			next++
			<-window
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if readErr != nil {
		return readErr
	}
	return ctx.Err()
}

func analyzeRecord(ctx context.Context, eng *engine.Engine, j job, format string) []byte {
	fail := func(err error) []byte {
		b, _ := json.Marshal(failure{ID: j.in.ID, Error: err.Error()})
		return append(b, '\n')
	}
	if j.err != nil {
		return fail(j.err)
	}
	doc, err := eng.Process(ctx, j.in)
	if err != nil {
		return fail(err)
	}
	if format == "text" {
		var b bytes.Buffer
		writeReport(&b, doc)
		b.WriteByte('\n')
		return b.Bytes()
	}
	b, err := marshalLine(doc)
	if err != nil {
		return fail(err)
	}
	return b
}

// marshalLine encodes v as one JSON line without HTML escaping.
func marshalLine(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func openInput(e *env, path string) (io.Reader, func(), error) {
	if path == "-" {
		return e.stdin, func() {}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	return f, func() { f.Close() }, nil
}
