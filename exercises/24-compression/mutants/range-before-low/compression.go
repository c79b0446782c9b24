// Mutant: Encode narrows the range first and then moves low by the new range times cum: low must move by the old range's step r = range/Total.

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
		rng = r * (cum[s+1] - cum[s])
		low += uint64(rng) * uint64(cum[s]) / Total
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
