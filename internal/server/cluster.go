package server

import (
	"errors"
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

func (s *Server) stories(w http.ResponseWriter, r *http.Request, ix *cluster.Index) {
	p := &params{r: r}
	f := store.StoryFilter{Page: p.page(), MinArticles: p.num("min", 1, 1, 1_000_000)}
	if p.err != nil {
		writeError(w, http.StatusBadRequest, "%v", p.err)
		return
	}
	rows, err := ix.Stories(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page(rows, f.Page))
}

func (s *Server) story(w http.ResponseWriter, r *http.Request, ix *cluster.Index) {
	id, ok := pathID(w, r, "story")
	if !ok {
		return
	}
	st, err := ix.Story(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, http.StatusNotFound, "no story %d", id)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

func (s *Server) corroboration(w http.ResponseWriter, r *http.Request, ix *cluster.Index) {
	id, ok := pathID(w, r, "document")
	if !ok {
		return
	}
	dc, err := ix.Doc(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, http.StatusNotFound, "no document %d", id)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, dc)
}

func (s *Server) network(w http.ResponseWriter, r *http.Request, ix *cluster.Index) {
	p := &params{r: r}
	actor, actor2 := p.str("actor", 200), p.str("actor2", 200)
	if p.err == nil && actor == "" {
		writeError(w, http.StatusBadRequest, "parameter actor is required")
		return
	}
	if p.err != nil {
		writeError(w, http.StatusBadRequest, "%v", p.err)
		return
	}
	n, err := ix.Network(r.Context(), actor, actor2)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, n)
}

func (s *Server) supporters(w http.ResponseWriter, r *http.Request, ix *cluster.Index) {
	p := &params{r: r}
	actor := p.str("actor", 200)
	if p.err == nil && actor == "" {
		writeError(w, http.StatusBadRequest, "parameter actor is required")
		return
	}
	if p.err != nil {
		writeError(w, http.StatusBadRequest, "%v", p.err)
		return
	}
	sup, err := ix.Supporters(r.Context(), actor)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Actor      string              `json:"actor"`
		Supporters []cluster.Supporter `json:"supporters"`
	}{actor, sup})
}
