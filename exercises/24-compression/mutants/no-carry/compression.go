// Mutant: Encode writes the top byte of low at once, with no cache: a carry out of bit 32 is dropped instead of rippling into the bytes already written.

//go:build ignore

package compression

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
		if cacheSize > 0 {
			out = append(out, cache)
		}
		cache = byte(low >> 24)
		cacheSize = 1
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
