package web_test

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/engine"
	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/server"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/web"
)

// chromium finds Debian's headless browser, or skips.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium on PATH: install Debian's chromium package (.ci/run does)")
	return ""
}

// render loads url in headless Chromium, lets its scripts run, saves a
// screenshot under the test's artefacts folder and returns the final DOM.
func render(t *testing.T, browser, url, shot string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	common := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
		"--user-data-dir=" + t.TempDir(), "--window-size=1280,1600", "--virtual-time-budget=15000"}
	dom, err := exec.CommandContext(ctx, browser, append(common, "--dump-dom", url)...).Output()
	if err != nil {
		t.Fatalf("chromium --dump-dom %s: %v", url, err)
	}
	dir := os.Getenv("SITREP_ARTEFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "sitrep-artefacts")
	}
	os.MkdirAll(dir, 0o755)
	png := filepath.Join(dir, shot)
	if out, err := exec.CommandContext(ctx, browser, append(common, "--screenshot="+png, url)...).CombinedOutput(); err != nil {
		t.Logf("screenshot: %v\n%s", err, out)
	} else {
		t.Logf("screenshot: %s", png)
	}
	return string(dom)
}

// markersInView checks that every map marker lies inside its map's
// view box and that the basemap drew countries: a projection fitted to
// the wrong box (places on both sides of the antimeridian) puts them off
// the map.
func markersInView(t *testing.T, dom string) {
	t.Helper()
	vb := regexp.MustCompile(`viewBox="0 0 ([0-9.]+) ([0-9.]+)" role="img" aria-label="map`).FindStringSubmatch(dom)
	if vb == nil {
		t.Fatal("no map svg")
	}
	w, _ := strconv.ParseFloat(vb[1], 64)
	h, _ := strconv.ParseFloat(vb[2], 64)
	for _, m := range regexp.MustCompile(`<circle class="marker[^"]*" cx="([-0-9.e]+)" cy="([-0-9.e]+)"[^>]*data-place="([^"]*)"`).FindAllStringSubmatch(dom, -1) {
		x, _ := strconv.ParseFloat(m[1], 64)
		y, _ := strconv.ParseFloat(m[2], 64)
		if x < 0 || x > w || y < 0 || y > h {
			t.Errorf("marker %s at (%.0f, %.0f) is outside the %.0f×%.0f map", m[3], x, y, w, h)
		}
	}
	if n := len(regexp.MustCompile(`<path class="country" d="M`).FindAllString(dom, -1)); n < 20 {
		t.Errorf("%d countries drawn on the map, want the basemap", n)
	}
}

// article is the seed when the shared folder is present, else the bundled
// example, so the test runs everywhere.
func article(t *testing.T) sitrep.Input {
	seed := filepath.Join("..", "..", "..", "shared", "seed", "mirror-china-taliban-uyghurs.txt")
	path := filepath.Join("..", "..", "examples", "sudan-ethiopia-border.txt")
	if _, err := os.Stat(seed); err == nil {
		path = seed
	}
	in, err := ingest.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	in.Published = "2021-08-05"
	return in
}

// hostile is an article written to attack the analyst's browser.
var hostile = sitrep.Input{
	ID: "hostile", Outlet: `<img src=x onerror="document.title='pwned'">`, Published: "2021-08-06",
	URL:   "javascript:document.title='pwned'",
	Title: `<script>document.title='pwned'</script> Rebels attack "Goma"`,
	Text: "Rebels attacked the town of Goma <script>document.title='pwned'</script> on Monday, killing 12 civilians, " +
		"officials said.\n\n<img src=x onerror=\"document.title='pwned'\"> The UN said it was \u202edeeply concerned\u202c " +
		"about fighting near <a href=\"javascript:alert(1)\">Goma</a>.",
}

// serveArticles analyses the inputs with the real engine, stores them in a
// fresh SQLite store and serves the API and UI over it; it returns the
// server's URL and the stored ids, in order.
func serveArticles(t *testing.T, ins []sitrep.Input) (string, []int64) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "ui.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	eng, err := engine.New(engine.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, in := range ins {
		doc, err := eng.Process(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		id, _, err := st.Put(ctx, store.Key(in), doc)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	srv := httptest.NewServer(server.New(server.Options{Store: st, UI: web.Handler()}))
	t.Cleanup(srv.Close)
	return srv.URL, ids
}

func TestBrowser(t *testing.T) {
	browser := chromium(t)
	url, ids := serveArticles(t, []sitrep.Input{article(t), hostile})

	count := func(dom, pattern string) int { return len(regexp.MustCompile(pattern).FindAllString(dom, -1)) }

	t.Run("article", func(t *testing.T) {
		dom := render(t, browser, url+"/doc/"+strconv.FormatInt(ids[0], 10), "article.png")
		if n := count(dom, `class="hl-actor"[^>]*data-actor=`); n < 5 {
			t.Errorf("%d actor highlights, want at least 5", n)
		}
		if n := count(dom, `class="hl-place"[^>]*data-place=`); n < 3 {
			t.Errorf("%d place highlights, want at least 3", n)
		}
		if n := count(dom, `class="hl-event"[^>]*data-event=`); n < 3 {
			t.Errorf("%d event highlights, want at least 3", n)
		}
		if n := count(dom, `class="hl-quote"[^>]*data-quote=`); n < 1 {
			t.Errorf("%d quote highlights, want at least 1", n)
		}
		if n := count(dom, `<circle class="marker`); n < 3 {
			t.Errorf("%d map markers, want at least 3", n)
		}
		markersInView(t, dom)
		if !strings.Contains(dom, `class="badge anonymous"`) {
			t.Error("no anonymous sourcing badge")
		}
	})

	t.Run("dashboard", func(t *testing.T) {
		dom := render(t, browser, url+"/", "dashboard.png")
		if n := count(dom, `<tr data-event=`); n < 3 {
			t.Errorf("%d event rows, want at least 3", n)
		}
		if n := count(dom, `<circle class="marker`); n < 1 {
			t.Errorf("%d map markers, want at least 1", n)
		}
		markersInView(t, dom)
		if !strings.Contains(dom, "<canvas") {
			t.Error("actor network not drawn")
		}
	})

	t.Run("hostile article", func(t *testing.T) {
		dom := render(t, browser, url+"/doc/"+strconv.FormatInt(ids[1], 10), "hostile.png")
		if strings.Contains(dom, "<title>pwned") || strings.Contains(dom, "<title>sitrep — pwned") {
			t.Fatal("article script ran in the analyst's browser")
		}
		if strings.Contains(dom, `<script>document.title`) || strings.Contains(dom, `<img src="x"`) {
			t.Error("article markup became page markup")
		}
		if regexp.MustCompile(`<a [^>]*href="javascript:`).MatchString(dom) {
			t.Error("javascript: link in the page")
		}
		if !strings.Contains(dom, "&lt;script&gt;document.title") {
			t.Error("article text with markup not shown as text")
		}
	})
}
