package dedup

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

func loadPairs(t *testing.T) (map[string]string, [][3]string) {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "pairs.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	var pairs [][3]string
	for _, f := range ar.Files {
		if f.Name == "pairs" {
			for _, line := range strings.Split(strings.TrimSpace(string(f.Data)), "\n") {
				fs := strings.Fields(line)
				pairs = append(pairs, [3]string{fs[0], fs[1], fs[2]})
			}
			continue
		}
		texts[strings.TrimSuffix(f.Name, ".txt")] = string(f.Data)
	}
	return texts, pairs
}

func TestPairs(t *testing.T) {
	texts, pairs := loadPairs(t)
	for _, p := range pairs {
		a, b := Signature(texts[p[0]]), Signature(texts[p[1]])
		if !a.Valid() || !b.Valid() {
			t.Fatalf("%s or %s too short for a signature", p[0], p[1])
		}
		want := p[2] == "dup"
		got := Similar(a, b)
		t.Logf("%s ~ %s: jaccard %.2f containment %.2f", p[0], p[1], Jaccard(a, b), Containment(a, b))
		if got != want {
			t.Errorf("Similar(%s, %s) = %v, want %v (jaccard %.2f, containment %.2f)", p[0], p[1], got, want, Jaccard(a, b), Containment(a, b))
		}
		// Duplicates must meet in at least one band to be found.
		if want && !shareBand(a, b) {
			t.Errorf("%s and %s share no LSH band", p[0], p[1])
		}
	}
}

func shareBand(a, b Sig) bool {
	ka, kb := a.BandKeys(), b.BandKeys()
	for i := range ka {
		if ka[i] == kb[i] {
			return true
		}
	}
	return false
}

func TestSignatureNormalises(t *testing.T) {
	texts, _ := loadPairs(t)
	s := texts["wire"]
	a := Signature(s)
	b := Signature(strings.ToUpper(strings.Join(strings.Fields(s), "  \n ")))
	if a != b {
		t.Errorf("case and spacing change the signature")
	}
	if Jaccard(a, b) != 1 {
		t.Errorf("Jaccard of identical texts = %v", Jaccard(a, b))
	}
	if Signature("Too short to compare.").Valid() {
		t.Errorf("a one-line text has a signature")
	}
	if Signature("Too short to compare.").BandKeys() != nil {
		t.Errorf("an invalid signature has band keys")
	}
}

func TestSigText(t *testing.T) {
	texts, _ := loadPairs(t)
	a := Signature(texts["other"])
	b, _ := a.MarshalText()
	var c Sig
	if err := c.UnmarshalText(b); err != nil || c != a {
		t.Errorf("round trip: %v", err)
	}
	if err := c.UnmarshalText(b[:10]); err == nil {
		t.Errorf("short text decoded")
	}
}

func BenchmarkSignature(b *testing.B) {
	texts := map[string]string{}
	ar, _ := txtar.ParseFile(filepath.Join("testdata", "pairs.txtar"))
	for _, f := range ar.Files {
		texts[f.Name] = string(f.Data)
	}
	s := texts["wire.txt"] + texts["same-topic.txt"]
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Signature(s)
	}
}

func FuzzSignature(f *testing.F) {
	f.Add("Port workers in Valmora walked off the job on Tuesday, halting the loading of grain ships for the second time this month, union leaders said.")
	f.Add("ÉTÉ été ÉTÉ l’armée l'armée \xff\xfe 日本語のテキスト")
	f.Fuzz(func(t *testing.T, s string) {
		sig := Signature(s)
		if !sig.Valid() {
			if sig.BandKeys() != nil {
				t.Fatal("band keys for an invalid signature")
			}
			return
		}
		if len(sig.BandKeys()) != Bands {
			t.Fatalf("%d band keys", len(sig.BandKeys()))
		}
		if Jaccard(sig, sig) != 1 || !Similar(sig, sig) {
			t.Fatal("a signature is not similar to itself")
		}
		b, _ := sig.MarshalText()
		var back Sig
		if err := back.UnmarshalText(b); err != nil || back != sig {
			t.Fatalf("round trip: %v", err)
		}
	})
}
