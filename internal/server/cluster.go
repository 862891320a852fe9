package server

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/sitrep/sitrep/internal/cluster"
	"github.com/sitrep/sitrep/internal/store"
)

// addCluster routes the cross-article endpoints: stories, the
// corroboration of an article's claims, an actor's network and who backs
// an actor. Each brings the story index up to date first, so articles
// stored by any means are counted. Over a store without a story index
// they answer 501.
func (s *Server) addCluster() {
	ix, err := cluster.Open(s.opt.Store, cluster.DefaultOptions())
	handle := func(pattern string, h func(w http.ResponseWriter, r *http.Request, ix *cluster.Index)) {
		s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
			if err != nil {
				writeError(w, http.StatusNotImplemented, "this store keeps no story index")
				return
			}
			if _, err := ix.Sync(r.Context()); err != nil {
				s.fail(w, r, err)
				return
			}
			h(w, r, ix)
		})
	}
	handle("GET /api/stories", s.stories)
	handle("GET /api/stories/{id}", s.story)
	handle("GET /api/documents/{id}/corroboration", s.corroboration)
	handle("GET /api/network", s.network)
	handle("GET /api/supporters", s.supporters)
}

func pathID(w http.ResponseWriter, r *http.Request, what string) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		writeError(w, http.StatusBadRequest, "%s id %q: want a positive number", what, r.PathValue("id"))
		return 0, false
	}
	return id, true
}

// reply writes v as JSON, or the error: 404 saying missing when the store
// has no such thing, 500 (logged) for any other.
func (s *Server) reply(w http.ResponseWriter, r *http.Request, v any, err error, missing string) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "%s", missing)
	case err != nil:
		s.fail(w, r, err)
	default:
		writeJSON(w, http.StatusOK, v)
	}
}

// actorParam reads the required actor parameter, answering 400 for it or
// for any parameter read before it.
func actorParam(w http.ResponseWriter, p *params) (string, bool) {
	actor := p.str("actor", 200)
	if p.err == nil && actor == "" {
		writeError(w, http.StatusBadRequest, "parameter actor is required")
		return "", false
	}
	if p.err != nil {
		writeError(w, http.StatusBadRequest, "%v", p.err)
		return "", false
	}
	return actor, true
}

func (s *Server) stories(w http.ResponseWriter, r *http.Request, ix *cluster.Index) {
	p := &params{r: r}
	f := store.StoryFilter{Page: p.page(), MinArticles: p.num("min", 1, 1, 1_000_000)}
	if p.err != nil {
		writeError(w, http.StatusBadRequest, "%v", p.err)
		return
	}
	rows, err := ix.Stories(r.Context(), f)
	s.reply(w, r, page(rows, f.Page), err, "")
}

func (s *Server) story(w http.ResponseWriter, r *http.Request, ix *cluster.Index) {
	if id, ok := pathID(w, r, "story"); ok {
		st, err := ix.Story(r.Context(), id)
		s.reply(w, r, st, err, fmt.Sprintf("no story %d", id))
	}
}

func (s *Server) corroboration(w http.ResponseWriter, r *http.Request, ix *cluster.Index) {
	if id, ok := pathID(w, r, "document"); ok {
		dc, err := ix.Doc(r.Context(), id)
		s.reply(w, r, dc, err, fmt.Sprintf("no document %d", id))
	}
}

func (s *Server) network(w http.ResponseWriter, r *http.Request, ix *cluster.Index) {
	p := &params{r: r}
	actor2 := p.str("actor2", 200)
	if actor, ok := actorParam(w, p); ok {
		n, err := ix.Network(r.Context(), actor, actor2)
		s.reply(w, r, n, err, "")
	}
}

func (s *Server) supporters(w http.ResponseWriter, r *http.Request, ix *cluster.Index) {
	if actor, ok := actorParam(w, &params{r: r}); ok {
		sup, err := ix.Supporters(r.Context(), actor)
		s.reply(w, r, struct {
			Actor      string              `json:"actor"`
			Supporters []cluster.Supporter `json:"supporters"`
		}{actor, sup}, err, "")
	}
}
