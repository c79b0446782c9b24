// Mutant: the CTRL paper's penalty without Hugging Face's sign split: dividing a negative logit by θ raises it (lesson 09, “Repetition penalties”).

// Package samplers is exercise 09: the min-p filter, the repetition penalty,
// the order of temperature and min-p, and Gumbel-max sampling.
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

// RepetitionPenalty returns a copy of logits in which every token that
// occurs in previous is penalised once, however often it occurred, by the
// CTRL rule as Hugging Face implements it: a positive logit is divided by
// theta, a zero or negative one multiplied by it, so theta > 1 always lowers
// the token's logit. The input is not modified.
func RepetitionPenalty(logits []float64, previous []int, theta float64) []float64 {
	out := slices.Clone(logits)
	seen := make([]bool, len(logits))
	for _, tok := range previous {
		if seen[tok] {
			continue
		}
		seen[tok] = true
		out[tok] /= theta
	}
	return out
}

// TemperatureMinP applies temperature T > 0 and then the min-p filter, in
// Hugging Face's order: it returns logits[i] / T for the tokens whose
// probability under softmax(logits / T) is at least minP times the largest,
// and −Inf for the others. The input is not modified.
func TemperatureMinP(logits []float64, T, minP float64) []float64 {
	z := make([]float64, len(logits))
	for i, v := range logits {
		z[i] = v / T
	}
	return MinP(z, minP)
}
