// Mutant: BitsPerToken forgets to divide by ln 2 and reports nats per token under a name that promises bits.
// Package langmodel is exercise 14: tokenizer-independent evaluation of a
// language model in bits per byte, and the context each token gets when a
// long text is scored in windows.

//go:build ignore

package langmodel

// BitsPerToken returns the cross-entropy per token, in bits, of a text whose
// tokens have the natural-log probabilities logProbs. It depends on the
// tokenizer.
func BitsPerToken(logProbs []float64) float64 {
	return totalNats(logProbs) / float64(len(logProbs))
}
