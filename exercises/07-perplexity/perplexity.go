// Package perplexity is exercise 07: perplexity from per-token log-probs, per sequence and per corpus.
package perplexity

import "math"

// MeanNLL returns the mean negative log-likelihood −(1/N) Σ logProbs[i] in
// nats per token: the cross-entropy of the model on the sequence.
func MeanNLL(logProbs []float64) float64 { panic("TODO: implement MeanNLL (see README.md)") }

// Perplexity returns exp(MeanNLL(logProbs)): the effective number of equally
// likely tokens the model hesitates between. A uniform model over V tokens
// has perplexity exactly V.
func Perplexity(logProbs []float64) float64 { panic("TODO: implement Perplexity (see README.md)") }

// CorpusPerplexity returns the perplexity of a model over a corpus of
// documents, each given as its per-token log-probabilities (nats): every
// token of the corpus counts once, whichever document it is in.
//
// This evaluation loop was copied from a script, and the number it reports
// is wrong. Find its two bugs and fix them: the lesson's Pitfalls section
// names both.
func CorpusPerplexity(docs [][]float64) float64 {
	sum := 0.0
	for _, doc := range docs {
		nll := 0.0
		for _, lp := range doc {
			nll -= lp
		}
		sum += math.Pow(2, nll/float64(len(doc)))
	}
	return sum / float64(len(docs))
}
