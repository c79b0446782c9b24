// Mutant: min-p as an absolute floor, p_i ≥ minP, instead of a fraction of the top probability (lesson 09, “Min-p”).

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
	total := 0.0
	for _, v := range logits {
		total += math.Exp(v - m)
	}
	out := slices.Clone(logits)
	for i, v := range out {
		if math.Exp(v-m)/total < minP {
			out[i] = math.Inf(-1)
		}
	}
	return out
}
