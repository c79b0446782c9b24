package probability

import (
	"fmt"
	"math"
)

// Posterior applies Bayes' theorem to a set of mutually exclusive hypotheses
// Aᵢ after observing evidence B:
//
//	P(Aᵢ | B) = P(B | Aᵢ) P(Aᵢ) / P(B),  P(B) = Σⱼ P(B | Aⱼ) P(Aⱼ).
//
// prior holds P(Aᵢ) and must be a distribution; likelihood holds P(B | Aᵢ),
// each non-negative (likelihoods need not sum to 1: they are probabilities of
// the same B under different hypotheses). A hypothesis with prior 0 keeps
// posterior 0 however well it explains B — the base-rate lesson in its
// starkest form.
//
// It panics on mismatched lengths, a prior that is not a distribution, a
// negative, NaN or infinite likelihood, or P(B) = 0 (evidence impossible under
// every hypothesis). Time O(n).
func Posterior(prior, likelihood []float64) []float64 {
	checkSameLength("Posterior", prior, likelihood)
	checkDistribution("Posterior", "prior", prior)
	post := make([]float64, len(prior))
	evidence := 0.0
	for i, l := range likelihood {
		if !(l >= 0) || math.IsInf(l, 1) {
			panic(fmt.Sprintf("probability: Posterior: likelihood[%d] = %v, want a finite value ≥ 0", i, l))
		}
		post[i] = prior[i] * l
		evidence += post[i]
	}
	if evidence == 0 {
		panic("probability: Posterior: P(B) = Σ prior·likelihood = 0: the evidence is impossible under every hypothesis")
	}
	for i := range post {
		post[i] /= evidence
	}
	return post
}
