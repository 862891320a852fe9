package sitrep

import (
	"encoding/json"
	"testing"
)

// TestNullStringJSON checks that the fast path quotes exactly as the
// encoder does, and that the empty string is null.
func TestNullStringJSON(t *testing.T) {
	for _, s := range []string{"", "AFG", "2021-08-15", `say "no"`, `a\b`, "<script>", "Q&A", "Herāt", "tab\there", "\x7f", "\xff"} {
		checkNullString(t, s)
	}
}

func FuzzNullStringJSON(f *testing.F) {
	f.Add("AFG")
	f.Add("</script>\u2028")
	f.Fuzz(checkNullString)
}

func checkNullString(t *testing.T, s string) {
	got, err := NullString(s).MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := []byte("null")
	if s != "" {
		want, _ = json.Marshal(s)
	}
	if string(got) != string(want) {
		t.Errorf("MarshalJSON(%q) = %s, want %s", s, got, want)
	}
	var back NullString
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatalf("round trip of %q: %v", s, err)
	}
}
