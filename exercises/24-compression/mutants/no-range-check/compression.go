// Mutant: Decode never checks v < Total: a corrupted code that names no symbol is clamped to the last symbol and decoded silently.

//go:build ignore

package compression

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
