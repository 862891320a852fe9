package attrib

import (
	"strings"
	"testing"
)

// FuzzEachRow feeds arbitrary lexicon files to the row parser used for the
// attribution lexicons: no panic, rows handed on have the minimum number
// of fields and no tabs or line breaks inside a field, errors name
// file:line.
func FuzzEachRow(f *testing.F) {
	f.Add("# comment\nsay\tverb\nsaid\tverb\textra\r\n\n", uint8(2))
	f.Add("\t\n", uint8(1))
	f.Add("a\n#\nb\tc", uint8(3))
	f.Fuzz(func(t *testing.T, data string, min uint8) {
		n := int(min%5) + 1
		err := eachRow("fuzz.tsv", data, n, func(fields []string) error {
			if len(fields) < n || fields[0] == "" {
				t.Fatalf("row %q handed on with under %d fields", fields, n)
			}
			for _, s := range fields {
				if strings.ContainsAny(s, "\t\n") {
					t.Fatalf("field %q holds a separator", s)
				}
			}
			return nil
		})
		if err != nil && !strings.Contains(err.Error(), "fuzz.tsv:") {
			t.Fatalf("error %q does not name file:line", err)
		}
	})
}
