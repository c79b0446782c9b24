// Package langmodel is exercise 14: tokenizer-independent evaluation of a
// language model in bits per byte.
package langmodel

// BitsPerToken returns −(1/N) Σ logProbs[i] / ln 2: the cross-entropy per
// token in bits. It depends on the tokenizer.
func BitsPerToken(logProbs []float64) float64 { panic("TODO: implement BitsPerToken (see README.md)") }

// BitsPerByte returns the total negative log-likelihood of text, in bits,
// divided by the number of UTF-8 bytes of text (len(text), not the number of
// runes): −Σ logProbs[i] / (ln 2 · bytes). Two tokenizers that assign the
// text the same total probability get the same bits per byte.
func BitsPerByte(logProbs []float64, text string) float64 {
	panic("TODO: implement BitsPerByte (see README.md)")
}
