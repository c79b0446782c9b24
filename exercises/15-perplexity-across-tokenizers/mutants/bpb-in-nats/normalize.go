// Mutant: BitsPerByteFromPerplexity uses the natural log: nats per byte reported as bits (the units pitfall).
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
	return float64(tokens) * math.Log(ppl) / float64(nBytes)
}
