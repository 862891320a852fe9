package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// Model is a trained first-order sequence model over BIOES tags: per-feature
// tag weights (int16, one global scale) and tag-transition weights, decoded
// with Viterbi under BIOES constraints. It is read-only after loading and
// safe for concurrent use.
type Model struct {
	// open-addressing table from feature hash to row in w
	keys  []uint64
	rows  []int32
	mask  uint64
	w     []int16 // numTags per row
	scale float32 // weight = w * scale
	trans [numTags + 1][numTags + 1]float32
	// transition index numTags is the sentence boundary

	// names is the names gazetteer trained with the model; nil for a
	// loaded model, which uses the committed list.
	names    *gazetteer
	nameList map[string]int
}

// WriteNames writes the names gazetteer of a freshly trained model.
func (m *Model) WriteNames(w io.Writer) error {
	if m.nameList == nil {
		return errors.New("ner: model has no names list (not freshly trained)")
	}
	return writeNames(w, m.nameList)
}

func newTable(n int) (keys []uint64, rows []int32, mask uint64) {
	size := 1
	for size < n*2 {
		size <<= 1
	}
	return make([]uint64, size), make([]int32, size), uint64(size - 1)
}

// insert adds key k (never 0) with row r.
func (m *Model) insert(k uint64, r int32) {
	for i := k & m.mask; ; i = (i + 1) & m.mask {
		if m.keys[i] == 0 {
			m.keys[i], m.rows[i] = k, r
			return
		}
		if m.keys[i] == k {
			m.rows[i] = r
			return
		}
	}
}

func (m *Model) row(k uint64) int32 {
	for i := k & m.mask; ; i = (i + 1) & m.mask {
		switch m.keys[i] {
		case k:
			return m.rows[i]
		case 0:
			return -1
		}
	}
}

// emissions adds the weights of feats into sc (numTags per token).
func (m *Model) emissions(feats []uint64, sc *[numTags]float32) {
	var acc [numTags]int32
	for _, f := range feats {
		if f == 0 {
			f = 1
		}
		r := m.row(f)
		if r < 0 {
			continue
		}
		w := m.w[int(r)*numTags : int(r)*numTags+numTags]
		for k := range acc {
			acc[k] += int32(w[k])
		}
	}
	for k := range sc {
		sc[k] = float32(acc[k]) * m.scale
	}
}

// viterbi finds the best tag sequence for emission scores em (n x numTags)
// and writes it to out. back is scratch of n*numTags.
func viterbi(em [][numTags]float32, trans *[numTags + 1][numTags + 1]float32, out []int, back []int8) {
	n := len(em)
	if n == 0 {
		return
	}
	neg := float32(math.Inf(-1))
	var cur, nxt [numTags]float32
	for k := range numTags {
		if allowed(-1, k) {
			cur[k] = em[0][k] + trans[numTags][k]
		} else {
			cur[k] = neg
		}
	}
	for i := 1; i < n; i++ {
		for k := range numTags {
			best, bj := neg, 0
			for _, j := range predecessors[k] {
				if cur[j] == neg {
					continue
				}
				if s := cur[j] + trans[j][k]; s > best {
					best, bj = s, j
				}
			}
			nxt[k] = best + em[i][k]
			back[i*numTags+k] = int8(bj)
		}
		cur = nxt
	}
	best, bk := neg, 0
	for k := range numTags {
		if !allowed(k, -1) || cur[k] == neg {
			continue
		}
		if s := cur[k] + trans[k][numTags]; s > best {
			best, bk = s, k
		}
	}
	out[n-1] = bk
	for i := n - 1; i > 0; i-- {
		out[i-1] = int(back[i*numTags+out[i]])
	}
}

// predecessors lists, per tag, the tags that may precede it.
var predecessors = func() (p [numTags][]int) {
	for b := range numTags {
		for a := range numTags {
			if allowed(a, b) {
				p[b] = append(p[b], a)
			}
		}
	}
	return p
}()

var allowedTab = func() (t [numTags][numTags]bool) {
	for a := range numTags {
		for b := range numTags {
			t[a][b] = allowed(a, b)
		}
	}
	return t
}()

// marginals computes per-token posterior probabilities of the tags under a
// softmax of path scores divided by temp (forward-backward), into post.
func marginals(em [][numTags]float32, trans *[numTags + 1][numTags + 1]float32, temp float32, post [][numTags]float32) {
	n := len(em)
	if n == 0 {
		return
	}
	// alpha and beta live in post's backing rows plus two scratch slices;
	// exp of emissions is taken once per token, shifted by the row max.
	ex := make([][numTags]float64, n)
	alpha := make([][numTags]float64, n)
	beta := make([][numTags]float64, n)
	for i := range n {
		mx := em[i][0]
		for _, v := range em[i] {
			mx = max(mx, v)
		}
		for k := range numTags {
			ex[i][k] = math.Exp(float64((em[i][k] - mx) / temp))
		}
	}
	var et [numTags + 1][numTags + 1]float64
	for a := range numTags + 1 {
		for b := range numTags + 1 {
			if a < numTags && b < numTags && !allowedTab[a][b] {
				continue
			}
			et[a][b] = math.Exp(float64(trans[a][b] / temp))
		}
	}
	var s float64
	for k := range numTags {
		if allowed(-1, k) {
			alpha[0][k] = ex[0][k] * et[numTags][k]
			s += alpha[0][k]
		}
	}
	for k := range numTags {
		alpha[0][k] /= s
	}
	for i := 1; i < n; i++ {
		s = 0
		for k := range numTags {
			var a float64
			for j := range numTags {
				a += alpha[i-1][j] * et[j][k]
			}
			alpha[i][k] = a * ex[i][k]
			s += alpha[i][k]
		}
		for k := range numTags {
			alpha[i][k] /= s
		}
	}
	for k := range numTags {
		if allowed(k, -1) {
			beta[n-1][k] = et[k][numTags]
		}
	}
	for i := n - 2; i >= 0; i-- {
		s = 0
		var eb [numTags]float64
		for k := range numTags {
			eb[k] = ex[i+1][k] * beta[i+1][k]
		}
		for j := range numTags {
			var b float64
			for k := range numTags {
				b += et[j][k] * eb[k]
			}
			beta[i][j] = b
			s += b
		}
		for j := range numTags {
			beta[i][j] /= s
		}
	}
	for i := range n {
		var z float64
		for k := range numTags {
			z += alpha[i][k] * beta[i][k]
		}
		for k := range numTags {
			post[i][k] = 0
			if z > 0 {
				post[i][k] = float32(alpha[i][k] * beta[i][k] / z)
			}
		}
	}
}

// Model file format (gzip): magic, version, numTags, scale (float32),
// transitions ((numTags+1)^2 float32), row count, then sorted keys as
// uvarint deltas, then rows x numTags int16 (little-endian, varint-zigzag).
const modelMagic = "sitrep-ner\x00"
const modelVersion = 2

// WriteTo encodes the model.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	type kr struct {
		k uint64
		r int32
	}
	var ks []kr
	for i, k := range m.keys {
		if k != 0 {
			ks = append(ks, kr{k, m.rows[i]})
		}
	}
	slices.SortFunc(ks, func(a, b kr) int {
		switch {
		case a.k < b.k:
			return -1
		case a.k > b.k:
			return 1
		}
		return 0
	})
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	bw.WriteString(modelMagic)
	var buf [binary.MaxVarintLen64]byte
	putU := func(x uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	putI := func(x int64) { bw.Write(buf[:binary.PutVarint(buf[:], x)]) }
	putU(modelVersion)
	putU(numTags)
	binary.Write(bw, binary.LittleEndian, m.scale)
	binary.Write(bw, binary.LittleEndian, m.trans)
	putU(uint64(len(ks)))
	var last uint64
	for _, e := range ks {
		putU(e.k - last)
		last = e.k
	}
	// weights column-major by tag so similar values sit together
	for k := range numTags {
		for _, e := range ks {
			putI(int64(m.w[int(e.r)*numTags+k]))
		}
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	return 0, zw.Close()
}

// ReadModel decodes a model written by WriteTo.
func ReadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("ner: reading model: %w", err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("ner: reading model: %w", err)
	}
	if !bytes.HasPrefix(data, []byte(modelMagic)) {
		return nil, errors.New("ner: reading model: bad magic")
	}
	br := bytes.NewReader(data[len(modelMagic):])
	ver, _ := binary.ReadUvarint(br)
	nt, _ := binary.ReadUvarint(br)
	if ver != modelVersion || nt != numTags {
		return nil, fmt.Errorf("ner: reading model: version %d with %d tags, want %d with %d", ver, nt, modelVersion, numTags)
	}
	m := &Model{}
	if err := binary.Read(br, binary.LittleEndian, &m.scale); err != nil {
		return nil, fmt.Errorf("ner: reading model: %w", err)
	}
	if err := binary.Read(br, binary.LittleEndian, &m.trans); err != nil {
		return nil, fmt.Errorf("ner: reading model: %w", err)
	}
	n, err := binary.ReadUvarint(br)
	if err != nil || n > 1<<26 {
		return nil, fmt.Errorf("ner: reading model: bad row count")
	}
	m.keys, m.rows, m.mask = newTable(int(n))
	ks := make([]uint64, n)
	var last uint64
	for i := range ks {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("ner: reading model keys: %w", err)
		}
		last += d
		ks[i] = last
	}
	m.w = make([]int16, int(n)*numTags)
	for k := range numTags {
		for i := range ks {
			v, err := binary.ReadVarint(br)
			if err != nil {
				return nil, fmt.Errorf("ner: reading model weights: %w", err)
			}
			m.w[i*numTags+k] = int16(v)
		}
	}
	for i, k := range ks {
		m.insert(k, int32(i))
	}
	return m, nil
}
