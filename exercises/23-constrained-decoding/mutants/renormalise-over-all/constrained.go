// Mutant: MaskedSoftmax takes the softmax over every token and then zeroes the disallowed ones: the allowed probabilities no longer sum to 1.

//go:build ignore

package constrained

import "math"

// MaskedSoftmax returns softmax of the allowed logits, 0 elsewhere; nil
// when no allowed token has a finite logit.
func MaskedSoftmax(logits []float64, allowed []bool) []float64 {
	m, found := math.Inf(-1), false
	for i, z := range logits {
		m = math.Max(m, z)
		found = found || allowed[i] && !math.IsInf(z, -1)
	}
	if !found {
		return nil
	}
	out := make([]float64, len(logits))
	sum := 0.0
	for i, z := range logits {
		e := math.Exp(z - m)
		sum += e
		if allowed[i] {
			out[i] = e
		}
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}
