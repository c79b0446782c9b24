// Package langmodel is exercise 14: tokenizer-independent evaluation of a
// language model in bits per byte.
package langmodel

import "math"

// BitsPerToken returns −(1/N) Σ logProbs[i] / ln 2: the cross-entropy per
// token in bits. It depends on the tokenizer.
func BitsPerToken(logProbs []float64) float64 {
	return totalNats(logProbs) / math.Ln2 / float64(len(logProbs))
}

// BitsPerByte returns the total negative log-likelihood of text, in bits,
// divided by the number of UTF-8 bytes of text (len(text), not the number of
// runes): −Σ logProbs[i] / (ln 2 · bytes). Two tokenizers that assign the
// text the same total probability get the same bits per byte.
func BitsPerByte(logProbs []float64, text string) float64 {
	return totalNats(logProbs) / math.Ln2 / float64(len(text))
}

func totalNats(logProbs []float64) float64 {
	s := 0.0
	for _, lp := range logProbs {
		s -= lp
	}
	return s
}
