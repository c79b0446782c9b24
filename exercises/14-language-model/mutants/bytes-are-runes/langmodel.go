// Mutant: BitsPerByte divides by the number of characters (runes) instead of UTF-8 bytes: "é" is one rune and two bytes.
// Package langmodel is exercise 14: tokenizer-independent evaluation of a
// language model in bits per byte, and the context each token gets when a
// long text is scored in windows.

//go:build ignore

package langmodel

import "math"

// BitsPerByte returns the total negative log-likelihood of text, in bits,
// divided by the number of UTF-8 bytes of text (not its number of runes).
// logProbs are the natural-log probabilities of the text's tokens. Two
// tokenizers that assign the text the same total probability get the same
// bits per byte.
func BitsPerByte(logProbs []float64, text string) float64 {
	return totalNats(logProbs) / math.Ln2 / float64(len([]rune(text)))
}
