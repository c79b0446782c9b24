// Mutant: Softmax as exp(x_i) / Σ exp(x_j) with no shift: Inf/Inf = NaN at logits of 1e4 (lesson 02, “Pitfalls”: forgetting the shift).

//go:build ignore

package softmax

import "math"

// Softmax returns p_i = exp(x_i − LSE(x)): non-negative, summing to 1, and
// unchanged when the same constant is added to every logit.
func Softmax(x []float64) []float64 {
	p := make([]float64, len(x))
	total := 0.0
	for i, v := range x {
		p[i] = math.Exp(v)
		total += p[i]
	}
	for i := range p {
		p[i] /= total
	}
	return p
}
