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
	// Open-addressing table keyed by a key's high 32 bits (the low bits
	// pick the slot). A slot holds up to three weights inline, which covers
	// nearly all features (they average about two weights), so scoring a
	// feature usually costs a single cache miss; longer weight lists live
	// in packed.
	slots  []slot
	packed []qent
	// dense holds rows of width (len(Classes)+3)/4 for the features with
	// many weights: four classes per uint64 as 16-bit lanes, each weight
	// biased by denseBias so that a lane is never negative (see Score).
	// Adding a row handles several classes per instruction, which is much
	// faster than scattering a long sparse list.
	dense []uint64
	mask  uint64
	// unit is the weight of one step of the int16 weights in slots and
	// packed; Score's results are in these units.
	unit float32
	// denseFrom, when not 0, replaces denseMin (see DenseFrom).
	denseFrom int
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

// slot is 16 bytes, so that one never straddles a cache line. Unused
// inline weights are {0, 0}, which add nothing. When e[0].cls is spill,
// the feature's e[0].w weights start at packed[e[1]|e[2]<<16].
type slot struct {
	fp uint32
	e  [3]qent
}

const (
	spill     = 0xffff // e[0].w weights in packed at e[1]|e[2]<<16
	denseRow  = 0xfffe // a row of dense at e[1]|e[2]<<16
	denseBias = 1 << 15
	// denseMin is the number of weights from which a feature gets a dense
	// row, where that is cheaper than the sparse list.
	denseMin = 12
	// maxDense is the most classes dense rows support (Score's buffer).
	maxDense = 128
)

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
	q := func(e ent) qent { return qent{e.cls, int16(math.Round(float64(e.w / m.unit)))} }
	m.packed, m.dense = m.packed[:0], m.dense[:0]
	dmin := denseMin
	if m.denseFrom > 0 {
		dmin = m.denseFrom
	}
	for i, k := range m.keys {
		j := k & m.mask
		for m.slots[j].fp != 0 {
			j = (j + 1) & m.mask
		}
		sl := slot{fp: fingerprint(k)}
		ws := m.ents[m.start[i]:m.start[i+1]]
		switch {
		case len(ws) <= len(sl.e):
			for x, e := range ws {
				sl.e[x] = q(e)
			}
		case len(ws) >= dmin && len(m.Classes) <= maxDense:
			width := (len(m.Classes) + 3) / 4
			off := len(m.dense) / width
			sl.e[0].cls = denseRow
			sl.e[1].cls, sl.e[2].cls = uint16(off), uint16(off>>16)
			m.dense = slices.Grow(m.dense, width)
			row := m.dense[len(m.dense) : len(m.dense)+width]
			for x := range row {
				row[x] = denseBias * 0x0001000100010001
			}
			for _, e := range ws {
				sh := 16 * (e.cls % 4)
				row[e.cls/4] &^= 0xffff << sh
				row[e.cls/4] |= uint64(uint16(int32(q(e).w)+denseBias)) << sh
			}
			m.dense = m.dense[:len(m.dense)+width]
		default:
			off := len(m.packed)
			sl.e[0] = qent{spill, int16(len(ws))}
			sl.e[1].cls, sl.e[2].cls = uint16(off), uint16(off>>16)
			for _, e := range ws {
				m.packed = append(m.packed, q(e))
			}
		}
		m.slots[j] = sl
	}
}

// NumFeatures returns the number of features with weights.
func (m *Model) NumFeatures() int { return len(m.keys) }

// DenseFrom lays out as dense rows the features with at least k weights
// (and more than fit inline) instead of from the default 12, and returns
// m. For models of few classes, whose rows are short, adding a row is
// cheaper than a spilled list. Scores are unchanged. Not safe to call
// while m is in use.
func (m *Model) DenseFrom(k int) *Model {
	m.denseFrom = k
	m.index()
	return m
}

// Score sets scores (len(Classes)) to the weighted sum of feats, in units
// of Unit(). The sums are of small integers, hence exact and independent of
// the order of feats.
func (m *Model) Score(feats []uint64, scores []float32) {
	clear(scores)
	// First load every feature's home slot in a loop without dependences
	// between iterations, so that the CPU overlaps the cache misses; then
	// probe and add from cache.
	var fps [64]uint32
	// Dense rows are summed in 32-bit lanes, two per uint64: accE gets
	// classes 4x and 4x+2, accO 4x+1 and 4x+3, each plus nd*denseBias.
	var accE, accO [maxDense / 4]uint64
	nd, width := 0, (len(m.Classes)+3)/4
	slots, mask := m.slots, m.mask
	for len(feats) > 0 {
		fs := feats[:min(len(feats), len(fps))]
		feats = feats[len(fs):]
		for i, f := range fs {
			fps[i] = slots[f&mask].fp
		}
		for i, f := range fs {
			fp, j, sfp := fingerprint(f), f&mask, fps[i]
			for sfp != fp {
				if sfp == 0 {
					break
				}
				j = (j + 1) & mask
				sfp = slots[j].fp
			}
			if sfp == 0 {
				continue
			}
			e := &slots[j].e
			switch e[0].cls {
			default:
				scores[e[0].cls] += float32(e[0].w)
				scores[e[1].cls] += float32(e[1].w)
				scores[e[2].cls] += float32(e[2].w)
			case denseRow:
				off := (int(e[1].cls) | int(e[2].cls)<<16) * width
				row := m.dense[off : off+width]
				ae, ao := accE[:len(row)], accO[:len(row)]
				for x, v := range row {
					ae[x] += v & 0x0000ffff0000ffff
					ao[x] += v >> 16 & 0x0000ffff0000ffff
				}
				nd++
			case spill:
				off := int(e[1].cls) | int(e[2].cls)<<16
				for _, q := range m.packed[off : off+int(e[0].w)] {
					scores[q.cls] += float32(q.w)
				}
			}
		}
	}
	if nd > 0 {
		b := int64(nd) * denseBias
		for x := range width {
			e, o, c := accE[x], accO[x], 4*x
			sc := scores[c:min(c+4, len(scores))]
			switch len(sc) {
			case 4:
				sc[3] += float32(int64(o>>32) - b)
				fallthrough
			case 3:
				sc[2] += float32(int64(e>>32) - b)
				fallthrough
			case 2:
				sc[1] += float32(int64(uint32(o)) - b)
				fallthrough
			case 1:
				sc[0] += float32(int64(uint32(e)) - b)
			}
		}
	}
}

const modelMagic = "SRPM1\n"

// WriteTo writes the model gzipped: keys delta-coded, weights quantized to
// integers of a fixed step.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	e := NewEncoder(w)
	e.Model(m)
	return 0, e.Close()
}

// Encoder writes the gzipped varint-coded formats that Decoder reads.
type Encoder struct {
	*bufio.Writer
	zw  *gzip.Writer
	buf [binary.MaxVarintLen64]byte
}

// NewEncoder returns an encoder gzipping into w; Close finishes the stream.
func NewEncoder(w io.Writer) *Encoder {
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	return &Encoder{Writer: bufio.NewWriter(zw), zw: zw}
}

// Uvarint writes an unsigned varint.
func (e *Encoder) Uvarint(x uint64) { e.Write(e.buf[:binary.PutUvarint(e.buf[:], x)]) }

// Varint writes a signed varint.
func (e *Encoder) Varint(x int64) { e.Write(e.buf[:binary.PutVarint(e.buf[:], x)]) }

// String writes a length-prefixed string, as Decoder.String reads it.
func (e *Encoder) String(s string) {
	e.Uvarint(uint64(len(s)))
	e.WriteString(s)
}

// Flag writes b as the varint 1 or 0.
func (e *Encoder) Flag(b bool) {
	if b {
		e.Uvarint(1)
	} else {
		e.Uvarint(0)
	}
}

// Close flushes the buffer and ends the gzip stream.
func (e *Encoder) Close() error {
	if err := e.Flush(); err != nil {
		return err
	}
	return e.zw.Close()
}

// Model writes m uncompressed into the stream.
func (e *Encoder) Model(m *Model) {
	uv, sv := e.Uvarint, e.Varint
	e.WriteString(modelMagic)
	uv(uint64(len(m.Classes)))
	for _, c := range m.Classes {
		e.String(c)
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
	p := &Model{Classes: m.Classes, denseFrom: m.denseFrom}
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
