package clean

import (
	"fmt"
	"strings"
	"unicode/utf8"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/pipeline"
)

// fromHTML extracts the article's paragraphs from an HTML page with
// go-trafilatura, and the page's metadata into doc where the input gave
// none. When the extractor finds no article it falls back to the text of
// the whole body, minus navigation and scripts.
func (c *Cleaner) fromHTML(raw string, doc *sitrep.Doc) ([]para, error) {
	tree, err := html.Parse(strings.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%w: unreadable HTML: %v", pipeline.ErrReject, err)
	}
	// The extractor drops figures; turn captions into paragraphs it keeps
	// and remember their text to mark them again afterwards.
	captions := map[string]bool{}
	unwrapFigures(tree, captions)
	var root *html.Node
	res, xerr := extract(tree)
	if xerr == nil && res.ContentNode != nil {
		fillMeta(doc, res.Metadata)
		if utf8.RuneCountInString(res.ContentText) >= minExtracted {
			root = res.ContentNode
		}
	}
	if root == nil {
		// The extractor modifies the tree it is given: parse afresh.
		if tree, err = html.Parse(strings.NewReader(raw)); err != nil {
			return nil, fmt.Errorf("%w: unreadable HTML: %v", pipeline.ErrReject, err)
		}
		unwrapFigures(tree, captions)
		if xerr != nil {
			doc.Diagnose(Name, fmt.Sprintf("html: extractor found no article (%v); using the page text", xerr))
		}
		// The whole page, less navigation and scripts, as paragraphs.
		root = tree
	}
	var w walker
	w.walk(root)
	w.flush()
	if len(w.paras) == 0 {
		return nil, fmt.Errorf("%w: no text in HTML", pipeline.ErrReject)
	}
	// Extractors can emit a block twice (nested markup, pull quotes): keep
	// the first.
	seen := make(map[string]bool, len(w.paras))
	paras := w.paras[:0]
	for _, p := range w.paras {
		if seen[p.text] {
			continue
		}
		seen[p.text] = true
		p.caption = p.caption || captions[p.text]
		paras = append(paras, p)
	}
	w.paras = paras
	// The headline is Doc.Title; the body should not repeat it.
	if doc.Title != "" && len(w.paras) > 1 && strings.EqualFold(w.paras[0].text, string(doc.Title)) {
		w.paras = w.paras[1:]
	}
	return w.paras, nil
}

// unwrapFigures renames <figure> to <div> and <figcaption> to <p>, adding
// each caption's cleaned text to captions.
func unwrapFigures(n *html.Node, captions map[string]bool) {
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Figure:
			n.DataAtom, n.Data = atom.Div, "div"
		case atom.Figcaption:
			n.DataAtom, n.Data = atom.P, "p"
			var w walker
			w.walk(n)
			w.flush()
			for _, p := range w.paras {
				captions[p.text] = true
			}
			return
		}
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		unwrapFigures(ch, captions)
	}
}

// minExtracted is the least text (in characters) taken from the
// extractor; below it the page is short or odd, and walking the whole
// page is more faithful than the extractor's own rescue, which can repeat
// text and glue lines together.
const minExtracted = 250

// extract runs go-trafilatura, turning a panic on hostile markup into an
// error so that the fallback can run.
func extract(tree *html.Node) (res *trafilatura.ExtractResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("extractor panic: %v", r)
		}
	}()
	cfg := trafilatura.DefaultConfig()
	cfg.MinExtractedSize = 0 // no baseline rescue: fromHTML falls back itself
	return trafilatura.ExtractDocument(tree, trafilatura.Options{
		Config:          cfg,
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Fast,
	})
}

func fillMeta(doc *sitrep.Doc, m trafilatura.Metadata) {
	set := func(dst *sitrep.NullString, v string) {
		if *dst == "" {
			*dst = sitrep.NullString(cleanLine(v))
		}
	}
	set(&doc.Title, m.Title)
	set(&doc.Outlet, m.Sitename)
	set(&doc.URL, m.URL)
	if doc.Author == "" {
		doc.Author = cleanLine(m.Author)
	}
	if !m.Date.IsZero() {
		set(&doc.Published, m.Date.Format("2006-01-02"))
	}
}

// walker turns an HTML tree into paragraphs: block elements end a
// paragraph, <br> ends a line, figure captions become caption paragraphs.
type walker struct {
	b       strings.Builder
	caption bool
	paras   []para
}

func (w *walker) flush() {
	if w.b.Len() == 0 {
		return
	}
	lines := strings.Split(w.b.String(), "\n")
	w.b.Reset()
	kept := lines[:0]
	for _, l := range lines {
		if l = cleanLine(l); l != "" {
			kept = append(kept, l)
		}
	}
	if len(kept) > 0 {
		w.paras = append(w.paras, para{text: strings.Join(kept, "\n"), caption: w.caption})
	}
}

func (w *walker) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.b.WriteString(strings.ReplaceAll(n.Data, "\n", " "))
		return
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Nav, atom.Header, atom.Footer,
			atom.Aside, atom.Form, atom.Button, atom.Iframe, atom.Svg, atom.Select, atom.Head, atom.Title:
			return
		case atom.Br:
			w.b.WriteByte('\n')
			return
		case atom.Figcaption:
			w.flush()
			w.caption = true
			for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
				w.walk(ch)
			}
			w.flush()
			w.caption = false
			return
		}
		if block(n.DataAtom) {
			w.flush()
			defer w.flush()
		} else if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
			w.b.WriteByte(' ')
		}
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		w.walk(ch)
	}
}

func block(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Ul, atom.Ol,
		atom.Dl, atom.Dt, atom.Dd, atom.Blockquote, atom.Pre, atom.Figure, atom.Table, atom.Tr, atom.Section,
		atom.Article, atom.Main, atom.Hr, atom.Address, atom.Details, atom.Summary, atom.Body, atom.Caption:
		return true
	}
	return false
}
