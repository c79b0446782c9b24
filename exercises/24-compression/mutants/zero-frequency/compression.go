// Mutant: Quantize rounds p·Total with no floor of 1: a symbol the model gives probability 0 (or below 1/Total) gets frequency 0 and can never be coded.

//go:build ignore

package compression

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
		f := uint32(v*scale + 0.5)
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
