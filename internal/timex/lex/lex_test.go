package lex

import (
	"strings"
	"testing"
)

func TestScan(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // tokens as kind:text, space separated
	}{
		{"Aug. 5, 2021", "w:Aug p:. n:5 p:, n:2021"},
		{"3,500 and 1314,1198 and 31,2011", "n:3,500 w:and n:1314 p:, n:1198 w:and n:31 p:, n:2011"},
		{"9-11 2021-08-05 08/05/2021 1.5 10:30", "n:9-11 n:2021-08-05 n:08/05/2021 n:1.5 n:10:30"},
		{"2011-07-S-003 AK-47 187th", "n:2011-07 p:- w:S p:- n:003 w:AK p:- n:47 n:187 w:th"},
		{"Helmand’s Ürümqi – x", "w:Helmand p:’ w:s w:Ürümqi p:– w:x"},
	} {
		lo := Lower(tc.in)
		var got []string
		for _, tk := range Scan(nil, tc.in, lo) {
			if tk.Lo != lo[tk.Start:tk.End] {
				t.Fatalf("token %+v: Lo is not the lowered span", tk)
			}
			got = append(got, map[Kind]string{Word: "w", Num: "n", Punct: "p"}[tk.Kind]+":"+tc.in[tk.Start:tk.End])
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("Scan(%q) = %q, want %q", tc.in, g, tc.want)
		}
	}
}

func TestLowerKeepsOffsets(t *testing.T) {
	in := "KABUL Ürümqi ÅB"
	if lo := Lower(in); len(lo) != len(in) || lo != "kabul Ürümqi Åb" {
		t.Errorf("Lower(%q) = %q", in, lo)
	}
}
