// Mutant: Entropy computed with log₂ and returned as nats: a bits/nats mix-up (lesson 04, “Surprise and its average”, Units; “Pitfalls”: mixing units).

//go:build ignore

package entropy

import "math"

// Entropy returns H(p) = −Σ p_i ln p_i in nats, with 0·ln 0 = 0.
func Entropy(p []float64) float64 {
	h := 0.0
	for _, pi := range p {
		if pi > 0 {
			h -= pi * math.Log2(pi)
		}
	}
	return h
}
