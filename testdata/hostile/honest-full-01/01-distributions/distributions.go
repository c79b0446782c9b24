// Package distributions is exercise 01: turn scores into a probability
// distribution over a vocabulary and draw tokens from it reproducibly.
package distributions

import "math/rand/v2"

// Normalize returns weights divided by their sum, so the result sums to 1.
// Weights must be non-negative with a positive sum. The input is not modified.
func Normalize(weights []float64) []float64 {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	p := make([]float64, len(weights))
	for i, w := range weights {
		p[i] = w / total
	}
	return p
}

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
		if u < cumulative {
			return i
		}
	}
	return last
}

// SampleN draws n indices from probs with a seeded generator: it creates
// rand.New(rand.NewPCG(seed, 0)) once and calls Sample(probs, rng.Float64())
// n times. The same seed always gives the same draws.
func SampleN(probs []float64, n int, seed uint64) []int {
	rng := rand.New(rand.NewPCG(seed, 0))
	draws := make([]int, n)
	for i := range draws {
		draws[i] = Sample(probs, rng.Float64())
	}
	return draws
}
