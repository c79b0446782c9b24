// Package perplexity is exercise 07: perplexity from per-token log-probs.
package perplexity

// MeanNLL returns the mean negative log-likelihood −(1/N) Σ logProbs[i] in
// nats per token: the cross-entropy of the model on the sequence.
func MeanNLL(logProbs []float64) float64 { panic("TODO: implement MeanNLL (see README.md)") }

// Perplexity returns exp(MeanNLL(logProbs)): the effective number of equally
// likely tokens the model hesitates between. A uniform model over V tokens
// has perplexity exactly V.
func Perplexity(logProbs []float64) float64 { panic("TODO: implement Perplexity (see README.md)") }
