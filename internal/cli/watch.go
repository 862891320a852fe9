package cli

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/sitrep/sitrep/engine"
	"github.com/sitrep/sitrep/internal/fetch"
	"github.com/sitrep/sitrep/internal/watch"
)

func runWatch(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "watch", "[flags] FEED-URL... | --feeds FILE")
	feedsFile := fs.String("feeds", "", "`file` of feed URLs, one a line (# starts a comment)")
	every := fs.Duration("every", 15*time.Minute, "time between two polls of a feed")
	maxBackoff := fs.Duration("max-backoff", 6*time.Hour, "longest wait after repeated failures")
	hostDelay := fs.Duration("host-delay", time.Second, "least time between two requests to one host")
	timeout := fs.Duration("timeout", 30*time.Second, "limit on each fetch")
	maxBytes := fs.Int64("max-bytes", 16<<20, "largest feed or page fetched, in bytes")
	userAgent := fs.String("user-agent", fetch.DefaultUserAgent, "User-Agent sent")
	allowPrivate := fs.Bool("allow-private", false, "allow feeds and pages on loopback and private addresses")
	noPages := fs.Bool("no-pages", false, "analyse the feeds' own item content instead of fetching pages")
	once := fs.Bool("once", false, "poll each feed once and exit")
	getConfig := dbFlags(fs, "store: SQLite file or postgres:// URL (default sitrep.db)")
	feeds, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if *feedsFile != "" {
		more, err := readFeedList(*feedsFile)
		if err != nil {
			return err
		}
		feeds = append(feeds, more...)
	}
	if len(feeds) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: name feed URLs or --feeds FILE", errUsage)
	}
	cfg, st, err := openStore(ctx, getConfig)
	if err != nil {
		return err
	}
	defer st.Close()
	wst, ok := st.(watch.Store)
	if !ok {
		return fmt.Errorf("watch: store %s keeps no feed state", cfg.DB)
	}
	eng, err := engine.New(cfg)
	if err != nil {
		return err
	}
	fc := fetch.New(fetch.Options{AllowPrivate: *allowPrivate, Timeout: *timeout, MaxBytes: *maxBytes,
		UserAgent: *userAgent, HostDelay: *hostDelay})
	var mu sync.Mutex
	logf := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(e.stderr, "%s "+format+"\n", append([]any{time.Now().UTC().Format(time.TimeOnly)}, args...)...)
	}
	w := watch.New(eng, wst, fc, watch.Options{Every: *every, MaxBackoff: *maxBackoff, Workers: cfg.Workers,
		MaxFeedBytes: *maxBytes, NoPages: *noPages, Log: logf})
	if *once {
		var total watch.Result
		var failed int
		for _, u := range feeds {
			res, err := w.Poll(ctx, u)
			if err != nil {
				logf("%s: %v", u, err)
				failed++
			}
			total.Items += res.Items
			total.Stored += res.Stored
			total.Skipped += res.Skipped
			total.Fallbacks += res.Fallbacks
			total.Failed += res.Failed
			if ctx.Err() != nil {
				break
			}
		}
		fmt.Fprintf(e.stdout, "polled %d feeds (%d failed): %d items, %d new, %d already stored, %d failed\n",
			len(feeds), failed, total.Items, total.Stored, total.Skipped, total.Failed)
		return nil
	}
	logf("watching %d feeds every %s into %s (SIGINT/SIGTERM to stop)", len(feeds), *every, cfg.DB)
	err = w.Run(ctx, feeds)
	logf("stopped")
	return err
}

// readFeedList reads feed URLs, one a line; blank lines and # comments
// are skipped.
func readFeedList(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("watch: reading %s: %w", path, err)
	}
	return out, nil
}
