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
	// Warning is a problem that did not stop the document (a feed item's
	// unreadable date).
	Warning error
}

// ErrStop, returned by a Walk callback, ends the walk without error.
var ErrStop = errors.New("ingest: stop")

// ErrUnsupported is the Err of an Item standing for a file in a folder
// that Walk does not read (by its extension): a notice, not a failed
// document, so that nothing is skipped silently.
var ErrUnsupported = errors.New("not a supported file type")

// Walk finds the documents under paths — .txt and .html files, JSONL files
// (one record per line), RSS/Atom feeds (.rss, .atom, .xml: one document
// per item), WARC archives (.warc: one per HTML response), folders (walked
// in name order) and gzip of any of these — and calls fn for each, in order. A file or record that cannot be
// read is passed to fn as an Item with Err set and the walk goes on, as is
// a file in a folder of a type Walk does not read (ErrUnsupported; hidden
// files and folders are passed over). Walk fails only when fn returns an
// error.
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
				return fn(Item{Input: sitrep.Input{Name: path}, Err: fmt.Errorf("ingest: %s: skipped: %w", path, ErrUnsupported)})
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
	case ".txt", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".rss", ".atom", ".xml", ".warc":
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
		var size int64
		if st, err := f.Stat(); err == nil {
			size = st.Size()
		}
		r = &bombGuard{r: zr, name: path, max: max(MaxExpansion*size, maxBytes)}
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
	case ".rss", ".atom", ".xml":
		feed, err := ReadFeed(path, r, maxBytes)
		if err != nil {
			return fn(Item{Input: sitrep.Input{Name: path}, Err: err})
		}
		for _, fi := range feed.Items {
			if err := fn(Item{Input: fi.Input, Warning: fi.Warning}); err != nil {
				return err
			}
		}
		return nil
	case ".warc":
		wr := NewWARC(r, path, maxBytes)
		for {
			it, err := wr.Next()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				// A truncated gzip or an I/O error: the rest is unreadable.
				return fn(Item{Input: sitrep.Input{Name: path}, Err: err})
			}
			if err := fn(it); err != nil {
				return err
			}
		}
	default:
		in, err := Read(path, k, r, maxBytes)
		return fn(Item{Input: in, Err: err})
	}
}

// MaxExpansion bounds how many times its compressed size a gzip file may
// expand to. News text compresses 3–10 times; a file that expands a
// thousand times is a decompression bomb, not a corpus.
const MaxExpansion = 200

// ErrBomb is returned for a gzip file that expands past MaxExpansion.
var ErrBomb = errors.New("gzip expands too far (decompression bomb?)")

// bombGuard fails a decompressed stream once it passes max bytes.
type bombGuard struct {
	r    io.Reader
	name string
	n    int64
	max  int64
}

func (g *bombGuard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	g.n += int64(n)
	if g.n > g.max {
		return n, fmt.Errorf("ingest: %s: %w: over %d bytes", g.name, ErrBomb, g.max)
	}
	return n, err
}
