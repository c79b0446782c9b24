// Mutant: The decoder's search wants cum[s] < v: the point v = cum[s] is given to the symbol before, and a symbol of frequency 1 is never found.

//go:build ignore

package compression

// find returns s with cum[s] ≤ v < cum[s+1], by binary search.
func find(cum []uint32, v uint32) int {
	lo, hi := 0, len(cum)-1
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if cum[mid] < v {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}
