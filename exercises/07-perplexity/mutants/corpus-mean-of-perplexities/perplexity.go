// Mutant: the evaluation loop's first bug left in: the mean of per-document perplexities instead of one perplexity over all tokens (lesson 07, “Pitfalls”: averaging perplexities).

// Package perplexity is exercise 07: perplexity from per-token log-probs, per sequence and per corpus.
package perplexity

import "math"

// MeanNLL returns the mean negative log-likelihood −(1/N) Σ logProbs[i] in
// nats per token: the cross-entropy of the model on the sequence.
func MeanNLL(logProbs []float64) float64 {
	s := 0.0
	for _, lp := range logProbs {
		s -= lp
	}
	return s / float64(len(logProbs))
}

// Perplexity returns exp(MeanNLL(logProbs)): the effective number of equally
// likely tokens the model hesitates between. A uniform model over V tokens
// has perplexity exactly V.
func Perplexity(logProbs []float64) float64 {
	return math.Exp(MeanNLL(logProbs))
}

// CorpusPerplexity returns the perplexity of a model over a corpus of
// documents, each given as its per-token log-probabilities (nats): every
// token of the corpus counts once, whichever document it is in, so it is
// exp(total negative log-likelihood / total number of tokens).
func CorpusPerplexity(docs [][]float64) float64 {
	sum := 0.0
	for _, doc := range docs {
		sum += Perplexity(doc)
	}
	return sum / float64(len(docs))
}
