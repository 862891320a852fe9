package ingest

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/sitrep/sitrep"
)

// Item is one document found by Walk, or the error that stood in its place.
type Item struct {
	Input sitrep.Input
	Err   error // names the file (and line) it comes from
}

// ErrStop, returned by a Walk callback, ends the walk without error.
var ErrStop = errors.New("ingest: stop")

// Walk finds the documents under paths — .txt and .html files, JSONL files
// (one record per line), folders (walked in name order) and gzip of any of
// these — and calls fn for each, in order. A file or record that cannot be
// read is passed to fn as an Item with Err set and the walk goes on; Walk
// fails only when fn returns an error.
func Walk(paths []string, maxBytes int64, fn func(Item) error) error {
	for _, p := range paths {
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return fn(Item{Input: sitrep.Input{Name: path}, Err: fmt.Errorf("ingest: %w", err)})
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if path != p && !Supported(path) {
				return nil
			}
			return walkFile(path, maxBytes, fn)
		})
		if errors.Is(err, ErrStop) {
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Supported reports whether Walk reads files named like path when it meets
// them in a folder.
func Supported(path string) bool {
	switch kind(path) {
	case ".txt", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson":
		return true
	}
	return false
}

// kind is the extension that says how to read a file, looking through .gz.
func kind(path string) string {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".gz" {
		ext = strings.ToLower(filepath.Ext(strings.TrimSuffix(path, filepath.Ext(path))))
	}
	return ext
}

func walkFile(path string, maxBytes int64, fn func(Item) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fn(Item{Input: sitrep.Input{Name: path}, Err: fmt.Errorf("ingest: %w", err)})
	}
	defer f.Close()
	var r io.Reader = f
	if strings.EqualFold(filepath.Ext(path), ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return fn(Item{Input: sitrep.Input{Name: path}, Err: fmt.Errorf("ingest: %s: %w", path, err)})
		}
		defer zr.Close()
		r = zr
	}
	switch k := kind(path); k {
	case ".jsonl", ".ndjson":
		recs := NewJSONL(r, path, int(maxBytes))
		for {
			rec, err := recs.Next()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				// The rest of the file cannot be read (a truncated gzip, an I/O
				// error): report it and move on to the next file.
				return fn(Item{Input: sitrep.Input{Name: path}, Err: err})
			}
			if err := fn(Item{Input: rec.Input, Err: rec.Err}); err != nil {
				return err
			}
		}
	default:
		in, err := Read(path, k, r, maxBytes)
		return fn(Item{Input: in, Err: err})
	}
}
