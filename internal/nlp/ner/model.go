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
	// open-addressing table from feature hash to row in w; key and row
	// share a slot so that a lookup costs one cache miss
	slots []slot
	mask  uint64
	w     []int16 // wStride per row, numTags used: a row never straddles a cache line
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

// slot is one entry of the feature table; key 0 marks an empty slot.
type slot struct {
	key uint64
	row int32
}

const wStride = 16

// newTable sizes an empty feature table and weight array for n rows.
func (m *Model) newTable(n int) {
	size := 1
	for size < n*2 {
		size <<= 1
	}
	m.slots, m.mask = make([]slot, size), uint64(size-1)
	m.w = make([]int16, n*wStride)
}

// weights returns row r's weights.
func (m *Model) weights(r int32) []int16 {
	return m.w[int(r)*wStride : int(r)*wStride+numTags]
}

// insert adds key k (never 0) with row r.
func (m *Model) insert(k uint64, r int32) {
	for i := k & m.mask; ; i = (i + 1) & m.mask {
		if m.slots[i].key == 0 || m.slots[i].key == k {
			m.slots[i] = slot{k, r}
			return
		}
	}
}

// emissions adds the weights of feats into sc (numTags per token).
func (m *Model) emissions(feats []uint64, sc *[numTags]float32) {
	var acc [numTags]int32
	// Load every feature's home slot first, in a loop whose iterations do
	// not depend on each other, so that the cache misses overlap.
	var fs, home [64]uint64
	slots, mask := m.slots, m.mask
	for len(feats) > 0 {
		n := copy(fs[:], feats)
		feats = feats[n:]
		for i, f := range fs[:n] {
			if f == 0 {
				f = 1 // 0 marks an empty slot
				fs[i] = f
			}
			home[i] = slots[f&mask].key
		}
		for i, f := range fs[:n] {
			j, k := f&mask, home[i]
			for k != f && k != 0 {
				j = (j + 1) & mask
				k = slots[j].key
			}
			if k == 0 {
				continue
			}
			w := m.weights(slots[j].row)
			for t := range acc {
				acc[t] += int32(w[t])
			}
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
// fb is scratch of at least 3*len(em) rows.
func marginals(em [][numTags]float32, trans *[numTags + 1][numTags + 1]float32, temp float32, post [][numTags]float32, fb [][numTags]float64) {
	n := len(em)
	if n == 0 {
		return
	}
	// exp of emissions is taken once per token, shifted by the row max.
	ex, alpha, beta := fb[:n], fb[n:2*n], fb[2*n:3*n]
	clear(alpha)
	clear(beta)
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
	for _, sl := range m.slots {
		if sl.key != 0 {
			ks = append(ks, kr{sl.key, sl.row})
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
			putI(int64(m.weights(e.r)[k]))
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
	m.newTable(int(n))
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
	for k := range numTags {
		for i := range ks {
			v, err := binary.ReadVarint(br)
			if err != nil {
				return nil, fmt.Errorf("ner: reading model weights: %w", err)
			}
			m.w[i*wStride+k] = int16(v)
		}
	}
	for i, k := range ks {
		m.insert(k, int32(i))
	}
	return m, nil
}
