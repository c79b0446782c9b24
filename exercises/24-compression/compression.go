// Package compression is exercise 24: a range coder, the integer form of
// arithmetic coding that turns a model's probabilities into a file whose
// size is the model's cross-entropy — integer frequencies that never
// give a symbol probability 0, the interval update with carry propagation
// and renormalisation, and the decoder's symbol search.
package compression

// Total is the sum of the frequencies of one coding step, 2^16.
const Total = 1 << 16

// Quantize returns the cumulative frequencies cum[0..n] of p (n = len(p)):
// freq_i = cum[i+1] − cum[i] = 1 + round(p_i·(Total − n)), with the
// difference between Σ freq and Total added to (or taken from) the largest
// freq, the first of equals; cum[0] = 0 and cum[n] = Total.
func Quantize(p []float64) []uint32 {
	panic("TODO: implement Quantize (see README.md)")
}

// Encode codes symbols (indices into cum) with the cumulative frequencies
// cum (cum[len(cum)−1] = Total) and returns the coded bytes: the range
// coder of the README, 5 flushed bytes at the end.
func Encode(cum []uint32, symbols []int) []byte {
	panic("TODO: implement Encode (see README.md)")
}

// Decode reads n symbols back from the bytes of Encode. ok is false when
// coded is truncated (the decoder needs a byte past its end), names no
// symbol, or has bytes left over.
func Decode(cum []uint32, coded []byte, n int) (symbols []int, ok bool) {
	panic("TODO: implement Decode (see README.md)")
}
