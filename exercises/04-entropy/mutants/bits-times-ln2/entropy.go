// Mutant: converts nats to bits by multiplying by ln 2 instead of dividing (1 nat ≈ 1.4427 bits, not 0.69; lesson 04, Units).

//go:build ignore

package entropy

import "math"

// EntropyBits returns H(p) = −Σ p_i log₂ p_i in bits (nats / ln 2).
func EntropyBits(p []float64) float64 {
	return Entropy(p) * math.Ln2
}
