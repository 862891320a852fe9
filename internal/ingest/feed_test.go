package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestReadFeedEntityBomb(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "robust", "lol.xml"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := ParseFeed("lol.xml", b)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 1 {
		t.Fatalf("items = %d, want 1", len(f.Items))
	}
	in := f.Items[0].Input
	// Expanded, &lol9; alone would be 3e9 bytes.
	if len(in.Title) > 100 || len(in.Text) > 100 {
		t.Errorf("entities expanded: title %d bytes, text %d bytes", len(in.Title), len(in.Text))
	}
	if f.Title != "Laughing Feed & Co" {
		t.Errorf("feed title %q: predefined entities should still decode", f.Title)
	}
}

func TestReadFeedLimit(t *testing.T) {
	_, err := ReadFeed("big.rss", strings.NewReader(strings.Repeat("<rss>", 100)), 50)
	if err == nil || !strings.Contains(err.Error(), "big.rss") || !strings.Contains(err.Error(), "too large") {
		t.Errorf("err = %v, want a size error naming big.rss", err)
	}
}

func TestReadFeedFields(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "robust", "baddates.rss"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := ParseFeed("wire.rss", b)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 3 {
		t.Fatalf("items = %d", len(f.Items))
	}
	first := f.Items[0]
	if first.Input.URL != "https://wire.example/1" || first.Input.Outlet != "Example Wire" || first.Input.Published != "2026-03-02" || first.GUID != "w1" {
		t.Errorf("first item = %+v", first)
	}
	if f.Items[1].Warning == nil || !strings.Contains(f.Items[1].Warning.Error(), "wire.rss") {
		t.Errorf("bad date: warning %v, want one naming the feed", f.Items[1].Warning)
	}
	if f.Items[2].GUID != "https://wire.example/3" {
		t.Errorf("GUID falls back to the link: %q", f.Items[2].GUID)
	}
}

func FuzzParseFeed(f *testing.F) {
	for _, name := range []string{"baddates.rss", "lol.xml", "atom.atom", "truncated.rss"} {
		b, err := os.ReadFile(filepath.Join("testdata", "robust", name))
		if err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		feed, err := ParseFeed("fuzz", b)
		if err != nil {
			return
		}
		for _, it := range feed.Items {
			if len(it.Input.Title) > len(b) || len(it.Input.Text)+len(it.Input.HTML) > 4*len(b)+16 {
				t.Fatalf("item larger than its feed: %d bytes in", len(b))
			}
			_ = utf8.ValidString(it.Input.Title)
		}
	})
}
