package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.Bytes()
}

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	full := gz(t, `{"id":"g1","text":"One."}`+"\n"+`{"id":"g2","text":"Two."}`+"\n")
	files := map[string][]byte{
		"a.txt":                []byte("Headline\nBody text."),
		"b/c.html":             []byte("<html><body><p>Some page text that is long enough to keep.</p></body></html>"),
		"b/d.jsonl":            []byte(`{"id":"j1","text":"x"}` + "\n" + `{"id":` + "\n"),
		"e.jsonl.gz":           full,
		"f.jsonl.gz":           full[:len(full)-20], // truncated gzip
		"g.txt.gz":             []byte("not gzip at all"),
		"notes.pdf":            []byte("%PDF"),
		".hidden/skipped.txt":  []byte("x\ny"),
		"h.htm.gz":             gz(t, "<p>Zipped page.</p>"),
		"unreadable/README.md": []byte("skipped: not a supported extension"),
	}
	for name, b := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	err := Walk([]string{dir}, 1<<20, func(it Item) error {
		name := strings.TrimPrefix(it.Input.Name, dir+"/")
		if it.Err != nil {
			if !strings.Contains(it.Err.Error(), dir) {
				t.Errorf("error %q does not name the file", it.Err)
			}
			if errors.Is(it.Err, ErrUnsupported) {
				got = append(got, "SKIP "+name)
				return nil
			}
			got = append(got, "ERR "+name)
			return nil
		}
		got = append(got, name+" "+it.Input.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"a.txt ",
		"b/c.html ",
		"b/d.jsonl:1 j1",
		"ERR b/d.jsonl:2",
		"e.jsonl.gz:1 g1",
		"e.jsonl.gz:2 g2",
		"f.jsonl.gz:1 g1",
		"ERR f.jsonl.gz",
		"ERR g.txt.gz",
		"h.htm.gz ",
		"SKIP notes.pdf", // named, never silently passed over
		"SKIP unreadable/README.md",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Walk (-want +got):\n%s", diff)
	}
	// A named file is read whatever its extension.
	got = nil
	Walk([]string{filepath.Join(dir, "notes.pdf")}, 1<<20, func(it Item) error {
		got = append(got, it.Input.Name)
		return nil
	})
	if len(got) != 1 {
		t.Errorf("named file: %v", got)
	}
	// Stopping early is not an error.
	n := 0
	if err := Walk([]string{dir}, 1<<20, func(Item) error { n++; return ErrStop }); err != nil || n != 1 {
		t.Errorf("ErrStop: n=%d err=%v", n, err)
	}
}
