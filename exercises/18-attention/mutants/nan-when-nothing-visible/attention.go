// Mutant: MaskedSoftmax subtracts the maximum even when it is −Inf: a row with nothing visible gives NaN.

//go:build ignore

package attention

import "math"

// MaskedSoftmax returns the softmax of scores over the positions j with
// visible[j], and weight 0 elsewhere. With no visible position it returns
// all zeros, never NaN.
func MaskedSoftmax(scores []float64, visible []bool) []float64 {
	m := math.Inf(-1)
	for j, s := range scores {
		if visible[j] {
			m = math.Max(m, s)
		}
	}
	w := make([]float64, len(scores))
	sum := 0.0
	for j, s := range scores {
		if visible[j] {
			w[j] = math.Exp(s - m)
			sum += w[j]
		}
	}
	for j := range w {
		w[j] /= sum
	}
	return w
}
