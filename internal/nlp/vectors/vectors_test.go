package vectors

import "testing"

func TestClusters(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if c.Len() < 90000 {
		t.Fatalf("only %d words", c.Len())
	}
	n := 0
	c.Each(func(w string, ids [Levels]uint16) {
		// each level refines the one above it: 16 x 16 x 16
		if ids[0] >= 16 || ids[1]/16 != ids[0] || ids[2]/16 != ids[1] {
			t.Fatalf("%q: inconsistent ids %v", w, ids)
		}
		n++
	})
	if n != c.Len() {
		t.Fatalf("Each visited %d of %d", n, c.Len())
	}
	a, ok1 := c.Lookup("Kandahar")
	b, ok2 := c.Lookup("herat")
	if !ok1 || !ok2 {
		t.Fatal("known words missing")
	}
	if a[0] != b[0] {
		t.Errorf("two Afghan cities in different top clusters: %v %v", a, b)
	}
	if _, ok := c.Lookup("zzzqqqxxnotaword"); ok {
		t.Error("nonsense word found")
	}
}

func BenchmarkLookup(b *testing.B) {
	c, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		c.Lookup("Taliban")
		c.Lookup("the")
	}
}

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		if _, err := parse(clustersGz); err != nil {
			b.Fatal(err)
		}
	}
}
