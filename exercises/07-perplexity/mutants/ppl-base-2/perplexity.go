// Mutant: perplexity as 2^(mean NLL in nats): the base must match the log, e^nats = 2^bits (lesson 07, “Pitfalls”).

//go:build ignore

package perplexity

import "math"

// Perplexity returns exp(MeanNLL(logProbs)): the effective number of equally
// likely tokens the model hesitates between. A uniform model over V tokens
// has perplexity exactly V.
func Perplexity(logProbs []float64) float64 {
	return math.Pow(2, MeanNLL(logProbs))
}
