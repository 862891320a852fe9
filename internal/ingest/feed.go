package ingest

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/text/encoding/charmap"

	"github.com/sitrep/sitrep"
)

// Feed is a parsed RSS, Atom or JSON feed.
type Feed struct {
	Title string // becomes each item's outlet
	Link  string
	Items []FeedItem
}

// FeedItem is one entry of a feed as a document to analyse.
type FeedItem struct {
	Input sitrep.Input
	// GUID is the entry's id in the feed (its link when it has none).
	GUID string
	// Warning is a problem that did not stop the item (an unreadable date).
	Warning error
}

// ReadFeed parses a feed of at most maxBytes from r; name identifies it in
// errors. The XML decoder behind it (encoding/xml) never expands entities
// a document declares, so entity bombs stay inert text.
func ReadFeed(name string, r io.Reader, maxBytes int64) (*Feed, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	b, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("ingest: reading feed %s: %w", name, err)
	}
	if int64(len(b)) > maxBytes {
		return nil, fmt.Errorf("ingest: reading feed %s: %w (over %d bytes)", name, ErrTooLarge, maxBytes)
	}
	return ParseFeed(name, b)
}

// ParseFeed parses the feed in b; name identifies it in errors.
func ParseFeed(name string, b []byte) (*Feed, error) {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	f, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil && !utf8.Valid(b) {
		// A feed that says UTF-8 (or nothing) but is not: read it as
		// Windows-1252, the usual truth, rather than lose every item.
		if fixed, derr := charmap.Windows1252.NewDecoder().Bytes(b); derr == nil {
			if f2, err2 := gofeed.NewParser().Parse(bytes.NewReader(fixed)); err2 == nil {
				f, err = f2, nil
			}
		}
	}
	if err != nil {
		return nil, fmt.Errorf("ingest: parsing feed %s: %w", name, err)
	}
	out := &Feed{Title: strings.TrimSpace(f.Title), Link: f.Link}
	for i, it := range f.Items {
		if it == nil {
			continue
		}
		out.Items = append(out.Items, feedItem(name, i, out.Title, it))
	}
	return out, nil
}

func feedItem(name string, i int, outlet string, it *gofeed.Item) FeedItem {
	link := strings.TrimSpace(it.Link)
	if link == "" && len(it.Links) > 0 {
		link = strings.TrimSpace(it.Links[0])
	}
	guid := strings.TrimSpace(it.GUID)
	if guid == "" {
		guid = link
	}
	in := sitrep.Input{
		ID:     guid,
		Name:   name + "#" + strconv.Itoa(i+1),
		Title:  strings.TrimSpace(it.Title),
		Outlet: outlet,
		URL:    link,
	}
	fi := FeedItem{GUID: guid}
	switch {
	case it.PublishedParsed != nil:
		in.Published = it.PublishedParsed.UTC().Format(time.DateOnly)
	case it.UpdatedParsed != nil:
		in.Published = it.UpdatedParsed.UTC().Format(time.DateOnly)
	case it.Published != "" || it.Updated != "":
		fi.Warning = fmt.Errorf("ingest: %s: item %q: unreadable date %q", name, truncate(in.Title, 60), truncate(it.Published+it.Updated, 40))
	}
	body := it.Content
	if strings.TrimSpace(body) == "" {
		body = it.Description
	}
	if LooksLikeHTML([]byte(body)) || strings.Contains(body, "</") || strings.Contains(body, "<br") {
		in.HTML = body
	} else {
		in.Text = strings.TrimSpace(body)
	}
	fi.Input = in
	return fi
}
