// Mutant: the evaluation loop's first bug left in: the mean of per-document perplexities instead of one perplexity over all tokens (lesson 07, “Pitfalls”: averaging perplexities).

//go:build ignore

package perplexity

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
