// Mutant: min-p keeps only tokens strictly above minP · p_max, dropping a token exactly at the threshold (lesson 09, “Min-p”: p_i ≥ m · p_max).

//go:build ignore

package samplers

import (
	"math"
	"slices"
)

// MinP returns a copy of logits in which every token whose probability is
// below minP × (the largest probability) is set to −Inf. Because
// p_i / p_max = exp(x_i − x_max), no softmax is needed: keep x_i with
// x_i − x_max ≥ ln minP. The most likely token is always kept; the input
// is not modified.
func MinP(logits []float64, minP float64) []float64 {
	m := slices.Max(logits)
	cut := math.Log(minP)
	out := slices.Clone(logits)
	for i, v := range out {
		if v-m <= cut {
			out[i] = math.Inf(-1)
		}
	}
	return out
}
