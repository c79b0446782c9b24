// Mutant: perplexity as the product of the probabilities to the power −1/N: over 10⁶ tokens the product underflows to 0 (lesson 07, “Definition”: average the logs).

//go:build ignore

package perplexity

import "math"

// Perplexity returns exp(MeanNLL(logProbs)): the effective number of equally
// likely tokens the model hesitates between. A uniform model over V tokens
// has perplexity exactly V.
func Perplexity(logProbs []float64) float64 {
	prod := 1.0
	for _, lp := range logProbs {
		prod *= math.Exp(lp)
	}
	return math.Pow(prod, -1/float64(len(logProbs)))
}
