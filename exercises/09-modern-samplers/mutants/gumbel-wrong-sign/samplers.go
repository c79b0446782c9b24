// Mutant: Gumbel noise with the wrong sign, x + ln(−ln u): that is minus a Gumbel variable, and the argmax no longer samples from softmax(x) (lesson 09, “Gumbel-max: sampling as an argmax”).

//go:build ignore

package samplers

import (
	"math"
	"math/rand/v2"
)

// GumbelMax draws an index with probability softmax(logits)_i without
// normalising: it returns argmax_i (logits[i] + g_i) where
// g_i = −ln(−ln u_i) and u_i = rng.Float64() is drawn once per index, in
// index order. −Inf logits are never chosen.
func GumbelMax(logits []float64, rng *rand.Rand) int {
	best, bestScore := -1, math.Inf(-1)
	for i, v := range logits {
		score := v + math.Log(-math.Log(rng.Float64()))
		if best < 0 || score > bestScore {
			best, bestScore = i, score
		}
	}
	return best
}
