// Package config holds the engine's settings in one struct: defaults, then
// a JSON file, then SITREP_* environment variables, then command-line flags
// (applied by the cli package).
package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
)

// Config is every setting of the engine and the commands around it.
type Config struct {
	// Workers is how many documents are analysed at once in batch modes.
	Workers int `json:"workers"`
	// MaxDocBytes is the largest input document accepted, in bytes.
	MaxDocBytes int `json:"max_doc_bytes"`
	// LexiconDir, when set, is a folder of user lexicon files that add to
	// or override the embedded actor lexicon.
	LexiconDir string `json:"lexicon_dir"`
	// DB is the store: a SQLite file path, or a postgres:// URL.
	DB string `json:"db"`
	// Listen is the HTTP address of `sitrep serve`.
	Listen string `json:"listen"`
	// WriteToken, when set, enables the API's write endpoints for requests
	// bearing it.
	WriteToken string `json:"write_token"`
}

// Default returns the default configuration.
func Default() Config {
	return Config{
		Workers:     runtime.GOMAXPROCS(0),
		MaxDocBytes: 10 << 20,
		DB:          "sitrep.db",
		Listen:      "127.0.0.1:8080",
	}
}

// Load returns the defaults overlaid by the JSON file at path (if path is
// not empty) and by the environment.
func Load(path string) (Config, error) {
	c := Default()
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return c, fmt.Errorf("config: %w", err)
		}
		if err := json.Unmarshal(b, &c); err != nil {
			return c, fmt.Errorf("config: %s: %w", path, err)
		}
	}
	if err := c.fromEnv(os.Getenv); err != nil {
		return c, err
	}
	return c, c.Validate()
}

func (c *Config) fromEnv(get func(string) string) error {
	if v := get("SITREP_WORKERS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("config: SITREP_WORKERS=%q: %w", v, err)
		}
		c.Workers = n
	}
	if v := get("SITREP_MAX_DOC_BYTES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("config: SITREP_MAX_DOC_BYTES=%q: %w", v, err)
		}
		c.MaxDocBytes = n
	}
	if v := get("SITREP_LEXICON"); v != "" {
		c.LexiconDir = v
	}
	if v := get("SITREP_DB"); v != "" {
		c.DB = v
	}
	if v := get("SITREP_LISTEN"); v != "" {
		c.Listen = v
	}
	if v := get("SITREP_WRITE_TOKEN"); v != "" {
		c.WriteToken = v
	}
	return nil
}

// Validate reports settings that cannot work.
func (c Config) Validate() error {
	var errs []error
	if c.Workers < 1 {
		errs = append(errs, fmt.Errorf("config: workers must be at least 1, got %d", c.Workers))
	}
	if c.MaxDocBytes < 1 {
		errs = append(errs, fmt.Errorf("config: max_doc_bytes must be positive, got %d", c.MaxDocBytes))
	}
	return errors.Join(errs...)
}

// Dump returns the configuration as indented JSON, for `sitrep config`.
// The write token is masked.
func (c Config) Dump() string {
	if c.WriteToken != "" {
		c.WriteToken = "***"
	}
	b, _ := json.MarshalIndent(c, "", "  ")
	return string(b)
}
