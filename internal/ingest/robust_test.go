package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestRobustCorpus walks the bad-input corpus in testdata/robust plus a
// 100 MB one-line JSONL file made at test time, and checks each bad input
// gives a diagnostic naming it while the documents around it are read.
func TestRobustCorpus(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join("testdata", "robust")
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644)
	}
	if !testing.Short() {
		writeHugeLine(t, filepath.Join(dir, "huge.jsonl"), 100<<20)
	}
	var lines []string
	err = Walk([]string{dir}, 32<<20, func(it Item) error {
		name := strings.TrimPrefix(it.Input.Name, dir+string(filepath.Separator))
		if it.Err != nil {
			msg := strings.ReplaceAll(it.Err.Error(), dir+string(filepath.Separator), "")
			if !strings.Contains(it.Err.Error(), dir) {
				t.Errorf("%s: error %q does not name the input", name, it.Err)
			}
			lines = append(lines, fmt.Sprintf("%s ERR %s", name, msg))
			return nil
		}
		in := it.Input
		body, kind := in.Text, "text"
		if in.HTML != "" {
			body, kind = in.HTML, "html"
		}
		if !utf8.ValidString(body) || !utf8.ValidString(in.Title) {
			t.Errorf("%s: invalid UTF-8 out", name)
		}
		if len(body) > 1<<20 {
			t.Errorf("%s: %d bytes of body", name, len(body))
		}
		lines = append(lines, fmt.Sprintf("%s OK id=%q title=%q published=%q outlet=%q url=%q %s=%q",
			name, in.ID, in.Title, in.Published, in.Outlet, in.URL, kind, clipBody(body)))
		if it.Warning != nil {
			lines = append(lines, fmt.Sprintf("%s WARN %s", name, strings.ReplaceAll(it.Warning.Error(), dir+string(filepath.Separator), "")))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(lines, "\n") + "\n"
	golden := filepath.Join("testdata", "robust.golden")
	if testing.Short() {
		t.Skip("-short: the golden includes the 100 MB line")
	}
	if *update {
		os.WriteFile(golden, []byte(got), 0o644)
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != got {
		t.Errorf("robust corpus differs from %s (run with -update to accept):\n--- want\n%s\n--- got\n%s", golden, want, got)
	}
}

// writeHugeLine writes a JSONL file whose middle line is n bytes long,
// between two good records.
func writeHugeLine(t *testing.T, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(`{"id":"before","text":"The record before the long line."}` + "\n")
	w.WriteString(`{"id":"huge","text":"`)
	chunk := strings.Repeat("word ", 1<<14)
	for written := 0; written < n; written += len(chunk) {
		w.WriteString(chunk)
	}
	w.WriteString("\"}\n")
	w.WriteString(`{"id":"after","text":"The record after the long line."}` + "\n")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func clipBody(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 70 {
		s = s[:70]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
	}
	return s
}

// TestGzipBomb walks a small gzip file that expands to 128 MiB of zeros
// between two good files: it must stop early with a clear error.
func TestGzipBomb(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for range 128 {
		zw.Write(zeros)
	}
	zw.Close()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Headline\nBefore the bomb."), 0o644)
	os.WriteFile(filepath.Join(dir, "b.jsonl.gz"), b.Bytes(), 0o644)
	os.WriteFile(filepath.Join(dir, "c.txt"), []byte("Headline\nAfter the bomb."), 0o644)
	var got []string
	Walk([]string{dir}, 1<<20, func(it Item) error {
		if it.Err != nil {
			if !errors.Is(it.Err, ErrBomb) || !strings.Contains(it.Err.Error(), "b.jsonl.gz") {
				t.Errorf("error %v, want ErrBomb naming the file", it.Err)
			}
			got = append(got, "ERR")
			return nil
		}
		got = append(got, filepath.Base(it.Input.Name))
		return nil
	})
	if strings.Join(got, " ") != "a.txt ERR c.txt" {
		t.Errorf("walk = %v", got)
	}
}
