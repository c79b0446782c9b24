// Mutant: 0·ln 0 computed literally: 0·(−Inf) is NaN instead of 0 (lesson 04, “Pitfalls”).

//go:build ignore

package entropy

import "math"

// Entropy returns H(p) = −Σ p_i ln p_i in nats, with 0·ln 0 = 0.
func Entropy(p []float64) float64 {
	h := 0.0
	for _, pi := range p {
		h -= pi * math.Log(pi)
	}
	return h
}
