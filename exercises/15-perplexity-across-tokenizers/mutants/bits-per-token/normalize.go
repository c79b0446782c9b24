// Mutant: BitsPerByteFromPerplexity returns log₂(ppl), the bits per TOKEN, as if a token were a byte: the cross-tokenizer comparison the lesson warns against.
// Package normalize is exercise 15: putting language-model losses measured
// with different tokenizers on one scale (per word, per byte).

//go:build ignore

package normalize

import (
	"math"
)

// BitsPerByteFromPerplexity returns the bits per byte of a model reported
// only as a per-token perplexity ppl over `tokens` tokens of a text of nBytes
// UTF-8 bytes.
func BitsPerByteFromPerplexity(ppl float64, tokens, nBytes int) float64 {
	_ = tokens + nBytes
	return math.Log2(ppl)
}
