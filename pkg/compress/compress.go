// Package compress is the file format of `course compress`: a byte-level
// language model drives the range coder of pkg/arith, so the coded size is
// the model's cross-entropy on the file, Σ −log₂ q(x_i | x_<i) bits, plus a
// few bytes of flush and a fixed header.
//
// Header (HeaderSize bytes, little-endian):
//
//	magic "BLAC" · version 1 · model (1 = Kneser–Ney n-gram, 2 = the MLP of
//	pkg/neural) · order (the MLP: its context length) · flags (bit 0 adaptive,
//	bit 1 prior = the Opticks training text, or the MLP's weights) · CRC-32 of
//	the prior text or of the weights (0 without one) · original length
//	(uint64) · CRC-32 (IEEE) of the original
//
// The decoder rebuilds the same model from the same prior text or weights:
// the prior's CRC catches a different text or network, and the original's
// CRC and length catch other mismatches and corruption, so a bad file is an
// error rather than wrong output (a random corruption slips past a CRC-32
// with probability 2^-32).
package compress

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"runtime"
	"sync"

	"github.com/bitsandlogits/course/pkg/arith"
)

// HeaderSize is the size of the fixed header in bytes.
const HeaderSize = 24

const (
	magic   = "BLAC"
	version = 1
	// ModelNgram is the model byte of the Kneser–Ney n-gram models.
	ModelNgram = 1
	// ModelNeural is the model byte of the MLP (neural.Exact).
	ModelNeural  = 2
	flagAdaptive = 1
	flagPrior    = 2
)

// Header describes a compressed file.
type Header struct {
	Model    byte
	Order    int
	Adaptive bool   // the model learns as it codes
	Prior    bool   // the model starts from the Opticks training text (the MLP: always)
	PriorCRC uint32 // CRC-32 of the prior text or of the MLP's weights
	Length   uint64 // original size in bytes
	CRC      uint32 // CRC-32 of the original
}

// ErrFormat wraps every error about a malformed compressed file.
var ErrFormat = errors.New("not a valid compressed file")

func (h Header) append(b []byte) []byte {
	flags := byte(0)
	if h.Adaptive {
		flags |= flagAdaptive
	}
	if h.Prior {
		flags |= flagPrior
	}
	b = append(b, magic...)
	b = append(b, version, h.Model, byte(h.Order), flags)
	b = binary.LittleEndian.AppendUint32(b, h.PriorCRC)
	b = binary.LittleEndian.AppendUint64(b, h.Length)
	return binary.LittleEndian.AppendUint32(b, h.CRC)
}

// ParseHeader reads the header at the start of b.
func ParseHeader(b []byte) (Header, error) {
	if len(b) < HeaderSize {
		return Header{}, fmt.Errorf("%w: %d bytes, shorter than the %d-byte header", ErrFormat, len(b), HeaderSize)
	}
	if string(b[:4]) != magic {
		return Header{}, fmt.Errorf("%w: bad magic %q", ErrFormat, b[:4])
	}
	if b[4] != version {
		return Header{}, fmt.Errorf("%w: format version %d, this program reads %d", ErrFormat, b[4], version)
	}
	h := Header{Model: b[5], Order: int(b[6]), Adaptive: b[7]&flagAdaptive != 0, Prior: b[7]&flagPrior != 0,
		PriorCRC: binary.LittleEndian.Uint32(b[8:]), Length: binary.LittleEndian.Uint64(b[12:]),
		CRC: binary.LittleEndian.Uint32(b[20:])}
	switch {
	case h.Model == ModelNeural:
		if h.Adaptive || !h.Prior || h.Order < 1 {
			return Header{}, fmt.Errorf("%w: the neural model is static, needs its weights and a context length ≥ 1", ErrFormat)
		}
		return h, nil
	case h.Model != ModelNgram:
		return Header{}, fmt.Errorf("%w: unknown model %d", ErrFormat, h.Model)
	case h.Order < 1 || h.Order > MaxOrder:
		return Header{}, fmt.Errorf("%w: order %d outside [1, %d]", ErrFormat, h.Order, MaxOrder)
	case b[7]&^(flagAdaptive|flagPrior) != 0:
		return Header{}, fmt.Errorf("%w: unknown flags %#x", ErrFormat, b[7])
	case !h.Prior && h.PriorCRC != 0:
		return Header{}, fmt.Errorf("%w: a prior CRC without a prior", ErrFormat)
	case !h.Adaptive && !h.Prior:
		return Header{}, fmt.Errorf("%w: a static model needs a prior text", ErrFormat)
	}
	return h, nil
}

// Encode codes data with model m and returns header h (Length and CRC
// filled in) followed by the coded bytes.
func Encode(h Header, m Predictor, data []byte) []byte {
	h.Length, h.CRC = uint64(len(data)), crc32.ChecksumIEEE(data)
	e := arith.NewEncoder()
	if s, ok := m.(static); ok {
		encodeStatic(e, s, data)
	} else {
		var q quantizer
		for i, b := range data {
			e.Encode(q.interval(m, data[:i], int(b)))
			m.Update(data[:i], b)
		}
	}
	return append(h.append(make([]byte, 0, HeaderSize+len(data)/2)), e.Finish()...)
}

// static is a Predictor that does not learn: its distribution at byte i
// depends on data[:i] only. fork returns a copy with its own scratch space,
// for another goroutine.
type static interface {
	Predictor
	fork() Predictor
}

// encodeStatic codes data with a static model, whose distribution at byte
// i depends on data[:i] only: the encoder knows every history in advance,
// so it computes the intervals of each window of the input on all cores and
// then codes them in order (the decoder, which learns each byte by decoding
// it, cannot). The coded bytes are those of the sequential loop.
func encodeStatic(e *arith.Encoder, s static, data []byte) {
	const window = 1 << 18
	workers := runtime.GOMAXPROCS(0)
	iv := make([][2]uint32, min(window, len(data)))
	for from := 0; from < len(data); from += window {
		to := min(from+window, len(data))
		per := (to - from + workers - 1) / workers
		var wg sync.WaitGroup
		for lo := from; lo < to; lo += per {
			wg.Go(func() {
				w := s.fork()
				var q quantizer
				for i := lo; i < min(lo+per, to); i++ {
					c, f := q.interval(w, data[:i], int(data[i]))
					iv[i-from] = [2]uint32{c, f}
				}
			})
		}
		wg.Wait()
		for _, cf := range iv[:to-from] {
			e.Encode(cf[0], cf[1])
		}
	}
}

// Decode reverses Encode: m must be the model Encode used, in the same
// state. Any mismatch, truncation or corruption is an error wrapping ErrFormat.
func Decode(h Header, m Predictor, coded []byte) ([]byte, error) {
	d := arith.NewDecoder(coded)
	var q quantizer
	// Every symbol has freq ≤ Total − 255, so costs ≥ 0.0056 bits: a valid
	// file holds at most ~180 bytes per coded bit; no more memory than that.
	if limit := uint64(len(coded))*8*200 + 64; h.Length > limit {
		return nil, fmt.Errorf("%w: header claims %d bytes, more than %d coded bytes can hold", ErrFormat, h.Length, len(coded))
	}
	out := make([]byte, 0, h.Length)
	for range h.Length {
		v, err := d.Target()
		if err != nil {
			return nil, fmt.Errorf("%w: %v after %d of %d bytes", ErrFormat, err, len(out), h.Length)
		}
		s := q.find(m, out, v)
		d.Consume(q.interval(m, nil, s))
		m.Update(out, byte(s))
		out = append(out, byte(s))
	}
	if err := d.Done(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if got := crc32.ChecksumIEEE(out); got != h.CRC {
		return nil, fmt.Errorf("%w: checksum %08x, header says %08x (corrupt data or a different model)", ErrFormat, got, h.CRC)
	}
	return out, nil
}

// quantizer turns a model's next-byte distribution into integer frequencies:
// sparsely (arith.Sparse) when the model offers it, else by arith.Quantize.
type quantizer struct {
	sparse arith.Sparse
	dense  bool
	p      []float64
	cum    []uint32
}

// load quantizes P(· | history).
func (q *quantizer) load(m Predictor, history []byte) {
	if sm, ok := m.(SparsePredictor); ok {
		if q.sparse.Set(sm.Sparse(history)) {
			q.dense = false
			return
		}
	}
	if q.p == nil {
		q.p, q.cum = make([]float64, 256), make([]uint32, 257)
	}
	m.Dist(history, q.p)
	arith.Quantize(q.p, q.cum)
	q.dense = true
}

// interval loads P(· | history) unless history is nil (reuse the last one)
// and returns byte b's cumulative frequency and frequency.
func (q *quantizer) interval(m Predictor, history []byte, b int) (uint32, uint32) {
	if history != nil {
		q.load(m, history)
	}
	if q.dense {
		return q.cum[b], q.cum[b+1] - q.cum[b]
	}
	return q.sparse.Interval(b)
}

// find loads P(· | history) and returns the byte whose interval holds v.
func (q *quantizer) find(m Predictor, history []byte, v uint32) int {
	q.load(m, history)
	if q.dense {
		return arith.Find(q.cum, v)
	}
	return q.sparse.Find(v)
}
