package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"

	"github.com/sitrep/sitrep"
)

// ErrCorruptWARC marks a WARC record that could not be read as written; the
// reader skips to the next record it can find.
var ErrCorruptWARC = errors.New("corrupt WARC record")

// maxWARCHeader bounds one WARC or HTTP header line and a header block.
const maxWARCHeader = 64 << 10

// WARC reads the HTML response records of a WARC archive (ISO 28500, as
// Common Crawl News writes it). Gzip, whole-file or one member per record,
// is the caller's business: wrap r in a gzip.Reader, which reads
// concatenated members as one stream.
type WARC struct {
	r        *bufio.Reader
	name     string
	maxBytes int64
	n        int // records seen
	offset   int64
}

// NewWARC returns a reader of the records in r; name identifies r in errors
// and maxBytes bounds one record's block (0 means DefaultMaxBytes).
func NewWARC(r io.Reader, name string, maxBytes int64) *WARC {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	return &WARC{r: bufio.NewReaderSize(r, 64<<10), name: name, maxBytes: maxBytes}
}

// WARCError is a record that could not be used; it names the archive, the
// record's ordinal and byte offset, and its target URI when known.
type WARCError struct {
	Name   string
	Record int
	Offset int64
	URI    string
	Err    error
}

func (e *WARCError) Error() string {
	s := fmt.Sprintf("%s: record %d at byte %d", e.Name, e.Record, e.Offset)
	if e.URI != "" {
		s += " (" + e.URI + ")"
	}
	return s + ": " + e.Err.Error()
}

func (e *WARCError) Unwrap() error { return e.Err }

// Next returns the next HTML response record as an Item (with Err set, a
// *WARCError, for a record that is corrupt or over the limit); records of
// other types (request, metadata, warcinfo, non-HTML responses) are
// skipped. It returns io.EOF at the end and another error only when the
// input itself cannot be read.
func (w *WARC) Next() (Item, error) {
	for {
		it, ok, err := w.record()
		if err != nil {
			return Item{}, err
		}
		if ok {
			return it, nil
		}
	}
}

func (w *WARC) fail(start int64, uri string, err error) Item {
	return Item{Input: sitrep.Input{Name: fmt.Sprintf("%s#%d", w.name, w.n)},
		Err: &WARCError{Name: w.name, Record: w.n, Offset: start, URI: uri, Err: err}}
}

// record reads one record; ok is false for a record that yields nothing.
func (w *WARC) record() (it Item, ok bool, err error) {
	// Find the version line, skipping blank lines and, after a corrupt
	// record, whatever garbage precedes the next record.
	var garbage int64
	var start int64
	for {
		start = w.offset
		line, err := w.line()
		if err == io.EOF && line == "" {
			if garbage > 0 {
				w.n++
				return w.fail(w.offset-garbage, "", fmt.Errorf("%w: %d bytes that are not a record", ErrCorruptWARC, garbage)), true, nil
			}
			return Item{}, false, io.EOF
		}
		if err != nil && err != io.EOF && !errors.Is(err, errLongLine) {
			return Item{}, false, w.readErr(err)
		}
		if strings.HasPrefix(line, "WARC/1.") {
			break
		}
		if strings.TrimSpace(line) != "" {
			garbage += w.offset - start
		}
	}
	w.n++
	hdr, err := w.headers()
	if err != nil {
		if err == errEndInHeader {
			return w.fail(start, "", fmt.Errorf("%w: archive ends inside the record header", ErrCorruptWARC)), true, nil
		}
		if errors.Is(err, ErrCorruptWARC) {
			return w.fail(start, "", err), true, nil
		}
		return Item{}, false, w.readErr(err)
	}
	uri := strings.Trim(hdr.Get("WARC-Target-URI"), "<>")
	n, perr := strconv.ParseInt(strings.TrimSpace(hdr.Get("Content-Length")), 10, 64)
	if perr != nil || n < 0 {
		return w.fail(start, uri, fmt.Errorf("%w: Content-Length %q", ErrCorruptWARC, hdr.Get("Content-Length"))), true, nil
	}
	if n > w.maxBytes {
		found, err := w.skip(n)
		switch {
		case found:
			return w.fail(start, uri, fmt.Errorf("%w: Content-Length %d runs into the next record", ErrCorruptWARC, n)), true, nil
		case err != nil:
			return w.fail(start, uri, fmt.Errorf("%w: archive ends inside a block of %d bytes", ErrCorruptWARC, n)), true, nil
		}
		return w.fail(start, uri, fmt.Errorf("%w (block of %d bytes, over %d)", ErrTooLarge, n, w.maxBytes)), true, nil
	}
	block := make([]byte, n)
	got, err := io.ReadFull(w.r, block)
	w.offset += int64(got)
	if err != nil {
		if err != io.EOF && err != io.ErrUnexpectedEOF {
			return Item{}, false, w.readErr(err)
		}
		w.resync(block[:got])
		return w.fail(start, uri, fmt.Errorf("%w: archive ends %d bytes into a block of %d", ErrCorruptWARC, got, n)), true, nil
	}
	// A block must be followed by CRLF CRLF. When it is not, the length
	// was wrong: report the record and resynchronise on the next version
	// line, which may lie inside what was read as this block.
	trailer, _ := w.r.Peek(4)
	if !bytes.HasPrefix([]byte("\r\n\r\n"), trailer) {
		w.resync(block)
		return w.fail(start, uri, fmt.Errorf("%w: Content-Length %d does not end at the record's end", ErrCorruptWARC, n)), true, nil
	}
	w.r.Discard(len(trailer))
	w.offset += int64(len(trailer))
	if !strings.EqualFold(hdr.Get("WARC-Type"), "response") {
		return Item{}, false, nil
	}
	in, err := warcResponse(block, w.maxBytes)
	if err != nil {
		return w.fail(start, uri, err), true, nil
	}
	if in == nil {
		return Item{}, false, nil // not an HTML page
	}
	in.Name = fmt.Sprintf("%s#%d", w.name, w.n)
	in.URL = uri
	if u, err := url.Parse(uri); err == nil {
		// The site stands for the outlet until the page names one.
		in.Outlet = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	in.ID = strings.Trim(hdr.Get("WARC-Record-ID"), "<>")
	if d, err := time.Parse(time.RFC3339, strings.TrimSpace(hdr.Get("WARC-Date"))); err == nil {
		in.Published = d.UTC().Format(time.DateOnly)
	}
	return Item{Input: *in}, true, nil
}

// skip discards a block of n bytes too large to hold. A lying length
// would swallow every record after it, so skipping stops at the first
// version line inside the block (found) and puts it back: the block is
// dropped either way, and a real record that large rarely holds one.
func (w *WARC) skip(n int64) (found bool, err error) {
	const marker = "\nWARC/1."
	buf := make([]byte, 64<<10)
	keep := 0 // bytes of the previous read kept for a marker across reads
	for n > 0 {
		k, err := w.r.Read(buf[keep:min(int64(len(buf)), int64(keep)+n)])
		w.offset += int64(k)
		n -= int64(k)
		chunk := buf[:keep+k]
		if i := bytes.Index(chunk, []byte(marker)); i >= 0 {
			w.resync(chunk[i:])
			return true, nil
		}
		keep = copy(buf, chunk[max(0, len(chunk)-len(marker)+1):])
		if err != nil {
			return false, err
		}
	}
	return false, nil
}

// resync puts back the part of block from the first version line in it,
// when there is one, so that a record swallowed by a wrong length is read.
func (w *WARC) resync(block []byte) {
	i := bytes.Index(block, []byte("\nWARC/1."))
	if i < 0 {
		return
	}
	rest := block[i+1:]
	w.offset -= int64(len(rest))
	w.r = bufio.NewReaderSize(io.MultiReader(bytes.NewReader(rest), w.r), 64<<10)
}

var (
	errLongLine    = errors.New("line too long")
	errEndInHeader = errors.New("end inside header")
)

// line reads one line without its line ending, keeping at most
// maxWARCHeader bytes of it (errLongLine when it had more).
func (w *WARC) line() (string, error) {
	var buf []byte
	long := false
	for {
		chunk, err := w.r.ReadSlice('\n')
		w.offset += int64(len(chunk))
		if !long && len(buf)+len(chunk) <= maxWARCHeader {
			buf = append(buf, chunk...)
		} else {
			long = true
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if long {
			return "", errLongLine
		}
		return strings.TrimRight(string(buf), "\r\n"), err
	}
}

// headers reads "Name: value" lines up to a blank line.
func (w *WARC) headers() (http.Header, error) {
	h := http.Header{}
	total := 0
	for {
		line, err := w.line()
		if errors.Is(err, errLongLine) {
			return nil, fmt.Errorf("%w: header line over %d bytes", ErrCorruptWARC, maxWARCHeader)
		}
		if err == io.EOF {
			return nil, errEndInHeader
		}
		if err != nil {
			return nil, err
		}
		if line == "" {
			return h, nil
		}
		total += len(line)
		if total > maxWARCHeader {
			return nil, fmt.Errorf("%w: header over %d bytes", ErrCorruptWARC, maxWARCHeader)
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("%w: header line %q", ErrCorruptWARC, truncate(line, 60))
		}
		h.Add(strings.TrimSpace(k), strings.TrimSpace(v))
	}
}

func (w *WARC) readErr(err error) error {
	return fmt.Errorf("ingest: reading %s after record %d: %w", w.name, w.n, err)
}

// warcResponse reads an HTTP response block; it returns nil for a response
// that is not a successful HTML page.
func warcResponse(block []byte, maxBytes int64) (*sitrep.Input, error) {
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(block)), nil)
	if err != nil {
		return nil, fmt.Errorf("%w: HTTP response: %v", ErrCorruptWARC, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, nil
	}
	ct := resp.Header.Get("Content-Type")
	if mt, _, _ := mime.ParseMediaType(ct); ct != "" && mt != "text/html" && mt != "application/xhtml+xml" {
		return nil, nil
	}
	var body io.Reader = resp.Body
	if strings.EqualFold(resp.Header.Get("Content-Encoding"), "gzip") {
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			return nil, fmt.Errorf("HTTP body: %w", err)
		}
		body = zr
	}
	b, err := io.ReadAll(io.LimitReader(body, maxBytes+1))
	if err != nil && len(b) == 0 {
		return nil, fmt.Errorf("HTTP body: %w", err)
	}
	if int64(len(b)) > maxBytes {
		return nil, fmt.Errorf("%w: HTTP body over %d bytes", ErrTooLarge, maxBytes)
	}
	return &sitrep.Input{HTML: DecodeHTML(b, ct)}, nil
}

// DecodeHTML returns an HTML page as UTF-8. Declarations are often wrong,
// so bytes that are valid UTF-8 are taken as UTF-8 whatever the page says;
// otherwise the declared or sniffed charset decodes them, and
// Windows-1252 stands in when that names UTF-8 or nothing usable.
func DecodeHTML(b []byte, contentType string) string {
	if utf8.Valid(b) {
		return string(b)
	}
	enc, name, _ := charset.DetermineEncoding(b, contentType)
	if name == "utf-8" || enc == nil {
		enc = charmap.Windows1252
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\ufffd")
	}
	return string(out)
}
