// Command train retrains the language models from the shared corpora,
// deterministically, and writes them under models/:
//
//	go run ./internal/nlp/train -pos -parse [-ner] -data ../shared/data -out models
//
// -pos trains the tagger and lemmatizer (models/pos.bin, models/lemma.bin),
// -parse the dependency parser (models/parse.bin); each job prints its dev
// scores. With no job flag, every job runs.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// config is what every training job gets.
type config struct {
	Data   string // shared data directory
	Out    string // models directory
	Epochs int    // 0: the job's default
}

// job is one model to train.
type job struct {
	name string
	run  func(cfg config) error
}

func main() {
	var cfg config
	flag.StringVar(&cfg.Data, "data", "../shared/data", "shared data `dir`")
	flag.StringVar(&cfg.Out, "out", "models", "output `dir`")
	flag.IntVar(&cfg.Epochs, "epochs", 0, "training epochs (0: default per job)")
	// Jobs in run order; the parser trains on the tagger's output. The NER
	// job adds itself here.
	jobs := []job{
		{"pos", trainPOS},
		{"parse", trainParse},
		{"ner", trainNER},
	}
	on := map[string]*bool{}
	for _, j := range jobs {
		on[j.name] = flag.Bool(j.name, false, "train the "+j.name+" model")
	}
	flag.Parse()
	any := false
	for _, b := range on {
		any = any || *b
	}
	for _, j := range jobs {
		if any && !*on[j.name] {
			continue
		}
		start := time.Now()
		if err := j.run(cfg); err != nil {
			fmt.Fprintf(os.Stderr, "train %s: %v\n", j.name, err)
			os.Exit(1)
		}
		fmt.Fprintf(os.Stderr, "train %s: done in %s\n", j.name, time.Since(start).Round(time.Millisecond))
	}
}

// writeModel writes what write produces to the file name under cfg.Out and
// returns the bytes, so that a job can score the model as it is loaded.
func writeModel(cfg config, name string, write func(io.Writer) error) ([]byte, error) {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return nil, fmt.Errorf("train: encoding %s: %w", name, err)
	}
	out := filepath.Join(cfg.Out, name)
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	fmt.Fprintf(os.Stderr, "wrote %s (%d bytes)\n", out, buf.Len())
	return buf.Bytes(), nil
}

// writerTo adapts a model's WriteTo to writeModel.
func writerTo(m io.WriterTo) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := m.WriteTo(w)
		return err
	}
}
