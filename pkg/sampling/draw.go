package sampling

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Categorical draws a token from the distribution probs by inversion of the
// cumulative distribution: it returns the smallest i with
//
//	p₀ + p₁ + … + pᵢ > u,
//
// so for u uniform on [0, 1) token i is returned with probability pᵢ. Tokens
// with probability 0 are never returned, even when rounding leaves the total a
// little below 1 and u lands beyond it (the last token with pᵢ > 0 is
// returned then).
//
// It panics if probs is empty, holds a negative or NaN entry, has no positive
// entry, or u is outside [0, 1). Time O(V).
func Categorical(probs []float64, u float64) int {
	if !(u >= 0 && u < 1) {
		panic(fmt.Sprintf("sampling: Categorical: u = %v, want 0 ≤ u < 1", u))
	}
	last := -1
	cum := 0.0
	for i, p := range probs {
		if !(p >= 0) {
			panic(fmt.Sprintf("sampling: Categorical: probs[%d] = %v is not a probability", i, p))
		}
		if p == 0 {
			continue
		}
		cum += p
		last = i
		if u < cum {
			return i
		}
	}
	if last < 0 {
		panic(fmt.Sprintf("sampling: Categorical: no positive probability among %d entries", len(probs)))
	}
	return last
}

// GumbelMax draws a token from softmax(logits) without computing the softmax:
//
//	argmaxᵢ (zᵢ + gᵢ),  gᵢ = −ln Eᵢ,  Eᵢ ∼ Exponential(1) i.i.d.,
//
// since −ln E is a standard Gumbel variable and the argmax of Gumbel-perturbed
// logits is distributed exactly as the softmax. It needs no normalisation and
// no cumulative sum, so it parallelises across the vocabulary; −Inf logits are
// never chosen. It consumes exactly len(logits) values from rng.
//
// It panics if logits is empty or has no logit above −Inf. Time O(V).
func GumbelMax(logits []float64, rng *rand.Rand) int {
	best, bestScore := -1, math.Inf(-1)
	for i, z := range logits {
		score := z - math.Log(rng.ExpFloat64())
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		panic(fmt.Sprintf("sampling: GumbelMax: no logit above -Inf among %d", len(logits)))
	}
	return best
}
