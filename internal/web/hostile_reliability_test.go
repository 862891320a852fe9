package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/server"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/web"
)

// pwn is what every payload tries to do: mark the page's root element. A
// text node that merely shows the payload cannot set the attribute.
const pwn = "document.documentElement.dataset.pwned=1"

// hostileArticles attack the analyst's browser through every field an
// article controls: script and event-handler markup, javascript: and
// data: URLs, CSS injection, and requests to another origin (evil, a
// loopback server that counts hits), plus bidi overrides in names.
func hostileArticles(evil string) []sitrep.Input {
	return []sitrep.Input{{
		ID:        "hostile-2",
		Outlet:    "\u202eTASS\u202c <svg onload=\"" + pwn + "\">",
		Published: "2021-08-07",
		URL:       "data:text/html,<script>" + pwn + "</script>",
		Title:     `"><img src=x onerror="` + pwn + `"><style>body{background:url(` + evil + `/css-title)}</style> Kabul talks`,
		Text: "China said on Tuesday it would send aid to Afghanistan, a spokesman told reporters in Beijing. " +
			`<img src="` + evil + `/img" onerror="` + pwn + `"> ` +
			`<a href="javascript:` + pwn + `">Kabul</a> <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">Taliban</a> ` +
			`<div style="background:url(` + evil + `/css-inline);width:expression(` + pwn + `)">x</div> ` +
			"</textarea></title></style><script>" + pwn + "</script>\n\n" +
			"Taliban spokesman \u202eZabihullah Mujahid\u202c said the \u2067Islamic Emirate\u2069 would talk to Pakistan " +
			"in Islamabad, and \u202dUS\u202c officials in Washington said <iframe src=\"" + evil + "/frame\"></iframe> " +
			"<object data=\"" + evil + "/object\"></object><link rel=stylesheet href=\"" + evil + "/link\"> nothing.",
	}}
}

// TestHostileBrowser stores hostile articles, opens their article pages and
// the dashboard in headless Chromium, and checks no payload ran and no
// request left for another origin.
func TestHostileBrowser(t *testing.T) {
	browser := chromium(t)
	var hits atomic.Int64
	var mu sync.Mutex
	var hitPaths []string
	evilSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		mu.Lock()
		hitPaths = append(hitPaths, r.URL.Path)
		mu.Unlock()
	}))
	defer evilSrv.Close()
	url, ids := serveArticles(t, hostileArticles(evilSrv.URL))
	// Two renders (about 4 s each) keep the package's test time down: the
	// dashboard with a hostile query, and each article page.
	pages := []string{"/?q=" + "%22%3E%3Cimg%20src%3Dx%20onerror%3D" + pwn}
	for _, id := range ids {
		pages = append(pages, "/doc/"+strconv.FormatInt(id, 10))
	}
	pwned := regexp.MustCompile(`<html[^>]*data-pwned`)
	for i, p := range pages {
		dom := render(t, browser, url+p, fmt.Sprintf("hostile-%d.png", i))
		if strings.ContainsAny(dom, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") {
			t.Errorf("%s: a bidi control reached the page (\"\u202eTASS\" shows as \"SSAT\")", p)
		}
		if pwned.MatchString(dom) {
			t.Errorf("%s: a payload ran in the analyst's browser", p)
		}
		if strings.HasPrefix(p, "/doc/") {
			if !strings.Contains(dom, "Kabul talks") || !strings.Contains(dom, "TASS") {
				t.Error("the hostile article's title and outlet are not shown as text")
			}
			// The payloads reached the page, as text: the test exercised them.
			if !strings.Contains(dom, "onerror=\""+pwn) && !strings.Contains(dom, "onerror=&quot;"+pwn) {
				t.Error("the payloads are not in the page as text: nothing was tested")
			}
		}
		for _, bad := range []*regexp.Regexp{
			regexp.MustCompile(`<(a|iframe|object|embed)\b[^>]*(href|src|data)="(javascript|data):`),
			regexp.MustCompile(`<[a-z]+\b[^>]*\son(error|load)=`),
			regexp.MustCompile(`<(script|style|iframe|object|link)\b[^>]*(` + regexp.QuoteMeta(evilSrv.URL) + `|>` + regexp.QuoteMeta(pwn) + `)`),
		} {
			if m := bad.FindString(dom); m != "" {
				t.Errorf("%s: article markup became page markup: %s", p, m)
			}
		}
	}
	if n := hits.Load(); n > 0 {
		t.Errorf("%d requests reached another origin: %v", n, hitPaths)
	}
}

// TestCSPEverywhere checks the security headers on every kind of response:
// pages, static files, API answers, errors and unknown paths.
func TestCSPEverywhere(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "csp.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv := httptest.NewServer(server.New(server.Options{Store: st, UI: web.Handler(), WriteToken: "tok",
		Analyze: func(context.Context, sitrep.Input) (*sitrep.Doc, error) { return &sitrep.Doc{}, nil }}))
	defer srv.Close()
	static, _ := os.ReadDir("static")
	reqs := [][2]string{{"GET", "/"}, {"GET", "/index.html"}, {"GET", "/doc/1"}, {"GET", "/doc/%3Cscript%3E"},
		{"GET", "/nope"}, {"GET", "/vendor/"}, {"POST", "/"}, {"HEAD", "/"}, {"GET", "/api/nope"}, {"GET", "/api/documents/x"},
		{"GET", "/api/documents/999"}, {"GET", "/api/events?limit=x"}, {"GET", "/api/events?q=" + strings.Repeat("a", 5000)},
		{"POST", "/api/documents"}, {"DELETE", "/api/documents/1"}, {"GET", "/healthz"}, {"GET", "/readyz"}, {"GET", "/api/openapi.json"}}
	for _, e := range static {
		if !e.IsDir() {
			reqs = append(reqs, [2]string{"GET", "/" + e.Name()})
		}
	}
	for _, rq := range reqs {
		req, _ := http.NewRequest(rq[0], srv.URL+rq[1], nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s %s (%d): CSP %q", rq[0], rq[1], resp.StatusCode, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s %s: no nosniff", rq[0], rq[1])
		}
		if rq[0] == "POST" && rq[1] == "/api/documents" && resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("POST /api/documents without a token = %d, want 401", resp.StatusCode)
		}
	}
}
