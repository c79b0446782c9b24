// Mutant: Encode and Decode renormalise with if instead of for: after a rare symbol the range loses more than 8 bits and stays below 2^24, so later intervals lose precision or collapse.

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
		low += uint64(r) * uint64(cum[s])
		rng = r * (cum[s+1] - cum[s])
		if rng < top {
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
		if v >= Total || !ok {
			return nil, false
		}
		s := find(cum, v)
		symbols = append(symbols, s)
		code -= r * cum[s]
		rng = r * (cum[s+1] - cum[s])
		if rng < top {
			rng <<= 8
			code = code<<8 | next()
		}
	}
	if !ok || pos != len(coded) {
		return nil, false
	}
	return symbols, true
}
