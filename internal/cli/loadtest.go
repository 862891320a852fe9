package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/sitrep/sitrep/internal/server"
	"github.com/sitrep/sitrep/internal/store"
)

// runLoadtest measures the API's latency under a fixed request rate:
// optionally fills the store with synthetic events first, serves it on
// loopback (or targets --url), and sends requests open-loop, each at its
// scheduled time whether or not earlier ones have answered, so a slow
// server shows as latency rather than as a lower rate (no coordinated
// omission). Latency is counted from the scheduled time.
func runLoadtest(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "loadtest", "[flags]")
	populate := fs.Int("populate", 0, "first store synthetic events until the store holds at least `N`")
	seed := fs.Uint64("seed", 1, "seed of the synthetic events")
	target := fs.String("url", "", "base `URL` of a running server (default: serve --db in this process on loopback)")
	rate := fs.Float64("rate", 200, "requests per second")
	duration := fs.Duration("duration", 20*time.Second, "how long to send")
	warmup := fs.Duration("warmup", 2*time.Second, "send at the rate for this long first, unmeasured")
	inflight := fs.Int("max-inflight", 512, "requests outstanding at most (more are counted as dropped)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the measured period to `FILE`")
	var paths []string
	fs.Func("path", "request `PATH` (repeatable, sent in turn; default /api/events?actor=SYN001&type=ACCUSE)", func(s string) error {
		paths = append(paths, s)
		return nil
	})
	getConfig := dbFlags(fs, "store: SQLite file or postgres:// URL (default from config: sitrep.db)")
	if pos, err := parseInterleaved(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return fmt.Errorf("%w: loadtest takes no arguments", errUsage)
	}
	if len(paths) == 0 {
		paths = []string{"/api/events?actor=" + store.SynthActor(1) + "&type=ACCUSE"}
	}
	if *rate <= 0 || *duration <= 0 {
		return fmt.Errorf("%w: --rate and --duration must be positive", errUsage)
	}
	base := strings.TrimSuffix(*target, "/")
	if base == "" {
		_, st, err := openStore(ctx, getConfig)
		if err != nil {
			return err
		}
		defer st.Close()
		if *populate > 0 {
			if err := populateStore(ctx, e, st, *populate, *seed); err != nil {
				return err
			}
		}
		// Failed requests are logged, once per distinct error.
		log := slog.New(slog.NewTextHandler(&onceWriter{w: e.stderr}, &slog.HandlerOptions{Level: slog.LevelError,
			ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
				if a.Key == slog.TimeKey {
					return slog.Attr{}
				}
				return a
			}}))
		srv := server.New(server.Options{Store: st, Log: log}).HTTPServer("127.0.0.1:0")
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		go srv.Serve(ln)
		defer srv.Close()
		base = "http://" + ln.Addr().String()
	}
	res, err := LoadTest(ctx, LoadOptions{Base: base, Paths: paths, Rate: *rate, Duration: *duration,
		Warmup: *warmup, MaxInflight: *inflight, CPUProfile: *cpuprofile})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	res.print(e.stdout)
	return nil
}

func populateStore(ctx context.Context, e *env, st store.Store, events int, seed uint64) error {
	stats, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	if stats.Events >= events {
		fmt.Fprintf(e.stderr, "store holds %d events: not populating\n", stats.Events)
		return nil
	}
	start := time.Now()
	docs, err := store.Populate(ctx, st, store.SynthOptions{Events: events - stats.Events, Seed: seed,
		Progress: func(n int) {
			if n%10000 < 640 {
				fmt.Fprintf(e.stderr, "\rpopulating: %d events", n)
			}
		}})
	fmt.Fprintln(e.stderr)
	if err != nil {
		return err
	}
	took := time.Since(start)
	fmt.Fprintf(e.stderr, "stored %d synthetic documents in %s (%.0f docs/s)\n", docs, took.Round(time.Millisecond),
		float64(docs)/took.Seconds())
	return nil
}

// LoadOptions configure LoadTest.
type LoadOptions struct {
	Base     string
	Paths    []string
	Rate     float64
	Duration time.Duration
	// Warmup is sent at Rate first and not measured.
	Warmup      time.Duration
	MaxInflight int
	// CPUProfile, when set, is a file for a CPU profile of the measured
	// period.
	CPUProfile string
}

// LoadResult is what a load test measured. Latencies are in ms.
type LoadResult struct {
	Paths    []string `json:"paths"`
	Rate     float64  `json:"rate"`
	Duration float64  `json:"duration_s"`
	Sent     int      `json:"sent"`
	OK       int      `json:"ok"`
	Errors   int      `json:"errors"`
	Dropped  int      `json:"dropped"`
	Achieved float64  `json:"achieved_rps"`
	P50      float64  `json:"p50_ms"`
	P90      float64  `json:"p90_ms"`
	P99      float64  `json:"p99_ms"`
	Max      float64  `json:"max_ms"`
	Mean     float64  `json:"mean_ms"`
	Bytes    float64  `json:"mean_bytes"`
	LoadAvg  string   `json:"loadavg"`
	// CPUPerReq is this process's CPU time over the measured period per
	// request: client and, when serving in-process, server together.
	CPUPerReq float64 `json:"cpu_ms_per_request"`
	// RunqWait is how long this process's threads were ready to run but
	// waited for a CPU, per second of the measured period (Linux
	// schedstat): on a shared machine, the cause of a long tail that is
	// not the server's own work.
	RunqWait float64 `json:"runq_wait_ms_per_s"`
	// GCs and GCPause are the garbage collections in the measured period
	// and their stop-the-world pauses in total.
	GCs       uint32  `json:"gc_cycles"`
	GCPause   float64 `json:"gc_pause_ms"`
	FirstFail string  `json:"first_error,omitempty"`
}

func (r *LoadResult) print(w io.Writer) {
	fmt.Fprintf(w, "%d requests at %.0f/s for %.0fs (%.1f/s achieved): %d ok, %d errors, %d dropped\n",
		r.Sent, r.Rate, r.Duration, r.Achieved, r.OK, r.Errors, r.Dropped)
	fmt.Fprintf(w, "latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  mean %.2f  (%.0f bytes per response)\n",
		r.P50, r.P90, r.P99, r.Max, r.Mean, r.Bytes)
	fmt.Fprintf(w, "CPU of this process: %.2f ms per request (client and in-process server)\n", r.CPUPerReq)
	fmt.Fprintf(w, "waited for a CPU: %.1f ms per second; %d GCs, %.2f ms of pauses\n", r.RunqWait, r.GCs, r.GCPause)
	fmt.Fprintf(w, "load average: %s\n", r.LoadAvg)
	if r.FirstFail != "" {
		fmt.Fprintf(w, "first error: %s\n", r.FirstFail)
	}
}

// LoadTest sends GET requests for opt.Paths in turn at opt.Rate for
// opt.Duration and reports the latency percentiles.
func LoadTest(ctx context.Context, opt LoadOptions) (*LoadResult, error) {
	if opt.MaxInflight <= 0 {
		opt.MaxInflight = 512
	}
	client := &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{MaxIdleConns: opt.MaxInflight, MaxIdleConnsPerHost: opt.MaxInflight,
			IdleConnTimeout: time.Minute},
	}
	defer client.CloseIdleConnections()
	// A first request checks the target before the clock starts.
	if err := getURL(ctx, client, opt.Base+opt.Paths[0], new(int)); err != nil {
		return nil, fmt.Errorf("loadtest: %s: %w", opt.Base+opt.Paths[0], err)
	}
	var (
		mu        sync.Mutex
		lat       []time.Duration
		res       = &LoadResult{Paths: opt.Paths, Rate: opt.Rate, Duration: opt.Duration.Seconds()}
		bytesSum  int
		wg        sync.WaitGroup
		slots     = make(chan struct{}, opt.MaxInflight)
		interval  = time.Duration(float64(time.Second) / opt.Rate)
		warmupN   = int(opt.Warmup / interval)
		measuredN = int(opt.Duration / interval)
	)
	start := time.Now()
	var (
		measureStart time.Time
		cpu0, wait0  time.Duration
		mem0         runtime.MemStats
		prof         *os.File
	)
	defer func() {
		if prof != nil {
			pprof.StopCPUProfile()
			prof.Close()
		}
	}()
	for i := 0; i < warmupN+measuredN; i++ {
		at := start.Add(time.Duration(i) * interval)
		if d := time.Until(at); d > 0 {
			select {
			case <-time.After(d):
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		measured := i >= warmupN
		if i == warmupN {
			measureStart = at
			cpu0, wait0 = processCPU(), runqWait()
			runtime.ReadMemStats(&mem0)
			if opt.CPUProfile != "" {
				f, err := os.Create(opt.CPUProfile)
				if err != nil {
					return nil, err
				}
				prof = f
				if err := pprof.StartCPUProfile(f); err != nil {
					return nil, err
				}
			}
		}
		if measured {
			res.Sent++
		}
		select {
		case slots <- struct{}{}:
		default:
			if measured {
				res.Dropped++
			}
			continue
		}
		wg.Add(1)
		go func(url string) {
			defer wg.Done()
			defer func() { <-slots }()
			var n int
			err := getURL(ctx, client, url, &n)
			took := time.Since(at)
			if !measured {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				res.Errors++
				if res.FirstFail == "" {
					res.FirstFail = err.Error()
				}
				return
			}
			res.OK++
			bytesSum += n
			lat = append(lat, took)
		}(opt.Base + opt.Paths[i%len(opt.Paths)])
	}
	wg.Wait()
	elapsed := time.Since(measureStart)
	res.RunqWait = float64(runqWait()-wait0) / float64(time.Millisecond) / elapsed.Seconds()
	var mem1 runtime.MemStats
	runtime.ReadMemStats(&mem1)
	res.GCs = mem1.NumGC - mem0.NumGC
	res.GCPause = float64(mem1.PauseTotalNs-mem0.PauseTotalNs) / float64(time.Millisecond)
	res.Achieved = float64(res.OK) / elapsed.Seconds()
	if n := res.OK + res.Errors; n > 0 {
		res.CPUPerReq = float64(processCPU()-cpu0) / float64(time.Millisecond) / float64(n)
	}
	if len(lat) > 0 {
		slices.Sort(lat)
		ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
		q := func(p float64) float64 { return ms(lat[min(len(lat)-1, int(p*float64(len(lat))))]) }
		res.P50, res.P90, res.P99, res.Max = q(0.50), q(0.90), q(0.99), ms(lat[len(lat)-1])
		var sum time.Duration
		for _, d := range lat {
			sum += d
		}
		res.Mean = ms(sum / time.Duration(len(lat)))
		res.Bytes = float64(bytesSum) / float64(len(lat))
	}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		res.LoadAvg = strings.TrimSpace(string(b))
	}
	return res, nil
}

// onceWriter writes each distinct line once.
type onceWriter struct {
	mu   sync.Mutex
	w    io.Writer
	seen map[string]bool
}

func (o *onceWriter) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.seen == nil {
		o.seen = map[string]bool{}
	}
	if !o.seen[string(p)] && len(o.seen) < 20 {
		o.seen[string(p)] = true
		o.w.Write(p)
	}
	return len(p), nil
}

// processCPU is the user and system CPU time of this process so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// runqWait is the time this process's threads have spent ready to run
// but waiting for a CPU (the second field of each thread's
// /proc/self/task/*/schedstat), 0 where the kernel does not say.
func runqWait() time.Duration {
	tasks, _ := os.ReadDir("/proc/self/task")
	var sum time.Duration
	for _, t := range tasks {
		b, err := os.ReadFile("/proc/self/task/" + t.Name() + "/schedstat")
		if err != nil {
			continue
		}
		if f := strings.Fields(string(b)); len(f) >= 2 {
			n, _ := strconv.ParseInt(f[1], 10, 64)
			sum += time.Duration(n)
		}
	}
	return sum
}

func getURL(ctx context.Context, client *http.Client, url string, n *int) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	m, err := io.Copy(io.Discard, resp.Body)
	*n = int(m)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return errors.New(resp.Status)
	}
	return nil
}
