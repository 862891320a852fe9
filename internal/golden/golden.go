// Package golden keeps the expected output of table tests in txtar
// archives: a test renders what it got (as text, or as indented JSON) and
// either compares it with a section of the archive or, under -update,
// rewrites that section for review.
package golden

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

// JSON compares got, encoded as indented JSON, with the section named
// section of the archive ar read from path, as Text does.
func JSON(t testing.TB, path string, ar *txtar.Archive, section string, got any, update bool) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(got); err != nil {
		t.Fatal(err)
	}
	Text(t, path, ar, section, buf.String(), update)
}

// Text compares got with the section named section of the archive ar read
// from path. With update set it writes got into that section (adding it
// if missing) and saves the file.
func Text(t testing.TB, path string, ar *txtar.Archive, section, got string, update bool) {
	t.Helper()
	idx := -1
	for i, f := range ar.Files {
		if f.Name == section {
			idx = i
		}
	}
	if update {
		if idx < 0 {
			ar.Files = append(ar.Files, txtar.File{Name: section})
			idx = len(ar.Files) - 1
		}
		ar.Files[idx].Data = []byte(got)
		if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if idx < 0 {
		t.Fatalf("%s: no %s section: run go test -update", path, section)
	}
	if d := cmp.Diff(string(ar.Files[idx].Data), got); d != "" {
		t.Errorf("%s: %s differs (-want +got):\n%s\nrun go test -update and review the diff", path, section, d)
	}
}
