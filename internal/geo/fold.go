package geo

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Key folds a name to its gazetteer lookup key: lower case, diacritics
// removed, and everything but letters and digits dropped, so that "Herāt",
// "Herat", "Lashkar Gah", "Lashkar-Gah" and "Lashkargah" share a key.
func Key(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	appendKey(&b, s)
	return b.String()
}

// appendKey writes the folded form of s to b.
func appendKey(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				b.WriteByte(c)
			case 'A' <= c && c <= 'Z':
				b.WriteByte(c + 'a' - 'A')
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		foldRune(b, r)
	}
}

// foldRune writes the base letters of one non-ASCII rune.
func foldRune(b *strings.Builder, r rune) {
	switch r {
	case 'ß':
		b.WriteString("ss")
		return
	case 'æ', 'Æ':
		b.WriteString("ae")
		return
	case 'œ', 'Œ':
		b.WriteString("oe")
		return
	case 'ø', 'Ø':
		b.WriteByte('o')
		return
	case 'ł', 'Ł':
		b.WriteByte('l')
		return
	case 'đ', 'Đ', 'ð', 'Ð':
		b.WriteByte('d')
		return
	case 'ı':
		b.WriteByte('i')
		return
	case 'þ', 'Þ':
		b.WriteString("th")
		return
	}
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	d := norm.NFD.Bytes(buf[:n])
	for len(d) > 0 {
		q, m := utf8.DecodeRune(d)
		d = d[m:]
		if unicode.Is(unicode.Mn, q) {
			continue
		}
		q = unicode.ToLower(q)
		if q < utf8.RuneSelf {
			b.WriteByte(byte(q))
		} else {
			b.WriteRune(q)
		}
	}
}
