package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/sitrep/sitrep/engine"
	"github.com/sitrep/sitrep/internal/server"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/web"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "serve", "[flags]")
	listen := fs.String("listen", "", "HTTP `address` (default 127.0.0.1:8080)")
	token := fs.String("write-token", "", "enable POST /api/documents for this bearer `token` (or SITREP_WRITE_TOKEN)")
	getConfig := dbFlags(fs, "store: SQLite file or postgres:// URL (default from config: sitrep.db)")
	if pos, err := parseInterleaved(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return fmt.Errorf("%w: serve takes no arguments", errUsage)
	}
	cfg, err := getConfig()
	if err != nil {
		return err
	}
	if *listen != "" {
		cfg.Listen = *listen
	}
	if *token != "" {
		cfg.WriteToken = *token
	}
	st, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	opt := server.Options{Store: st, WriteToken: cfg.WriteToken, UI: web.Handler(), Log: log}
	if cfg.WriteToken != "" {
		eng, err := engine.New(cfg)
		if err != nil {
			return err
		}
		opt.Analyze = eng.Process
	}
	srv := server.New(opt).HTTPServer(cfg.Listen)
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return err
	}
	mode := "read-only"
	if cfg.WriteToken != "" {
		mode = "writes enabled with the token"
	}
	fmt.Fprintf(e.stderr, "sitrep: serving %s on http://%s (%s)\n", cfg.DB, ln.Addr(), mode)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Finish in-flight requests before exiting.
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(e.stderr, "sitrep: stopped")
	return nil
}
