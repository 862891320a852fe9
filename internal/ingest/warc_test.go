package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func warcRecord(typ, uri, block string, length string) string {
	if length == "" {
		length = fmt.Sprint(len(block))
	}
	return "WARC/1.0\r\nWARC-Type: " + typ + "\r\nWARC-Target-URI: " + uri + "\r\nWARC-Date: 2026-01-02T03:04:05Z\r\nContent-Length: " +
		length + "\r\n\r\n" + block + "\r\n\r\n"
}

func httpPage(body string) string {
	return "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
}

func readAllWARC(t *testing.T, s string, max int64) (ok []string, errs []error) {
	t.Helper()
	w := NewWARC(strings.NewReader(s), "t.warc", max)
	for i := 0; i < 100; i++ {
		it, err := w.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			errs = append(errs, err)
			return
		}
		if it.Err != nil {
			errs = append(errs, it.Err)
			continue
		}
		ok = append(ok, it.Input.URL)
	}
	t.Fatal("reader does not end")
	return
}

func TestWARCRecovers(t *testing.T) {
	a := warcRecord("response", "https://x/a", httpPage("<p>a</p>"), "")
	b := warcRecord("response", "https://x/b", httpPage("<p>b</p>"), "")
	c := warcRecord("response", "https://x/c", httpPage("<p>c</p>"), "")
	tests := []struct {
		name    string
		in      string
		max     int64
		want    []string
		wantErr []string
	}{
		{"clean", a + b + c, 0, []string{"https://x/a", "https://x/b", "https://x/c"}, nil},
		{"length too long swallows the next record", a + warcRecord("response", "https://x/bad", httpPage("<p>bad</p>"), "90") + b + c, 0,
			[]string{"https://x/a", "https://x/b", "https://x/c"}, []string{"x/bad", "does not end"}},
		{"length too short", a + warcRecord("response", "https://x/bad", httpPage("<p>bad page</p>"), "10") + c, 0,
			[]string{"https://x/a", "https://x/c"}, []string{"x/bad"}},
		{"negative length", a + warcRecord("response", "https://x/bad", "", "-5") + c, 0,
			[]string{"https://x/a", "https://x/c"}, []string{"Content-Length"}},
		{"huge length at the end", a + warcRecord("response", "https://x/bad", "abc", "9999999999"), 0,
			[]string{"https://x/a"}, []string{"x/bad"}},
		{"huge length swallows the next records", a + warcRecord("response", "https://x/bad", "abc", "9999999999") + b + c, 0,
			[]string{"https://x/a", "https://x/b", "https://x/c"}, []string{"runs into the next record"}},
		{"length over the limit swallows the next record", a + warcRecord("response", "https://x/bad", httpPage("<p>bad</p>"), "250") + b + c, 200,
			[]string{"https://x/a", "https://x/b", "https://x/c"}, []string{"runs into the next record"}},
		{"over the limit", a + warcRecord("response", "https://x/big", httpPage(strings.Repeat("x", 500)), "") + c, 200,
			[]string{"https://x/a", "https://x/c"}, []string{"too large"}},
		{"garbage before a record", "not a warc\r\n" + a, 0, []string{"https://x/a"}, nil},
		{"not a warc at all", "hello\nworld\n", 0, nil, []string{"not a record"}},
		{"cut in the header", a + "WARC/1.0\r\nWARC-Type: resp", 0, []string{"https://x/a"}, []string{"header"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := readAllWARC(t, tt.in, tt.max)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("records = %v, want %v", got, tt.want)
			}
			if len(errs) != len(tt.wantErr) && !(len(tt.wantErr) > 0 && len(errs) > 0) {
				t.Errorf("errors = %v, want %d", errs, len(tt.wantErr))
			}
			for i, e := range errs {
				if !strings.Contains(e.Error(), "t.warc") {
					t.Errorf("error %q does not name the archive", e)
				}
				if i < len(tt.wantErr) && !strings.Contains(e.Error(), tt.wantErr[i]) {
					t.Errorf("error %q, want it to mention %q", e, tt.wantErr[i])
				}
				var we *WARCError
				if errors.As(e, &we) && we.Record == 0 {
					t.Errorf("error %q has no record number", e)
				}
			}
		})
	}
}

func TestDecodeHTML(t *testing.T) {
	tests := []struct{ in, ct, want string }{
		{"caf\xc3\xa9", "text/html; charset=iso-8859-1", "café"}, // valid UTF-8 wins over a wrong label
		{"caf\xe9", "text/html; charset=utf-8", "café"},          // invalid UTF-8 labelled UTF-8
		{"caf\xe9", "", "café"},
		{"\xcf\xf0\xe8\xe2\xe5\xf2", "text/html; charset=windows-1251", "Привет"},
	}
	for _, tt := range tests {
		if got := DecodeHTML([]byte(tt.in), tt.ct); got != tt.want {
			t.Errorf("DecodeHTML(%q, %q) = %q, want %q", tt.in, tt.ct, got, tt.want)
		}
	}
}

func FuzzWARC(f *testing.F) {
	b, _ := os.ReadFile(filepath.Join("testdata", "robust", "archive.warc"))
	f.Add(b)
	f.Add([]byte(warcRecord("response", "https://x/a", httpPage("<p>a</p>"), "")))
	f.Fuzz(func(t *testing.T, b []byte) {
		w := NewWARC(bytes.NewReader(b), "fuzz", 1<<16)
		for i := 0; ; i++ {
			if i > len(b)+2 {
				t.Fatal("more records than bytes: the reader does not advance")
			}
			it, err := w.Next()
			if err != nil {
				return
			}
			if it.Err == nil && !utf8.ValidString(it.Input.HTML) {
				t.Fatal("invalid UTF-8 out")
			}
		}
	})
}
