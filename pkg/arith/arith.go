// Package arith is a range coder: arithmetic coding in integer arithmetic,
// written by hand because it is the lesson of the course's compression
// chapter (bits per byte is a compression rate), not because no library has one.
//
// A message x₁…x_n coded with model probabilities q(x_i | x_<i) costs
//
//	Σ_i −log₂ q(x_i | x_<i) bits  + at most a few bytes,
//
// because each symbol narrows an integer interval [low, low+range) to the
// sub-interval of width range · freq(x)/Total: the interval shrinks by the
// symbol's probability, and the number of bytes needed to name a point inside
// it is the total of −log₂ of those factors. Probabilities enter as integer
// frequencies that sum to Total = 2^16 (Quantize makes them), so the encoder
// and the decoder compute bit-identical intervals on every machine.
//
// The coder is the carry-propagating byte-oriented design of LZMA (a cache
// byte and a count of pending 0xFF bytes absorb the carry; Subbotin's coder,
// by contrast, avoids carries by shrinking the range): a 33-bit low, a 32-bit
// range kept ≥ 2^24, and one output byte for every 8 bits the range loses.
package arith

import (
	"errors"
	"fmt"
	"math"
)

// TotalBits is log₂ Total.
const TotalBits = 16

// Total is the sum of the frequencies of one coding step.
const Total = 1 << TotalBits

const topValue = 1 << 24 // range is renormalised to stay ≥ 2^24

// Encoder accumulates the coded bytes of one message.
type Encoder struct {
	low       uint64 // bits 0–31: interval start; bit 32: a pending carry
	rng       uint32
	cache     byte  // the last byte not yet written: a carry may still change it
	cacheSize int64 // 1 + the number of 0xFF bytes pending after cache
	out       []byte
}

// NewEncoder returns an encoder for one message.
func NewEncoder() *Encoder { return &Encoder{rng: math.MaxUint32, cacheSize: 1} }

// Encode codes the symbol whose frequencies occupy [cumLow, cumLow+freq) of
// [0, Total). It panics when freq is 0 or the interval leaves [0, Total).
func (e *Encoder) Encode(cumLow, freq uint32) {
	if freq == 0 || cumLow+freq > Total {
		panic(fmt.Sprintf("arith: Encode: interval [%d, %d) outside [0, %d) or empty", cumLow, cumLow+freq, Total))
	}
	r := e.rng >> TotalBits
	e.low += uint64(r) * uint64(cumLow)
	e.rng = r * freq
	for e.rng < topValue {
		e.rng <<= 8
		e.shiftLow()
	}
}

// shiftLow moves the top byte of low to the output, resolving carries.
func (e *Encoder) shiftLow() {
	if uint32(e.low) < 0xFF000000 || e.low >= 1<<32 {
		carry := byte(e.low >> 32)
		b := e.cache
		for {
			e.out = append(e.out, b+carry)
			b = 0xFF
			e.cacheSize--
			if e.cacheSize == 0 {
				break
			}
		}
		e.cache = byte(e.low >> 24)
	}
	e.cacheSize++
	e.low = uint64(uint32(e.low) << 8)
}

// Finish flushes the interval and returns the coded bytes; the encoder must
// not be used afterwards.
func (e *Encoder) Finish() []byte {
	for range 5 {
		e.shiftLow()
	}
	return e.out
}

// ErrTruncated is returned when the decoder needs more bytes than it was given.
var ErrTruncated = errors.New("arith: coded data is truncated")

// ErrCorrupt is returned when the coded bytes name no valid symbol.
var ErrCorrupt = errors.New("arith: coded data is corrupt")

// Decoder reads symbols back from the bytes of an Encoder.
type Decoder struct {
	code, rng uint32
	in        []byte
	pos       int
	err       error
}

// NewDecoder starts decoding in; the first 5 bytes prime the code register.
func NewDecoder(in []byte) *Decoder {
	d := &Decoder{rng: math.MaxUint32, in: in}
	for range 5 {
		d.code = d.code<<8 | uint32(d.next())
	}
	return d
}

func (d *Decoder) next() byte {
	if d.pos >= len(d.in) {
		d.err = ErrTruncated
		return 0
	}
	b := d.in[d.pos]
	d.pos++
	return b
}

// Target returns the frequency point v ∈ [0, Total) that the next symbol's
// interval [cum(s), cum(s)+freq(s)) must contain; the caller finds s and
// then calls Consume. It returns an error on corrupt or truncated input.
func (d *Decoder) Target() (uint32, error) {
	if d.err != nil {
		return 0, d.err
	}
	v := d.code / (d.rng >> TotalBits)
	if v >= Total {
		d.err = ErrCorrupt
		return 0, d.err
	}
	return v, nil
}

// Consume removes the symbol occupying [cumLow, cumLow+freq) from the code,
// mirroring Encoder.Encode.
func (d *Decoder) Consume(cumLow, freq uint32) {
	r := d.rng >> TotalBits
	d.code -= r * cumLow
	d.rng = r * freq
	for d.rng < topValue {
		d.rng <<= 8
		d.code = d.code<<8 | uint32(d.next())
	}
}

// Done returns an error unless every input byte was read and none was
// missing: trailing bytes are corruption too.
func (d *Decoder) Done() error {
	if d.err != nil {
		return d.err
	}
	if d.pos != len(d.in) {
		return fmt.Errorf("%w: %d bytes after the end of the coded data", ErrCorrupt, len(d.in)-d.pos)
	}
	return nil
}
