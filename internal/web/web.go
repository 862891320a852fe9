// Package web is sitrep's browser interface, embedded in the binary: an
// events table with filters, a map, a timeline, an actor network, and an
// article view with actors, events, quotes and places highlighted. Pages
// are static files that read the JSON API; article text is only ever put
// into the page as text nodes, never parsed as HTML.
package web

//go:generate go run ./gen

import (
	"embed"
	"io/fs"
	"net/http"
	"strings"
)

//go:embed static
var static embed.FS

// Handler serves the UI. Paths under /doc/ get the article page; other
// unknown paths get 404.
func Handler() http.Handler {
	root, _ := fs.Sub(static, "static")
	files := http.FileServerFS(root)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		switch {
		case r.URL.Path == "/" || r.URL.Path == "/index.html":
			serveFile(w, r, root, "index.html")
		case strings.HasPrefix(r.URL.Path, "/doc/"):
			serveFile(w, r, root, "doc.html")
		default:
			w.Header().Set("Cache-Control", "public, max-age=3600")
			files.ServeHTTP(w, r)
		}
	})
}

func serveFile(w http.ResponseWriter, r *http.Request, root fs.FS, name string) {
	b, err := fs.ReadFile(root, name)
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(b)
}
