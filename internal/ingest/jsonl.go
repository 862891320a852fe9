package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
)

// LineError is a JSONL record that could not be read. It names the input,
// the line and, when the line got that far, the record's id.
type LineError struct {
	Name string // the JSONL input
	Line int    // 1-based
	ID   string // the record's id, when it could be read
	Err  error
}

func (e *LineError) Error() string {
	if e.ID != "" {
		return fmt.Sprintf("%s:%d: record %q: %v", e.Name, e.Line, e.ID, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.Name, e.Line, e.Err)
}

// Unwrap returns the underlying error.
func (e *LineError) Unwrap() error { return e.Err }

// Record is one non-blank line of a JSONL input: the document it holds, or
// the error that line gave.
type Record struct {
	Line  int
	Input sitrep.Input
	Err   error // a *LineError
}

// JSONL reads records from a JSON Lines input:
// {"id", "text"|"html", "title", "published", "outlet", "url"}.
type JSONL struct {
	r       *bufio.Reader
	name    string
	line    int
	maxLine int
	buf     []byte
}

// NewJSONL returns a reader of records from r; name identifies r in
// errors. maxLine bounds one line in bytes (0 means DefaultMaxBytes).
func NewJSONL(r io.Reader, name string, maxLine int) *JSONL {
	if maxLine <= 0 {
		maxLine = DefaultMaxBytes
	}
	return &JSONL{r: bufio.NewReaderSize(r, 64<<10), name: name, maxLine: maxLine}
}

// Next returns the next record. A malformed line gives a Record whose Err
// is set, and reading goes on; Next returns io.EOF after the last record,
// and another error only when the input itself cannot be read.
func (j *JSONL) Next() (Record, error) {
	for {
		line, tooLong, err := j.readLine()
		if err != nil && err != io.EOF {
			return Record{}, fmt.Errorf("ingest: reading %s after line %d: %w", j.name, j.line, err)
		}
		if err == io.EOF && line == nil && !tooLong {
			return Record{}, io.EOF
		}
		j.line++
		label := j.name + ":" + strconv.Itoa(j.line)
		if tooLong {
			return Record{Line: j.line, Input: sitrep.Input{Name: label}, Err: &LineError{Name: j.name, Line: j.line,
				Err: fmt.Errorf("%w: line over %d bytes", ErrTooLarge, j.maxLine)}}, nil
		}
		if j.line == 1 {
			line = bytes.TrimPrefix(line, []byte("\ufeff"))
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		in, id, perr := ParseRecord(line)
		in.Name = label
		rec := Record{Line: j.line, Input: in}
		if perr != nil {
			rec.Err = &LineError{Name: j.name, Line: j.line, ID: id, Err: perr}
			rec.Input = sitrep.Input{ID: id, Name: label}
		}
		return rec, nil
	}
}

// readLine returns the next line without its line ending, nil at the end
// of the input. A line over maxLine is read to its end, dropped and
// reported as tooLong.
func (j *JSONL) readLine() (line []byte, tooLong bool, err error) {
	j.buf = j.buf[:0]
	for {
		chunk, err := j.r.ReadSlice('\n')
		if !tooLong {
			j.buf = append(j.buf, chunk...)
			if len(j.buf) > j.maxLine+2 { // +2 for "\r\n"
				tooLong = true
				j.buf = j.buf[:0]
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if tooLong {
			return nil, true, err
		}
		if len(j.buf) == 0 {
			return nil, false, err
		}
		line = bytes.TrimRight(j.buf, "\r\n")
		if len(line) > j.maxLine {
			return nil, true, err
		}
		return line, false, err
	}
}

// record is the JSON shape of one input line.
type record struct {
	ID        json.RawMessage `json:"id"`
	Text      *string         `json:"text"`
	HTML      *string         `json:"html"`
	Title     string          `json:"title"`
	Published string          `json:"published"`
	Outlet    string          `json:"outlet"`
	URL       string          `json:"url"`
}

// ParseRecord decodes one JSONL line. It returns the record's id even when
// the rest is wrong, so errors can name it.
func ParseRecord(line []byte) (in sitrep.Input, id string, err error) {
	var r record
	if err := json.Unmarshal(line, &r); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return in, "", fmt.Errorf("malformed JSON at byte %d: %v", se.Offset, se)
		}
		// A type error: try for the id alone, to name the record.
		var idOnly struct {
			ID json.RawMessage `json:"id"`
		}
		if json.Unmarshal(line, &idOnly) == nil {
			id, _ = decodeID(idOnly.ID)
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return in, id, fmt.Errorf("field %q: want a %s, got a JSON %s", te.Field, te.Type, te.Value)
		}
		return in, id, fmt.Errorf("record is a JSON %s, not an object", jsonKind(line))
	}
	id, err = decodeID(r.ID)
	if err != nil {
		return in, "", err
	}
	in = sitrep.Input{ID: id, Title: r.Title, Outlet: r.Outlet, URL: r.URL}
	switch {
	case r.Text != nil && r.HTML != nil:
		return in, id, errors.New(`record has both "text" and "html"`)
	case r.HTML != nil:
		in.HTML = *r.HTML
	case r.Text != nil:
		in.Text = *r.Text
	default:
		return in, id, errors.New(`record has neither "text" nor "html"`)
	}
	if r.Published != "" {
		d, err := normalizeDate(r.Published)
		if err != nil {
			return in, id, err
		}
		in.Published = d
	}
	return in, id, nil
}

// decodeID accepts a string or a number as the record id.
func decodeID(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String(), nil
	}
	return "", fmt.Errorf("id %s is neither a string nor a number", truncate(string(raw), 40))
}

// normalizeDate accepts YYYY-MM-DD or an RFC 3339 timestamp and returns
// the date.
func normalizeDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if _, err := time.Parse("2006-01-02", s); err == nil {
		return s, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.Format("2006-01-02"), nil
	}
	return "", fmt.Errorf("published %q is not a date (YYYY-MM-DD)", truncate(s, 40))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xc0 == 0x80 {
		n--
	}
	return s[:n] + "..."
}

// jsonKind names the kind of JSON value that line holds.
func jsonKind(line []byte) string {
	switch b := bytes.TrimSpace(line); {
	case len(b) == 0:
		return "nothing"
	case b[0] == '[':
		return "array"
	case b[0] == '"':
		return "string"
	case b[0] == '{':
		return "object with bad fields"
	case b[0] == 't' || b[0] == 'f':
		return "boolean"
	case b[0] == 'n':
		return "null"
	}
	return "number"
}
