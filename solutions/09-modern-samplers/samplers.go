// Package samplers is exercise 09: the min-p filter and Gumbel-max sampling.
package samplers

import (
	"math"
	"math/rand/v2"
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
		if v-m < cut {
			out[i] = math.Inf(-1)
		}
	}
	return out
}

// GumbelMax draws an index with probability softmax(logits)_i without
// normalising: it returns argmax_i (logits[i] + g_i) where
// g_i = −ln(−ln u_i) and u_i = rng.Float64() is drawn once per index, in
// index order. −Inf logits are never chosen.
func GumbelMax(logits []float64, rng *rand.Rand) int {
	best, bestScore := -1, math.Inf(-1)
	for i, v := range logits {
		score := v - math.Log(-math.Log(rng.Float64()))
		if best < 0 || score > bestScore {
			best, bestScore = i, score
		}
	}
	return best
}
