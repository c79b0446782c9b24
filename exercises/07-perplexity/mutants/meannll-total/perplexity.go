// Mutant: MeanNLL returns the total negative log-likelihood without dividing by the number of tokens (lesson 07, “Definition”).

//go:build ignore

package perplexity

// MeanNLL returns the mean negative log-likelihood −(1/N) Σ logProbs[i] in
// nats per token: the cross-entropy of the model on the sequence.
func MeanNLL(logProbs []float64) float64 {
	s := 0.0
	for _, lp := range logProbs {
		s -= lp
	}
	return s
}
