package engine_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/contract"
	"github.com/sitrep/sitrep/internal/ingest"
)

// seedPath is the team's reference article, outside the repo.
var seedPath = filepath.Join("..", "..", "shared", "seed", "mirror-china-taliban-uyghurs.txt")

// analyzeSeed runs the whole engine on the reference article, or skips the
// test when the shared folder is absent.
func analyzeSeed(t *testing.T) *sitrep.Doc {
	t.Helper()
	if _, err := os.Stat(seedPath); err != nil {
		t.Skipf("reference article not available (%v): the shared folder is not beside this checkout", err)
	}
	in, err := ingest.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	in.Published = "2021-08-05"
	doc, err := newEngine(t).Process(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := contract.Validate(b); err != nil {
		t.Fatalf("contract: %v", err)
	}
	return doc
}

func TestSeedCleaning(t *testing.T) {
	doc := analyzeSeed(t)
	if !strings.HasPrefix(string(doc.Title), "China Secretly Backing") {
		t.Errorf("title = %q, want the first line", doc.Title)
	}
	for _, gone := range []string{"Join the discussion", "Sign up to one of", "Getty Images"} {
		if strings.Contains(doc.Text, gone) {
			t.Errorf("boilerplate %q still in the text", gone)
		}
		found := false
		for _, r := range doc.Removed {
			if strings.Contains(r.Text, gone) && r.Reason != "" {
				found = true
			}
		}
		if !found {
			t.Errorf("boilerplate %q not reported under removed", gone)
		}
	}
	captions := 0
	for _, s := range doc.Sentences {
		if s.Kind == sitrep.KindCaption {
			captions++
			if !strings.Contains(doc.Text[s.Start:s.End], "Xi Jinping") {
				t.Errorf("caption is %q, want the image caption", doc.Text[s.Start:s.End])
			}
		}
	}
	if captions != 1 {
		t.Errorf("%d caption sentences, want 1", captions)
	}
	if !strings.Contains(doc.Text, "Lashkar Gah") || !strings.Contains(doc.Text, "such as they are") {
		t.Error("article body lost in cleaning")
	}
}
