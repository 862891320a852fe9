// Package ingest reads documents into sitrep.Input: single files (.txt
// with the headline on the first line, .html, or sniffed), standard input,
// and JSONL batches in which one bad record never stops the rest.
package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// DefaultMaxBytes is the largest file or JSONL line read by default. The
// engine applies its own, usually smaller, document limit afterwards; this
// one only keeps a runaway input from exhausting memory.
const DefaultMaxBytes = 64 << 20

// ErrTooLarge is returned (wrapped, naming the input) for an input over
// the size limit.
var ErrTooLarge = errors.New("input too large")

// Stdin is the name that stands for standard input.
const Stdin = "-"

// ReadFile reads one document from path, or from standard input when path
// is "-", with DefaultMaxBytes as the limit.
func ReadFile(path string) (sitrep.Input, error) {
	if path == Stdin {
		return Read("<stdin>", "", os.Stdin, DefaultMaxBytes)
	}
	f, err := os.Open(path)
	if err != nil {
		return sitrep.Input{}, fmt.Errorf("ingest: %w", err) // *PathError names the file
	}
	defer f.Close()
	return Read(path, filepath.Ext(path), f, DefaultMaxBytes)
}

// Read reads one document of at most maxBytes from r. name identifies the
// input in errors; ext (".txt", ".html", ".htm", or anything else) says
// how to read it: other extensions are sniffed. Plain text has its
// headline on the first line (to Input.Title) unless it is one line only.
func Read(name, ext string, r io.Reader, maxBytes int64) (sitrep.Input, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
	if err != nil {
		return sitrep.Input{}, fmt.Errorf("ingest: reading %s: %w", name, err)
	}
	if int64(len(b)) > maxBytes {
		return sitrep.Input{}, fmt.Errorf("ingest: reading %s: %w (over %d bytes)", name, ErrTooLarge, maxBytes)
	}
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	in := sitrep.Input{Name: name}
	isHTML := false
	switch strings.ToLower(ext) {
	case ".html", ".htm", ".xhtml":
		isHTML = true
	case ".txt", ".text":
	default:
		isHTML = LooksLikeHTML(b)
	}
	if isHTML {
		in.HTML = DecodeHTML(b, "")
		return in, nil
	}
	in.Title, in.Text = SplitHeadline(DecodeText(b))
	return in, nil
}

// DecodeText turns a plain-text file into UTF-8: UTF-16 with a byte-order
// mark is decoded, and in anything else each byte that is not part of a
// valid UTF-8 sequence is read as Windows-1252, so that legacy and mixed
// encodings (a Latin-1 paragraph pasted into UTF-8) keep their text
// instead of being rejected as binary.
func DecodeText(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	if len(b) >= 2 && (b[0] == 0xff && b[1] == 0xfe || b[0] == 0xfe && b[1] == 0xff) {
		if out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(b); err == nil {
			return string(out)
		}
	}
	dec := charmap.Windows1252.NewDecoder()
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/8)
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			if out, err := dec.Bytes(b[:1]); err == nil {
				sb.Write(out)
			} else {
				sb.WriteRune(utf8.RuneError)
			}
			b = b[1:]
			continue
		}
		sb.Write(b[:n])
		b = b[n:]
	}
	return sb.String()
}

// SplitHeadline splits plain text into its first non-blank line (the
// headline) and the rest. Text of one line only is all body, no headline.
func SplitHeadline(s string) (title, body string) {
	t := strings.TrimLeft(s, " \t\r\n")
	i := strings.IndexByte(t, '\n')
	if i < 0 || strings.TrimSpace(t[i+1:]) == "" {
		return "", s
	}
	return strings.TrimSpace(t[:i]), t[i+1:]
}

// LooksLikeHTML reports whether b starts, after blanks, with markup that
// marks an HTML page or fragment.
func LooksLikeHTML(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 || b[0] != '<' {
		return false
	}
	head := strings.ToLower(string(b[:min(len(b), 1024)]))
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<article", "<p>", "<p ", "<div", "<meta", "<title", "<!--", "<h1", "<section", "<main"} {
		if strings.Contains(head, tag) {
			return true
		}
	}
	return false
}
