// Mutant: averages the documents' mean losses, then exponentiates: short documents weigh as much as long ones (lesson 07, “Pitfalls”: weight the losses by tokens).

//go:build ignore

package perplexity

import "math"

// CorpusPerplexity returns the perplexity of a model over a corpus of
// documents, each given as its per-token log-probabilities (nats): every
// token of the corpus counts once, whichever document it is in, so it is
// exp(total negative log-likelihood / total number of tokens).
func CorpusPerplexity(docs [][]float64) float64 {
	sum := 0.0
	for _, doc := range docs {
		sum += MeanNLL(doc)
	}
	return math.Exp(sum / float64(len(docs)))
}
