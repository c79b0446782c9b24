// Mutant: MaskedSoftmax never checks for an empty allowed set: the maximum is −Inf and exp(−Inf − (−Inf)) is NaN.

//go:build ignore

package constrained

import "math"

// MaskedSoftmax returns softmax of the allowed logits, 0 elsewhere; nil
// when no allowed token has a finite logit.
func MaskedSoftmax(logits []float64, allowed []bool) []float64 {
	m := math.Inf(-1)
	for i, z := range logits {
		if allowed[i] {
			m = math.Max(m, z)
		}
	}
	out := make([]float64, len(logits))
	sum := 0.0
	for i, z := range logits {
		if allowed[i] {
			out[i] = math.Exp(z - m)
			sum += out[i]
		}
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}
