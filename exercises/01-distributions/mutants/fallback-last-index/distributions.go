// Mutant: when u lies past the last cumulative sum, Sample returns the last index even if its probability is 0 (lesson 01, “Pitfalls”: rounding at the end of the CDF).

//go:build ignore

package distributions

// Sample draws one index from probs by inverse-CDF lookup: it returns the
// smallest i with u < probs[0] + … + probs[i], for u in [0, 1). If rounding
// leaves u above the total, it returns the last index with positive
// probability. Tokens with probability 0 are never returned.
func Sample(probs []float64, u float64) int {
	cumulative := 0.0
	for i, p := range probs {
		if p <= 0 {
			continue
		}
		cumulative += p
		if u < cumulative {
			return i
		}
	}
	return len(probs) - 1
}
