package pos

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// Feature keys are 64-bit hashes of (template, values). Hashing the parts
// once per token and mixing them per template keeps feature extraction free
// of allocations.

// HashString returns a 64-bit FNV-1a hash of s.
func HashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// Mix combines a template id with up to two value hashes into a feature key.
func Mix(tmpl uint64, a, b uint64) uint64 {
	h := tmpl*0x9E3779B97F4A7C15 ^ a
	h ^= h >> 31
	h *= 0xBF58476D1CE4E5B9
	h ^= b
	h ^= h >> 29
	h *= 0x94D049BB133111EB
	h ^= h >> 32
	if h == 0 {
		h = 1
	}
	return h
}

// Trainer learns an averaged perceptron over hashed features. It is not
// safe for concurrent use.
type Trainer struct {
	classes []string
	feats   map[uint64][]tentry
	step    int32
}

type tentry struct {
	cls    uint16
	ts     int32
	w, tot float32
}

// NewTrainer returns a trainer over the given class names.
func NewTrainer(classes []string) *Trainer {
	return &Trainer{classes: classes, feats: make(map[uint64][]tentry)}
}

// NumClasses returns the number of classes.
func (t *Trainer) NumClasses() int { return len(t.classes) }

// Score adds the current weights of feats to scores (len NumClasses).
func (t *Trainer) Score(feats []uint64, scores []float32) {
	clear(scores)
	for _, f := range feats {
		for _, e := range t.feats[f] {
			scores[e.cls] += e.w
		}
	}
}

// Tick marks the end of one training instance, for averaging.
func (t *Trainer) Tick() { t.step++ }

// Update moves weight towards gold and away from guess.
func (t *Trainer) Update(feats []uint64, gold, guess int) {
	if gold == guess {
		return
	}
	for _, f := range feats {
		es := t.feats[f]
		es = t.bump(es, gold, 1)
		es = t.bump(es, guess, -1)
		t.feats[f] = es
	}
}

func (t *Trainer) bump(es []tentry, c int, d float32) []tentry {
	for i := range es {
		if int(es[i].cls) == c {
			e := &es[i]
			e.tot += float32(t.step-e.ts) * e.w
			e.ts = t.step
			e.w += d
			return es
		}
	}
	return append(es, tentry{cls: uint16(c), ts: t.step, w: d})
}

// Model returns the averaged weights as a compact model, dropping weights
// whose magnitude is below prune.
func (t *Trainer) Model(prune float32) *Model {
	keys := make([]uint64, 0, len(t.feats))
	for k := range t.feats {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	m := &Model{Classes: t.classes}
	steps := float32(max(t.step, 1))
	for _, k := range keys {
		n0 := len(m.ents)
		for _, e := range t.feats[k] {
			avg := (e.tot + float32(t.step-e.ts)*e.w) / steps
			if avg >= prune || avg <= -prune {
				m.ents = append(m.ents, ent{e.cls, avg})
			}
		}
		if len(m.ents) > n0 {
			m.keys = append(m.keys, k)
			m.start = append(m.start, uint32(n0))
		}
	}
	m.start = append(m.start, uint32(len(m.ents)))
	m.index()
	return m
}

// Model is a trained linear classifier over hashed features, read-only
// and safe for concurrent use.
type Model struct {
	Classes []string
	keys    []uint64 // sorted
	start   []uint32 // len(keys)+1: feature i's weights are ents[start[i]:start[i+1]]
	ents    []ent
	// Open-addressing table from a key's high 32 bits (the low bits pick
	// the slot) to its weights in packed, where a header entry holding the
	// count precedes each feature's weights. Small slots keep the table
	// cache-friendly: scoring costs about two cache misses per feature.
	slots  []slot
	packed []qent
	mask   uint64
	// unit is the weight of one step of the int16 weights in packed;
	// Score's results are in these units.
	unit float32
}

// qent is a weight quantized to int16 steps of Model.unit: half the size
// of ent, which matters because scoring is bound by memory latency.
type qent struct {
	cls uint16
	w   int16
}

type ent struct {
	cls uint16
	w   float32
}

type slot struct {
	fp, off uint32
}

// fingerprint is the part of key stored in a slot, never 0 (empty).
func fingerprint(key uint64) uint32 {
	if fp := uint32(key >> 32); fp != 0 {
		return fp
	}
	return 1
}

func (m *Model) index() {
	n := 1
	for n < len(m.keys)+len(m.keys)/2+2 {
		n <<= 1
	}
	m.slots = make([]slot, n)
	m.mask = uint64(n - 1)
	var maxAbs float32
	for _, e := range m.ents {
		maxAbs = max(maxAbs, e.w, -e.w)
	}
	m.unit = maxAbs / 32000
	if m.unit == 0 {
		m.unit = 1
	}
	m.packed = make([]qent, 0, len(m.ents)+len(m.keys))
	for i, k := range m.keys {
		j := k & m.mask
		for m.slots[j].fp != 0 {
			j = (j + 1) & m.mask
		}
		m.slots[j] = slot{fp: fingerprint(k), off: uint32(len(m.packed))}
		ws := m.ents[m.start[i]:m.start[i+1]]
		m.packed = append(m.packed, qent{cls: uint16(len(ws))})
		for _, e := range ws {
			m.packed = append(m.packed, qent{e.cls, int16(math.Round(float64(e.w / m.unit)))})
		}
	}
}

// NumFeatures returns the number of features with weights.
func (m *Model) NumFeatures() int { return len(m.keys) }

// Score sets scores (len(Classes)) to the weighted sum of feats, in units
// of Unit().
func (m *Model) Score(feats []uint64, scores []float32) {
	clear(scores)
	for _, f := range feats {
		j := f & m.mask
		fp := fingerprint(f)
		for {
			sl := m.slots[j]
			if sl.fp == fp {
				n := uint32(m.packed[sl.off].cls)
				for _, e := range m.packed[sl.off+1 : sl.off+1+n] {
					scores[e.cls] += float32(e.w)
				}
				break
			}
			if sl.fp == 0 {
				break
			}
			j = (j + 1) & m.mask
		}
	}
}

const modelMagic = "SRPM1\n"

// WriteTo writes the model gzipped: keys delta-coded, weights quantized to
// integers of a fixed step.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	m.Encode(bw)
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	return 0, zw.Close()
}

// Encode writes the model uncompressed to bw.
func (m *Model) Encode(bw *bufio.Writer) {
	var buf [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	sv := func(x int64) { bw.Write(buf[:binary.PutVarint(buf[:], x)]) }
	bw.WriteString(modelMagic)
	uv(uint64(len(m.Classes)))
	for _, c := range m.Classes {
		uv(uint64(len(c)))
		bw.WriteString(c)
	}
	var maxAbs float64
	for _, e := range m.ents {
		maxAbs = max(maxAbs, math.Abs(float64(e.w)))
	}
	scale := maxAbs / 30000
	if scale == 0 {
		scale = 1
	}
	uv(math.Float64bits(scale))
	uv(uint64(len(m.keys)))
	prev := uint64(0)
	for i, k := range m.keys {
		uv(k - prev)
		prev = k
		a, b := m.start[i], m.start[i+1]
		uv(uint64(b - a))
		for j := a; j < b; j++ {
			uv(uint64(m.ents[j].cls))
			sv(int64(math.Round(float64(m.ents[j].w) / scale)))
		}
	}
}

// ReadModel reads a model written by WriteTo.
func ReadModel(r io.Reader) (*Model, error) {
	d, err := NewDecoder(r)
	if err != nil {
		return nil, err
	}
	return d.Model()
}

// Decoder reads the varint-coded model formats from memory, which is much
// faster than byte-wise reads through a bufio.Reader.
type Decoder struct {
	b   []byte
	err error
}

// NewDecoder gunzips r into memory.
func NewDecoder(r io.Reader) (*Decoder, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	return &Decoder{b: b}, nil
}

// Err returns the first error met.
func (d *Decoder) Err() error { return d.err }

func (d *Decoder) fail(msg string) {
	if d.err == nil {
		d.err = errors.New(msg)
	}
	d.b = nil
}

// Uvarint reads an unsigned varint (0 after an error).
func (d *Decoder) Uvarint() uint64 {
	x, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("truncated or bad varint")
		return 0
	}
	d.b = d.b[n:]
	return x
}

// Varint reads a signed varint.
func (d *Decoder) Varint() int64 {
	x, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail("truncated or bad varint")
		return 0
	}
	d.b = d.b[n:]
	return x
}

// Bytes reads n raw bytes.
func (d *Decoder) Bytes(n int) []byte {
	if n < 0 || n > len(d.b) {
		d.fail("truncated data")
		return nil
	}
	x := d.b[:n]
	d.b = d.b[n:]
	return x
}

// String reads a length-prefixed string of at most max bytes.
func (d *Decoder) String(max int) string {
	n := d.Uvarint()
	if n > uint64(max) {
		d.fail("string too long")
		return ""
	}
	return string(d.Bytes(int(n)))
}

// Model reads a model written by Encode.
func (d *Decoder) Model() (*Model, error) {
	if string(d.Bytes(len(modelMagic))) != modelMagic {
		return nil, errors.New("pos: not a model file")
	}
	nc := d.Uvarint()
	if nc > 1<<16 {
		return nil, errors.New("pos: bad model header")
	}
	m := &Model{Classes: make([]string, nc)}
	for i := range m.Classes {
		m.Classes[i] = d.String(1 << 10)
	}
	scale := math.Float64frombits(d.Uvarint())
	nf := d.Uvarint()
	if d.err != nil || nf > 1<<26 || nf > uint64(len(d.b)) {
		return nil, fmt.Errorf("pos: bad model header: %v", d.err)
	}
	m.keys = make([]uint64, nf)
	m.start = make([]uint32, nf+1)
	m.ents = make([]ent, 0, len(d.b)/3)
	prev := uint64(0)
	for i := range m.keys {
		prev += d.Uvarint()
		m.keys[i] = prev
		m.start[i] = uint32(len(m.ents))
		n := d.Uvarint()
		for range n {
			c := d.Uvarint()
			if c >= nc {
				d.fail("bad class index")
				break
			}
			m.ents = append(m.ents, ent{uint16(c), float32(float64(d.Varint()) * scale)})
		}
		if d.err != nil {
			return nil, fmt.Errorf("pos: reading model: %w", d.err)
		}
	}
	m.start[nf] = uint32(len(m.ents))
	m.index()
	return m, nil
}

// Pruned returns a copy of m without the weights whose magnitude is below
// min, and with weights rounded to multiples of step (when step > 0), to
// trade accuracy for size.
func (m *Model) Pruned(min, step float32) *Model {
	p := &Model{Classes: m.Classes}
	for i, k := range m.keys {
		n0 := len(p.ents)
		for _, e := range m.ents[m.start[i]:m.start[i+1]] {
			if step > 0 {
				e.w = float32(math.Round(float64(e.w/step))) * step
			}
			if e.w >= min || e.w <= -min {
				if e.w != 0 {
					p.ents = append(p.ents, e)
				}
			}
		}
		if len(p.ents) > n0 {
			p.keys = append(p.keys, k)
			p.start = append(p.start, uint32(n0))
		}
	}
	p.start = append(p.start, uint32(len(p.ents)))
	p.index()
	return p
}

// Stats returns the number of features and weights and the largest weight
// magnitude.
func (m *Model) Stats() (features, weights int, maxAbs float32) {
	for _, e := range m.ents {
		maxAbs = max(maxAbs, e.w, -e.w)
	}
	return len(m.keys), len(m.ents), maxAbs
}

// Unit returns the weight of one unit of Score's results.
func (m *Model) Unit() float32 { return m.unit }
