package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"sitrep": func() { os.Exit(Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the command-line scripts in testdata/script: each is a
// session a user could type, with the output it must give.
func TestScripts(t *testing.T) {
	examples, err := filepath.Abs(filepath.Join("..", "..", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		Setup: func(e *testscript.Env) error {
			e.Setenv("EXAMPLES", examples)
			return nil
		},
	})
}

// TestBatch feeds 1,000 JSONL records, some broken, and checks that one
// line comes out per line in, in order, with errors for the broken ones.
func TestBatch(t *testing.T) {
	var in bytes.Buffer
	broken := map[int]string{}
	for i := range 1000 {
		id := fmt.Sprintf("r%04d", i)
		switch {
		case i%97 == 5:
			in.WriteString(`{"id": "` + id + `", "text": ` + "\n") // malformed JSON
			broken[i] = "json"
		case i%89 == 7:
			in.WriteString(`{"id": "` + id + `", "text": "   "}` + "\n")
			broken[i] = "empty"
		case i%83 == 11:
			in.WriteString(`{"id": "` + id + `", "text": "\u0000\u0001\u0002\u0003binary\u0000\u0000\u0000\u0000"}` + "\n")
			broken[i] = "binary"
		default:
			rec, _ := json.Marshal(map[string]string{"id": id, "published": "2021-08-05",
				"text": fmt.Sprintf("Rebels attacked the town of Goma on Monday, killing %d civilians, officials said. The UN condemned the attack.", i)})
			in.Write(append(rec, '\n'))
		}
	}
	var out, errOut bytes.Buffer
	code := Run([]string{"analyze", "--input", "jsonl", "--workers", "2", "-"}, &in, &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 16<<20)
	n := 0
	for sc.Scan() {
		var rec struct {
			ID     string          `json:"id"`
			Error  string          `json:"error"`
			Schema string          `json:"schema"`
			Text   json.RawMessage `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("line %d is not JSON: %v", n+1, err)
		}
		want := fmt.Sprintf("r%04d", n)
		if _, bad := broken[n]; bad {
			if rec.Error == "" {
				t.Errorf("line %d: broken record (%s) gave no error: %.200s", n+1, broken[n], sc.Text())
			}
			if broken[n] != "json" && rec.ID != want {
				t.Errorf("line %d: error line id %q, want %q", n+1, rec.ID, want)
			}
		} else {
			if rec.ID != want || rec.Schema != "sitrep/analysis/v1" {
				t.Errorf("line %d: id %q schema %q, want %q (out of order or failed: %s)", n+1, rec.ID, rec.Schema, want, rec.Error)
			}
		}
		n++
	}
	if n != 1000 {
		t.Errorf("%d output lines for 1000 input lines", n)
	}
	if !strings.Contains(errOut.String(), "") {
		t.Log(errOut.String())
	}
}
