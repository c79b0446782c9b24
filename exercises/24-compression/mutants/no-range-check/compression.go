// Mutant: Decode never checks v < Total: a corrupted code that names no symbol is clamped to the last symbol and decoded silently.

// Package compression is exercise 24: a range coder, the integer form of
// arithmetic coding that turns a model's probabilities into a file whose
// size is the model's cross-entropy — integer frequencies that never
// give a byte probability 0, the interval update with carry propagation and
// renormalisation, and the decoder's symbol search.
package compression

// Total is the sum of the frequencies of one coding step, 2^16.
const Total = 1 << 16

const top = 1 << 24 // the range is renormalised to stay ≥ 2^24

// Quantize returns the cumulative frequencies cum[0..n] of p (n = len(p)):
// freq_i = cum[i+1] − cum[i] = 1 + round(p_i·(Total − n)), with the
// difference between Σ freq and Total added to (or taken from) the largest
// freq, the first of equals; cum[0] = 0 and cum[n] = Total.
func Quantize(p []float64) []uint32 {
	n := len(p)
	cum := make([]uint32, n+1)
	scale := float64(Total - n)
	best := 0
	var sum, bestF uint32
	for i, v := range p {
		f := 1 + uint32(v*scale+0.5) // the 1: a symbol of frequency 0 could never be coded
		if f > bestF {
			best, bestF = i, f
		}
		cum[i] = sum
		sum += f
	}
	cum[n] = sum
	for i := best + 1; i <= n; i++ {
		cum[i] += Total - sum // modular: subtracts when sum > Total
	}
	return cum
}

// Encode codes symbols (indices into cum) with the cumulative frequencies
// cum (cum[len(cum)−1] = Total) and returns the coded bytes: the range
// coder of the README, 5 flushed bytes at the end.
func Encode(cum []uint32, symbols []int) []byte {
	var (
		low       uint64 // bits 0–31: the interval's start; bit 32: a carry
		rng       uint32 = 0xFFFFFFFF
		cache     byte
		cacheSize = 1
		out       []byte
	)
	shift := func() {
		if uint32(low) < 0xFF000000 || low >= 1<<32 {
			carry := byte(low >> 32)
			b := cache
			for ; cacheSize > 0; cacheSize-- {
				out = append(out, b+carry)
				b = 0xFF
			}
			cache = byte(low >> 24)
		}
		cacheSize++
		low = uint64(uint32(low) << 8)
	}
	for _, s := range symbols {
		r := rng / Total
		low += uint64(r) * uint64(cum[s])
		rng = r * (cum[s+1] - cum[s])
		for rng < top {
			rng <<= 8
			shift()
		}
	}
	for range 5 {
		shift()
	}
	return out
}

// Decode reads n symbols back from the bytes of Encode. ok is false when
// coded is truncated (the decoder needs a byte past its end), names no
// symbol, or has bytes left over.
func Decode(cum []uint32, coded []byte, n int) (symbols []int, ok bool) {
	pos := 0
	ok = true
	next := func() uint32 {
		if pos >= len(coded) {
			ok = false
			return 0
		}
		pos++
		return uint32(coded[pos-1])
	}
	var code uint32
	rng := uint32(0xFFFFFFFF)
	for range 5 {
		code = code<<8 | next()
	}
	for range n {
		r := rng / Total
		v := code / r
		if !ok {
			return nil, false
		}
		s := find(cum, v)
		symbols = append(symbols, s)
		code -= r * cum[s]
		rng = r * (cum[s+1] - cum[s])
		for rng < top {
			rng <<= 8
			code = code<<8 | next()
		}
	}
	if !ok || pos != len(coded) {
		return nil, false
	}
	return symbols, true
}

// find returns s with cum[s] ≤ v < cum[s+1], by binary search.
func find(cum []uint32, v uint32) int {
	lo, hi := 0, len(cum)-1
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if cum[mid] <= v {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}
