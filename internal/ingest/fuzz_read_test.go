package ingest

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRead feeds single-document inputs (text, HTML, sniffed) to Read:
// no panic, the size limit holds, decoded HTML is valid UTF-8, and the
// output is never much larger than the input (bounded memory).
func FuzzRead(f *testing.F) {
	f.Add([]byte("Headline\nBody text."), uint8(0))
	f.Add([]byte("<html><head><meta charset=iso-8859-1><title>caf\xe9</title></head><body><p>x</p>"), uint8(1))
	f.Add([]byte("\ufeff  <!-- c --><p>caf\xe9 \x00"), uint8(2))
	f.Add([]byte("\xff\xfe<\x00h\x00t\x00m\x00l\x00>"), uint8(2))
	exts := []string{".txt", ".html", "", ".xhtml", ".TXT"}
	const limit = 1 << 16
	f.Fuzz(func(t *testing.T, b []byte, e uint8) {
		ext := exts[int(e)%len(exts)]
		in, err := Read("fuzz", ext, bytes.NewReader(b), limit)
		if err != nil {
			if len(b) <= limit {
				t.Fatalf("error %v for %d bytes under the limit", err, len(b))
			}
			return
		}
		if len(b) > limit {
			t.Fatalf("%d bytes accepted over the %d limit", len(b), limit)
		}
		if !utf8.ValidString(in.HTML) || !utf8.ValidString(in.Text) || !utf8.ValidString(in.Title) {
			t.Fatalf("output is not valid UTF-8")
		}
		// Windows-1252 decoding at most triples a byte (U+20AC is 3 bytes).
		if n := len(in.HTML) + len(in.Text) + len(in.Title); n > 3*len(b)+3 {
			t.Fatalf("%d bytes out for %d in", n, len(b))
		}
		if in.Title != "" && strings.ContainsAny(in.Title, "\n") {
			t.Fatalf("headline %q spans lines", in.Title)
		}
	})
}

// FuzzWalkGzip writes fuzzed bytes as a gzip-compressed JSONL, feed, WARC
// or text file and walks it: no panic, every item either has an error that
// names the file or a document, and the gzip bomb guard bounds the output.
func FuzzWalkGzip(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"One."}`+"\n"+`{"id":"b","text":"Two."}`), uint8(0), true)
	f.Add([]byte("<rss><channel><item><title>t</title><description>d</description></item></channel></rss>"), uint8(1), true)
	f.Add([]byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nHTTP/\r\n\r\n"), uint8(2), false)
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}, uint8(3), false)
	exts := []string{".jsonl.gz", ".rss.gz", ".warc.gz", ".txt.gz", ".html.gz"}
	dir := f.TempDir()
	const limit = 1 << 16
	f.Fuzz(func(t *testing.T, b []byte, e uint8, compress bool) {
		path := filepath.Join(dir, "in"+exts[int(e)%len(exts)])
		data := b
		if compress {
			var buf bytes.Buffer
			zw := gzip.NewWriter(&buf)
			zw.Write(b)
			zw.Close()
			data = buf.Bytes()
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		total := 0
		err := Walk([]string{path}, limit, func(it Item) error {
			if it.Err != nil {
				if !strings.Contains(it.Err.Error(), path) && !strings.Contains(it.Err.Error(), "in.") {
					t.Fatalf("error %q does not name the input", it.Err)
				}
				return nil
			}
			total += len(it.Input.Text) + len(it.Input.HTML) + len(it.Input.Title)
			return nil
		})
		if err != nil {
			t.Fatalf("Walk: %v", err)
		}
		if total > 4*MaxExpansion*len(data)+4*limit {
			t.Fatalf("%d bytes out for %d in", total, len(data))
		}
	})
}
