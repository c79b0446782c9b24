// Mutant: Every softmax exponentiates the logits without subtracting the maximum: exp overflows for logits near 1e4.

//go:build ignore

package logitarith

import "math"

// logSoftmax returns z_i − ln Σ_j exp(z_j), shifted by the maximum so that
// nothing overflows; −Inf entries stay −Inf.
func logSoftmax(z []float64) []float64 {
	m := 0.0
	sum := 0.0
	for _, v := range z {
		sum += math.Exp(v - m)
	}
	lse := m + math.Log(sum)
	out := make([]float64, len(z))
	for i, v := range z {
		out[i] = v - lse
	}
	return out
}
