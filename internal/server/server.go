// Package server is sitrep's HTTP API: read-only JSON over the store,
// health probes, an OpenAPI description, and — when started with a write
// token — an endpoint that analyses and stores new documents.
package server

import (
	"context"
	"crypto/subtle"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/store"
)

// Limits on what a client may send.
const (
	MaxBodyBytes   = 12 << 20 // one document with room for HTML markup
	MaxQueryBytes  = 4 << 10
	MaxHeaderBytes = 16 << 10
)

// Analyzer turns an input into an analysed document (engine.Process).
type Analyzer func(ctx context.Context, in sitrep.Input) (*sitrep.Doc, error)

// Options configure a Server.
type Options struct {
	Store store.Store
	// Analyze is needed only for writes.
	Analyze Analyzer
	// WriteToken enables POST /api/documents for requests that carry it as
	// a bearer token. Empty means read-only.
	WriteToken string
	// UI, when set, serves the web interface at /.
	UI  http.Handler
	Log *slog.Logger
	// MaxAnalyses bounds the write requests analysed at once; more get 503
	// with Retry-After. Zero means 2 × GOMAXPROCS.
	MaxAnalyses int
}

// Server routes the API.
type Server struct {
	opt Options
	mux *http.ServeMux
	// busy holds one token per analysis in progress.
	busy chan struct{}
}

//go:embed openapi.json
var openapi []byte

// New returns a server over the given options.
func New(opt Options) *Server {
	if opt.Log == nil {
		opt.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opt.MaxAnalyses <= 0 {
		opt.MaxAnalyses = 2 * runtime.GOMAXPROCS(0)
	}
	s := &Server{opt: opt, mux: http.NewServeMux(), busy: make(chan struct{}, opt.MaxAnalyses)}
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok\n") })
	s.mux.HandleFunc("GET /readyz", s.ready)
	s.mux.HandleFunc("GET /api/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openapi)
	})
	s.mux.HandleFunc("GET /api/stats", s.stats)
	s.mux.HandleFunc("GET /api/events", s.events)
	s.mux.HandleFunc("GET /api/actors", s.actors)
	s.mux.HandleFunc("GET /api/places", s.places)
	s.mux.HandleFunc("GET /api/documents", s.documents)
	s.mux.HandleFunc("GET /api/search", s.documents)
	s.mux.HandleFunc("GET /api/documents/{id}", s.document)
	s.mux.HandleFunc("POST /api/documents", s.create)
	s.addCluster()
	if opt.UI != nil {
		s.mux.Handle("/", opt.UI)
	}
	return s
}

// ServeHTTP applies the limits and security headers every response gets,
// then routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	if len(r.URL.RawQuery) > MaxQueryBytes {
		writeError(w, http.StatusRequestURITooLong, "query string over %d bytes", MaxQueryBytes)
		return
	}
	// A request target is visible ASCII (RFC 9112); raw bytes past it would
	// be echoed into redirects and errors as text that is not UTF-8.
	if strings.IndexFunc(r.URL.RawQuery, func(c rune) bool { return c <= ' ' || c >= 0x7f }) >= 0 {
		writeError(w, http.StatusBadRequest, "query string: percent-encode bytes outside visible ASCII")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
	start := time.Now()
	s.mux.ServeHTTP(w, r)
	s.opt.Log.Debug("request", "method", r.Method, "path", r.URL.Path, "took", time.Since(start))
}

// HTTPServer returns an http.Server for addr with timeouts and header
// limits set.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    MaxHeaderBytes,
	}
}

type apiError struct {
	Error string `json:"error"`
}

func writeError(w http.ResponseWriter, code int, format string, args ...any) {
	writeJSON(w, code, apiError{Error: fmt.Sprintf(format, args...)})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true) // article text goes to browsers: keep <, > and & escaped
	enc.Encode(v)
}

// list is a page of results.
type list[T any] struct {
	Items  []T  `json:"items"`
	Limit  int  `json:"limit"`
	Offset int  `json:"offset"`
	Next   *int `json:"next"` // offset of the next page, null on the last
}

func page[T any](items []T, p store.Page) list[T] {
	l := list[T]{Items: items, Limit: p.Limit, Offset: p.Offset}
	if len(items) == p.Limit {
		n := p.Offset + p.Limit
		l.Next = &n
	}
	return l
}

// params reads query parameters with validation, collecting the first
// error.
type params struct {
	r   *http.Request
	err error
}

func (p *params) str(name string, max int) string {
	v := p.r.URL.Query().Get(name)
	if len(v) > max && p.err == nil {
		p.err = fmt.Errorf("parameter %s is over %d bytes", name, max)
	}
	// PostgreSQL refuses text with NUL or bad UTF-8 (a 500); say 400 here.
	if (!utf8.ValidString(v) || strings.IndexByte(v, 0) >= 0) && p.err == nil {
		p.err = fmt.Errorf("parameter %s is not valid UTF-8 text", name)
	}
	return v
}

func (p *params) num(name string, def, min, max int) int {
	v := p.r.URL.Query().Get(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < min || n > max {
		if p.err == nil {
			p.err = fmt.Errorf("parameter %s=%q: want a whole number from %d to %d", name, v, min, max)
		}
		return def
	}
	return n
}

func (p *params) page() store.Page {
	return store.Page{Limit: p.num("limit", 50, 1, 1000), Offset: p.num("offset", 0, 0, 1_000_000)}
}

func (p *params) oneOf(name string, allowed ...string) string {
	v := p.r.URL.Query().Get(name)
	if v == "" {
		return ""
	}
	for _, a := range allowed {
		if strings.EqualFold(v, a) {
			return a
		}
	}
	if p.err == nil {
		p.err = fmt.Errorf("parameter %s=%q: want one of %s", name, v, strings.Join(allowed, ", "))
	}
	return ""
}

func (p *params) date(name string) string {
	v := p.r.URL.Query().Get(name)
	if v == "" {
		return ""
	}
	ok := len(v) == 4 || len(v) == 7 || len(v) == 10
	for i, c := range v {
		if (i == 4 || i == 7) && c != '-' || i != 4 && i != 7 && (c < '0' || c > '9') {
			ok = false
		}
	}
	if !ok && p.err == nil {
		p.err = fmt.Errorf("parameter %s=%q: want YYYY, YYYY-MM or YYYY-MM-DD", name, v)
	}
	return v
}

var kinds = []string{sitrep.SpeakerNamedPerson, sitrep.SpeakerNamedOrg, sitrep.SpeakerAnonymous, sitrep.SpeakerOutlet, sitrep.SpeakerUnattributed}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	p := &params{r: r}
	f := store.EventFilter{
		Page:     p.page(),
		Actor:    p.str("actor", 200),
		Source:   p.str("source", 200),
		Target:   p.str("target", 200),
		Type:     p.oneOf("type", sitrep.PloverTypes...),
		Place:    p.str("place", 200),
		From:     p.date("from"),
		To:       p.date("to"),
		Sourcing: p.oneOf("sourcing", kinds...),
		Doc:      int64(p.num("doc", 0, 0, 1<<62)),
		Text:     p.str("q", 500),
	}
	if p.err != nil {
		writeError(w, http.StatusBadRequest, "%v", p.err)
		return
	}
	rows, err := s.opt.Store.Events(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page(rows, f.Page))
}

func (s *Server) actors(w http.ResponseWriter, r *http.Request) {
	p := &params{r: r}
	f := store.ActorFilter{Page: p.page(), Query: p.str("q", 200), Type: p.str("type", 40)}
	if p.err != nil {
		writeError(w, http.StatusBadRequest, "%v", p.err)
		return
	}
	rows, err := s.opt.Store.Actors(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page(rows, f.Page))
}

func (s *Server) places(w http.ResponseWriter, r *http.Request) {
	p := &params{r: r}
	f := store.PlaceFilter{Page: p.page(), Query: p.str("q", 200), Country: p.str("country", 2)}
	if p.err != nil {
		writeError(w, http.StatusBadRequest, "%v", p.err)
		return
	}
	rows, err := s.opt.Store.Places(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page(rows, f.Page))
}

func (s *Server) documents(w http.ResponseWriter, r *http.Request) {
	p := &params{r: r}
	f := store.DocFilter{Page: p.page(), Query: p.str("q", 500), Outlet: p.str("outlet", 200)}
	if p.err != nil {
		writeError(w, http.StatusBadRequest, "%v", p.err)
		return
	}
	rows, err := s.opt.Store.Docs(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page(rows, f.Page))
}

func (s *Server) document(w http.ResponseWriter, r *http.Request) {
	if id, ok := pathID(w, r, "document"); ok {
		doc, err := s.opt.Store.Doc(r.Context(), id)
		s.reply(w, r, doc, err, fmt.Sprintf("no document %d", id))
	}
}

func (s *Server) stats(w http.ResponseWriter, r *http.Request) {
	st, err := s.opt.Store.Stats(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if _, err := s.opt.Store.Stats(ctx); err != nil {
		writeError(w, http.StatusServiceUnavailable, "store not ready")
		return
	}
	io.WriteString(w, "ready\n")
}

// authorized compares the bearer token in constant time.
func (s *Server) authorized(r *http.Request) bool {
	if s.opt.WriteToken == "" {
		return false
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(got), []byte(s.opt.WriteToken)) == 1
}

// createResponse reports a stored document.
type createResponse struct {
	ID      int64 `json:"id"`
	Created bool  `json:"created"`
	Events  int   `json:"events"`
}

func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	if s.opt.WriteToken == "" || s.opt.Analyze == nil {
		writeError(w, http.StatusForbidden, "this server is read-only: start it with a write token")
		return
	}
	if !s.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="sitrep"`)
		writeError(w, http.StatusUnauthorized, "missing or wrong bearer token")
		return
	}
	// Analysis is the costly part: refuse at once rather than queue without
	// bound when the server is full.
	select {
	case s.busy <- struct{}{}:
		defer func() { <-s.busy }()
	default:
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusServiceUnavailable, "busy: %d analyses in progress, retry later", cap(s.busy))
		return
	}
	var in sitrep.Input
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, "body over %d bytes", MaxBodyBytes)
			return
		}
		writeError(w, http.StatusBadRequest, "body: %v", err)
		return
	}
	if in.Name == "" {
		in.Name = "request"
	}
	doc, err := s.opt.Analyze(r.Context(), in)
	if err != nil {
		writeError(w, http.StatusUnprocessableEntity, "%v", err)
		return
	}
	id, created, err := s.opt.Store.Put(r.Context(), store.Key(in), doc)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	code := http.StatusOK
	if created {
		code = http.StatusCreated
	}
	writeJSON(w, code, createResponse{ID: id, Created: created, Events: len(doc.Events)})
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	s.opt.Log.Error("request failed", "path", r.URL.Path, "err", err)
	writeError(w, http.StatusInternalServerError, "internal error")
}
