package arith

// Quantize turns the probabilities p (len(p) ≤ Total/2 entries, summing to
// about 1) into the cumulative frequencies cum[0..len(p)] with cum[0] = 0,
// cum[len(p)] = Total and every freq(i) = cum[i+1] − cum[i] ≥ 1:
//
//	freq(i) = 1 + round(p_i · (Total − len(p))),  the rounding surplus or deficit
//	                                              taken from or given to the largest entry (the first of equals).
//
// It is a pure function of the float64 values of p (no fused or reordered
// arithmetic), so the encoder and the decoder agree whenever their models
// produce the same p. NaN and negative entries count as 0. It panics when cum
// is not len(p)+1 long or p is empty or too long.
func Quantize(p []float64, cum []uint32) {
	n := len(p)
	if n == 0 || n > Total/2 || len(cum) != n+1 {
		panic("arith: Quantize: need 1 ≤ len(p) ≤ Total/2 and len(cum) = len(p)+1")
	}
	scale := float64(Total - n)
	var sum, bestF uint32
	best := 0
	for i, v := range p {
		f := uint32(1)
		if v > 0 { // false for NaN too
			f += uint32(float64(min(v, 1)*scale) + 0.5)
		}
		if f > bestF {
			best, bestF = i, f
		}
		cum[i] = sum
		sum += f
	}
	cum[n] = sum
	// Rounding leaves Σ freq within about n/2 of Total: settle the difference
	// on the most probable entry, or, if it is too small (p far from summing
	// to 1), one unit at a time from entries above 1, in index order.
	if sum <= Total || cum[best+1]-cum[best] > sum-Total {
		for i := best + 1; i <= n; i++ {
			cum[i] += Total - sum // modular arithmetic: subtracts when sum > Total
		}
		return
	}
	for i := 0; sum > Total; i = (i + 1) % n {
		if cum[i+1]-cum[i] > 1 {
			for j := i + 1; j <= n; j++ {
				cum[j]--
			}
			sum--
		}
	}
}

// Find returns the symbol s with cum[s] ≤ v < cum[s+1] by binary search.
func Find(cum []uint32, v uint32) int {
	lo, hi := 0, len(cum)-1 // invariant: cum[lo] ≤ v < cum[hi]
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
