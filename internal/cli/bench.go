package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/engine"
	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/store"
)

func runBench(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "bench", "[flags] CORPUS... | --generate N")
	generate := fs.Int("generate", 0, "write N synthetic ~500-word articles as JSONL to stdout and exit")
	seed := fs.Uint64("seed", 1, "seed of --generate")
	repeat := fs.Int("repeat", 1, "passes over the corpus")
	limit := fs.Int("limit", 0, "stop after this many articles (0: all)")
	db := fs.String("db", "", "also store each document (SQLite file or postgres:// URL) and time it")
	asJSON := fs.Bool("json", false, "print the figures as JSON")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to `file`")
	getConfig := configFlags(fs)
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if *generate > 0 {
		w := bufio.NewWriter(e.stdout)
		if err := WriteSynthetic(w, *generate, *seed); err != nil {
			return err
		}
		return w.Flush()
	}
	if len(paths) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: name a corpus (JSONL, folder), or --generate N", errUsage)
	}
	cfg, err := getConfig()
	if err != nil {
		return err
	}
	t0 := time.Now()
	eng, err := engine.New(cfg)
	if err != nil {
		return err
	}
	var st store.Store
	if *db != "" {
		if st, err = store.Open(ctx, *db); err != nil {
			return err
		}
		defer st.Close()
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	r, err := Bench(ctx, eng, st, paths, BenchOptions{Workers: cfg.Workers, Repeat: *repeat, Limit: *limit, MaxBytes: int64(cfg.MaxDocBytes)})
	if err != nil {
		return err
	}
	r.Setup = time.Since(t0) - r.Wall
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	r.Print(e.stdout)
	return nil
}

// BenchOptions configures Bench.
type BenchOptions struct {
	Workers, Repeat, Limit int
	MaxBytes               int64
}

// BenchResult holds the figures of one bench run.
type BenchResult struct {
	Articles    int                      `json:"articles"`
	Failed      int                      `json:"failed"`
	Words       int                      `json:"words"`
	Workers     int                      `json:"workers"`
	Cores       int                      `json:"cores"`
	Wall        time.Duration            `json:"wall_ns"`
	Setup       time.Duration            `json:"setup_ns"`
	ArticlesSec float64                  `json:"articles_per_s"`
	WordsSec    float64                  `json:"words_per_s"`
	Stages      map[string]time.Duration `json:"stages_ns"`
	Order       []string                 `json:"stage_order"`
	PeakRSS     int64                    `json:"peak_rss_bytes"`
	PeakHeap    uint64                   `json:"peak_heap_bytes"`
	LoadAvg     string                   `json:"loadavg"`
}

// Bench analyses every document under paths on opt.Workers goroutines and
// measures throughput, time per stage and peak memory. Documents stream
// through a bounded channel: memory does not grow with the corpus.
func Bench(ctx context.Context, eng *engine.Engine, st store.Store, paths []string, opt BenchOptions) (*BenchResult, error) {
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.Repeat <= 0 {
		opt.Repeat = 1
	}
	res := &BenchResult{Workers: opt.Workers, Cores: runtime.NumCPU(), Stages: map[string]time.Duration{}, Order: eng.Stages()}
	if st != nil {
		res.Order = append(res.Order, "store")
	}
	items := make(chan sitrep.Input, 2*opt.Workers)
	var (
		mu sync.Mutex
		wg sync.WaitGroup
	)
	stopHeap := sampleHeap(&res.PeakHeap)
	start := time.Now()
	for range opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := pipeline.Timings{}
			n, words, failed := 0, 0, 0
			for in := range items {
				doc, err := eng.ProcessTimed(ctx, in, t)
				if err != nil {
					failed++
					continue
				}
				if st != nil {
					s := time.Now()
					if _, _, err := st.Put(ctx, store.Key(in), doc); err != nil {
						failed++
						continue
					}
					t["store"] += time.Since(s)
				}
				n++
				words += len(doc.Tokens)
			}
			mu.Lock()
			res.Articles += n
			res.Words += words
			res.Failed += failed
			for k, v := range t {
				res.Stages[k] += v
			}
			mu.Unlock()
		}()
	}
	sent := 0
	var walkErr error
	for pass := 0; pass < opt.Repeat && walkErr == nil; pass++ {
		walkErr = ingest.Walk(paths, opt.MaxBytes, func(it ingest.Item) error {
			if errors.Is(it.Err, ingest.ErrUnsupported) {
				return nil
			}
			if it.Err != nil {
				mu.Lock()
				res.Failed++
				mu.Unlock()
				return nil
			}
			if opt.Limit > 0 && sent >= opt.Limit {
				return ingest.ErrStop
			}
			if pass > 0 {
				it.Input.ID = fmt.Sprintf("%s#%d", it.Input.ID, pass) // distinct keys when storing
			}
			select {
			case items <- it.Input:
				sent++
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		if opt.Limit > 0 && sent >= opt.Limit {
			break
		}
	}
	close(items)
	wg.Wait()
	res.Wall = time.Since(start)
	stopHeap()
	res.ArticlesSec = float64(res.Articles) / res.Wall.Seconds()
	res.WordsSec = float64(res.Words) / res.Wall.Seconds()
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		res.PeakRSS = int64(ru.Maxrss) * 1024 // kilobytes on Linux
	}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		res.LoadAvg = strings.Join(strings.Fields(string(b))[:3], " ")
	}
	return res, walkErr
}

// sampleHeap records the largest heap in use until the returned function
// is called.
func sampleHeap(peak *uint64) func() {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			*peak = max(*peak, ms.HeapInuse)
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// Print writes the figures as a small report.
func (r *BenchResult) Print(w io.Writer) {
	fmt.Fprintf(w, "articles   %d (%d failed), %d words, %d workers on %d cores, load %s\n", r.Articles, r.Failed, r.Words, r.Workers, r.Cores, r.LoadAvg)
	fmt.Fprintf(w, "wall       %.2fs (engine setup %.2fs)\n", r.Wall.Seconds(), r.Setup.Seconds())
	fmt.Fprintf(w, "throughput %.1f articles/s, %.0f words/s\n", r.ArticlesSec, r.WordsSec)
	fmt.Fprintf(w, "memory     peak RSS %.0f MiB, peak heap %.0f MiB\n", float64(r.PeakRSS)/(1<<20), float64(r.PeakHeap)/(1<<20))
	var total time.Duration
	for _, d := range r.Stages {
		total += d
	}
	fmt.Fprintln(w, "stage        ms/article   share")
	names := append([]string(nil), r.Order...)
	for k := range r.Stages {
		if !contains(names, k) {
			names = append(names, k)
		}
	}
	sort.SliceStable(names, func(i, j int) bool { return index(r.Order, names[i]) < index(r.Order, names[j]) })
	for _, k := range names {
		d := r.Stages[k]
		fmt.Fprintf(w, "  %-10s %10.3f %6.1f%%\n", k, d.Seconds()*1000/float64(max(r.Articles, 1)), 100*d.Seconds()/max(total.Seconds(), 1e-9))
	}
}

func contains(xs []string, s string) bool { return index(xs, s) < len(xs) }

func index(xs []string, s string) int {
	for i, x := range xs {
		if x == s {
			return i
		}
	}
	return len(xs)
}

// Synthetic articles: invented actors, places and events filled into
// sentence frames written for sitrep, so benchmarks need no copied text.
// Most slots are short and drawn from pools of a dozen or more, so that
// two articles share few word 4-shingles (as two real stories do) and
// dedup does not see them as copies.
var synPools = map[string][]string{
	"country": {"Norvania", "Tessaly", "the Ostrava Republic", "Kembara", "Valdoria", "Qadesh", "Marisol", "Bereland", "Solvany", "Tarkhan", "Ilyria", "the Sarun Federation"},
	"adj":     {"Norvanian", "Tessalian", "Ostravan", "Kembaran", "Valdorian", "Qadeshi", "Marisolan", "Bereish", "Solvanian", "Tarkhani", "Ilyrian", "Sarunese"},
	"town": {"Brask", "Ellet", "Moravi", "Tul Kara", "Senna", "Ostrog", "Varel", "Dunmore", "Kisumbi", "Hallow Creek", "Port Aron", "Linden", "Sula", "Mirano",
		"Halab", "Castel", "Qarin", "Beluga Bay", "Nadir", "Ferrow"},
	"province": {"the northern province", "the border region", "the coastal district", "the eastern highlands", "the southern delta", "the mining belt", "the capital region", "the western plains"},
	"group": {"rebels", "militants", "armed men", "government troops", "separatist fighters", "police officers", "protesters", "soldiers", "gunmen", "militia fighters",
		"border guards", "insurgents", "demonstrators", "riot police"},
	"verb": {"attacked", "shelled", "raided", "surrounded", "occupied", "stormed", "blockaded", "ambushed", "set fire to", "seized", "bombed", "fired on",
		"marched on", "barricaded", "looted", "overran"},
	"object": {"an army post", "a convoy of aid trucks", "the main market", "a police station", "two villages", "a border crossing", "the airport road",
		"a refugee camp", "a gold mine", "the river bridge", "the governor's office", "a fuel depot", "a checkpoint", "a school", "the central prison", "a television station"},
	"time": {"on Monday", "late on Tuesday", "early on Wednesday", "on Thursday night", "at dawn on Friday", "on Saturday", "on Sunday afternoon", "overnight",
		"earlier this week", "on Monday morning", "late on Friday", "on Wednesday evening"},
	"speaker": {"a police spokesman", "the regional governor", "a senior army officer", "local residents", "the health ministry", "a hospital director",
		"an opposition lawmaker", "a United Nations official", "the interior minister", "witnesses", "a local chief", "aid workers", "a government spokeswoman",
		"the defence ministry", "a diplomat who asked not to be named", "the state news agency"},
	"say":     {"said", "told reporters", "said in a statement", "told a news conference", "wrote on social media", "confirmed", "said by telephone", "told local radio"},
	"victims": {"civilians", "soldiers", "police officers", "children", "fighters", "villagers", "miners", "traders", "students", "aid workers"},
	"harm":    {"killed", "wounded", "taken hostage", "arrested", "reported missing", "injured", "detained", "abducted"},
	"org": {"the United Nations", "the African Union", "the Red Cross", "the World Food Programme", "the European Union", "Doctors Without Borders",
		"the regional bloc", "the World Bank", "the refugee agency", "a coalition of aid groups"},
	"react": {"condemned", "denounced", "expressed concern over", "called for an inquiry into", "played down", "blamed the opposition for",
		"promised to punish those behind", "demanded an explanation for"},
	"incident": {"the attack", "the violence", "the clashes", "the raid", "the arrests", "the shelling", "the ambush", "the unrest", "the killings", "the siege"},
	"demand": {"urged restraint", "called for a ceasefire", "recalled its ambassador", "threatened sanctions", "offered to mediate", "closed its border",
		"asked for an emergency meeting of the Security Council", "sent a team of investigators", "suspended aid", "ordered a curfew"},
	"supplies": {"tonnes of food", "tents", "doses of vaccine", "water purification kits", "blankets", "medical kits", "litres of fuel", "bags of seed"},
	"talks":    {"broke down", "resumed", "were postponed", "made progress", "ended without agreement", "were cancelled", "moved to a neutral venue"},
	"good":     {"bread", "fuel", "rice", "cooking oil", "sugar", "maize flour", "medicine", "charcoal"},
	"change":   {"doubled", "risen by a third", "fallen sharply", "tripled", "climbed steadily", "jumped"},
	"quote": {"We will not accept this", "Our people need protection now", "This cannot go on", "Nobody has told us anything",
		"The army must leave our town", "We have lost everything", "There is no food left in the market", "We are ready to talk",
		"The government has abandoned us", "This was a planned attack", "We did not see a single soldier", "Help must arrive before the rains"},
	"leader": {"Irena Volk", "Mehmet Sarr", "Paul Okafor", "Aiko Tanabe", "Jonas Ferreira", "Nadia Rahimi", "Tomas Berg", "Amina Diallo",
		"Viktor Lange", "Sara Kovac", "Omar Haddad", "Lena Moreau"},
	"role": {"President", "Prime Minister", "Foreign Minister", "Defence Minister", "Interior Minister", "opposition leader"},
	"n":    {"3", "5", "7", "12", "14", "19", "23", "31", "40", "52", "several dozen", "more than 100", "at least 60", "about 200"},
}

var synFrames = []string{
	"{Group} {verb} {object} near {town} {time}, {speaker} {say}.",
	"{Speaker} {say} that {n} {victims} had been {harm} and {n} others {harm}.",
	`"{quote}," {speaker} {say}.`,
	`"{quote}," said {leader}, the {adj} {role}, speaking in {town} {time}.`,
	"The {adj} government {react} {incident} and {demand}.",
	"{Org} {react} {incident} in {province}, where {group} have {verb} {object} several times this year.",
	"{Org} said it was sending {n} {supplies} to {town}, where {n} families have fled {incident}.",
	"Talks between {country} and {country} {talks} {time}, {speaker} {say}.",
	"Prices of {good} have {change} in {town} since {incident}, {speaker} {say}.",
	"{Group} {verb} {object} in {town} {time} and {n} {victims} were {harm}, according to {speaker}.",
	"{Leader}, the {adj} {role}, {react} {incident} and said {country} {demand}.",
	"It was not clear who was behind {incident} in {town}; {speaker} blamed {group}.",
	"The claim could not be independently verified, and {speaker} in {town} gave a different account.",
	"{Country} {demand} {time} after {group} {verb} {object} close to its border.",
}

// WriteSynthetic writes n synthetic news articles of about 500 words as
// JSONL records, the same for the same seed.
func WriteSynthetic(w io.Writer, n int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, 0x5173))
	enc := json.NewEncoder(w)
	var b strings.Builder
	for i := range n {
		b.Reset()
		fill := func(frame string) string {
			var out strings.Builder
			for {
				j := strings.IndexByte(frame, '{')
				if j < 0 {
					out.WriteString(frame)
					return out.String()
				}
				k := strings.IndexByte(frame[j:], '}') + j
				out.WriteString(frame[:j])
				slot := frame[j+1 : k]
				pool := synPools[strings.ToLower(slot)]
				v := pool[rng.IntN(len(pool))]
				if slot[0] >= 'A' && slot[0] <= 'Z' {
					v = capitalise(v)
				}
				out.WriteString(v)
				frame = frame[k+1:]
			}
		}
		lede := fill(synFrames[0])
		b.WriteString(lede)
		words := len(strings.Fields(lede))
		for words < 480 {
			b.WriteString("\n\n")
			for range 1 + rng.IntN(3) {
				sent := fill(synFrames[rng.IntN(len(synFrames))])
				b.WriteString(sent)
				b.WriteByte(' ')
				words += len(strings.Fields(sent))
			}
		}
		title := lede
		if k := strings.Index(title, ","); k > 0 {
			title = title[:k]
		}
		rec := map[string]string{
			"id":        fmt.Sprintf("syn-%d-%06d", seed, i),
			"title":     title,
			"outlet":    "Synthetic Wire",
			"published": fmt.Sprintf("2026-%02d-%02d", 1+rng.IntN(12), 1+rng.IntN(28)),
			"text":      strings.TrimSpace(b.String()),
		}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return nil
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
