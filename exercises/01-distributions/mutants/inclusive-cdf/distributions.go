// Mutant: Sample returns the first i with u <= CDF[i], so a draw on a boundary goes to the token before it.

//go:build ignore

package distributions

// Sample draws one index from probs by inverse-CDF lookup: it returns the
// smallest i with u < probs[0] + … + probs[i], for u in [0, 1). If rounding
// leaves u above the total, it returns the last index with positive
// probability. Tokens with probability 0 are never returned.
func Sample(probs []float64, u float64) int {
	cumulative, last := 0.0, -1
	for i, p := range probs {
		if p <= 0 {
			continue
		}
		cumulative += p
		last = i
		if u <= cumulative {
			return i
		}
	}
	return last
}
