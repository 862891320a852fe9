// Package store keeps analysed documents and answers questions across them.
// One implementation over database/sql serves two engines: embedded SQLite
// (modernc.org/sqlite, pure Go, with FTS5 for text search) by default, and
// PostgreSQL (pgx) when one machine is not enough. Both run the same
// migrations, in each engine's dialect, and the same test suite.
//
// Ingest is idempotent: a document is keyed by the hash of its input, and
// storing it again changes nothing. Each document is written in one
// transaction, so a crash leaves either all of it or none.
package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
)

// ErrNotFound is returned when a requested record does not exist.
var ErrNotFound = errors.New("store: not found")

// Store is what the commands and the server need of storage.
type Store interface {
	// Put stores an analysed document under key (see Key). It reports
	// whether the document was new; storing the same key again is a no-op.
	Put(ctx context.Context, key string, doc *sitrep.Doc) (id int64, created bool, err error)
	// Has reports whether a document with key is stored.
	Has(ctx context.Context, key string) (bool, error)
	// Doc returns a stored document's full analysis.
	Doc(ctx context.Context, id int64) (*sitrep.Doc, error)
	// Docs lists stored documents, newest first.
	Docs(ctx context.Context, f DocFilter) ([]DocRow, error)
	// Events lists events matching f.
	Events(ctx context.Context, f EventFilter) ([]EventRow, error)
	// Actors lists actors with their document and event counts.
	Actors(ctx context.Context, f ActorFilter) ([]ActorRow, error)
	// Places lists resolved places with their event counts.
	Places(ctx context.Context, f PlaceFilter) ([]PlaceRow, error)
	// Stats counts what is stored.
	Stats(ctx context.Context) (Stats, error)
	Close() error
}

// Key returns the idempotency key of an input: a hash over everything that
// makes it a distinct document.
func Key(in sitrep.Input) string {
	h := sha256.New()
	for _, s := range []string{in.ID, in.URL, in.Outlet, in.Title, in.Published, in.Text, in.HTML} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TextHash returns the hash of a document's normalised text, which is the
// same for exact copies of one article however they were wrapped.
func TextHash(text string) string {
	// One pass into a buffer instead of Fields, Join and ToLower, with
	// the same result (textHashGeneral; FuzzTextHash): runs of white
	// space become one space, none at the ends, and each rune its lower
	// case (strings.ToLower maps invalid UTF-8 to U+FFFD).
	buf := make([]byte, 0, len(text)+8)
	space := false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			if asciiSpace[c] {
				space = true
				continue
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if space && len(buf) > 0 {
				buf = append(buf, ' ')
			}
			space = false
			buf = append(buf, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && len(buf) > 0 {
			buf = append(buf, ' ')
		}
		space = false
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:])
}

// textHashGeneral defines TextHash for any text.
func textHashGeneral(text string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.Join(strings.Fields(text), " "))))
	return hex.EncodeToString(sum[:])
}

// asciiSpace is the ASCII white space of unicode.IsSpace (strings.Fields).
var asciiSpace = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// Page bounds a listing.
type Page struct {
	Limit  int // default 50, at most 1000
	Offset int
}

func (p Page) limit() int {
	switch {
	case p.Limit <= 0:
		return 50
	case p.Limit > 1000:
		return 1000
	}
	return p.Limit
}

// DocFilter selects documents.
type DocFilter struct {
	Page
	// Query is a full-text search over titles and text.
	Query  string
	Outlet string
}

// DocRow is a stored document's summary.
type DocRow struct {
	ID        int64     `json:"id"`
	ExtID     string    `json:"ext_id,omitempty"`
	Title     string    `json:"title"`
	Outlet    string    `json:"outlet"`
	URL       string    `json:"url"`
	Published string    `json:"published"`
	Events    int       `json:"events"`
	Ingested  time.Time `json:"ingested"`
	// Snippet is the start of the text, or the matching passage in a search.
	Snippet string `json:"snippet"`
	// DupOf is the first stored copy of this article (a syndication
	// group's id; see internal/dedup), 0 when this is the first or only one.
	DupOf int64 `json:"dup_of,omitempty"`
}

// EventFilter selects events. Empty fields match everything.
type EventFilter struct {
	Page
	// Actor matches the source or the target actor id, or its name
	// (case-insensitive).
	Actor  string
	Source string
	Target string
	// Type is a PLOVER type.
	Type string
	// Place matches a place name or geonameid.
	Place string
	// From and To bound the event date (or the publication date when the
	// event has none), inclusive, as YYYY-MM-DD prefixes.
	From, To string
	// Sourcing is a speaker kind: named_person, named_org, anonymous,
	// outlet, unattributed.
	Sourcing string
	// Doc restricts to one document.
	Doc int64
	// Text is a full-text query over the documents the events come from.
	Text string
}

// EventRow is one event with what it is joined to.
type EventRow struct {
	DocID       int64    `json:"doc_id"`
	EventID     string   `json:"event_id"`
	Source      string   `json:"source"`
	SourceName  string   `json:"source_name"`
	SourceText  string   `json:"source_text"`
	Target      string   `json:"target"`
	TargetName  string   `json:"target_name"`
	TargetText  string   `json:"target_text"`
	Plover      string   `json:"plover"`
	Cameo       string   `json:"cameo"`
	Negated     bool     `json:"negated"`
	Modality    string   `json:"modality"`
	Date        string   `json:"date"`
	Published   string   `json:"published"`
	Outlet      string   `json:"outlet"`
	Title       string   `json:"title"`
	URL         string   `json:"url"`
	Place       string   `json:"place"`
	Country     string   `json:"country"`
	Lat         *float64 `json:"lat"`
	Lon         *float64 `json:"lon"`
	Speaker     string   `json:"speaker"`
	SpeakerKind string   `json:"speaker_kind"`
	Evidence    string   `json:"evidence"`
	Killed      *float64 `json:"killed,omitempty"`
}

// ActorFilter selects actors.
type ActorFilter struct {
	Page
	// Query matches the id or the name, case-insensitive prefix.
	Query string
	Type  string
}

// ActorRow is an actor across the store.
type ActorRow struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Type    string `json:"type"`
	Country string `json:"country"`
	Sector  string `json:"sector"`
	Docs    int    `json:"docs"`
	Events  int    `json:"events"`
}

// PlaceFilter selects places.
type PlaceFilter struct {
	Page
	Query   string
	Country string
}

// PlaceRow is a place across the store.
type PlaceRow struct {
	Name      string   `json:"name"`
	GeonameID *int     `json:"geonameid"`
	Feature   string   `json:"feature"`
	Country   string   `json:"country"`
	Admin1    string   `json:"admin1"`
	Lat       *float64 `json:"lat"`
	Lon       *float64 `json:"lon"`
	Docs      int      `json:"docs"`
	Events    int      `json:"events"`
}

// Stats counts what is stored.
type Stats struct {
	Docs   int `json:"docs"`
	Events int `json:"events"`
	Actors int `json:"actors"`
	Places int `json:"places"`
	Quotes int `json:"quotes"`
}
