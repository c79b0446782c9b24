// Package normalize is exercise 15: putting language-model losses measured
// with different tokenizers on one scale (per word, per byte).
package normalize

import (
	"math"
	"strings"
)

// WordPerplexity returns the perplexity per word of text, given the
// natural-log probabilities logProbs of every one of its tokens; words are
// the whitespace-separated fields of text (strings.Fields). It panics if
// text has no word.
func WordPerplexity(logProbs []float64, text string) float64 {
	words := len(strings.Fields(text))
	if words == 0 {
		panic("normalize: WordPerplexity: text has no word")
	}
	total := 0.0
	for _, lp := range logProbs {
		total -= lp
	}
	return math.Exp(total / float64(words))
}

// ConvertPerplexity re-expresses a perplexity measured over fromUnits units
// (e.g. tokens) as a perplexity per unit when the same text is counted in
// toUnits units (e.g. bytes or words). The text's total surprisal does not
// change; only what it is divided by.
func ConvertPerplexity(ppl float64, fromUnits, toUnits int) float64 {
	return math.Exp(math.Log(ppl) * float64(fromUnits) / float64(toUnits))
}

// BitsPerByteFromPerplexity returns the bits per byte of a model reported
// only as a per-token perplexity ppl over `tokens` tokens of a text of nBytes
// UTF-8 bytes.
func BitsPerByteFromPerplexity(ppl float64, tokens, nBytes int) float64 {
	return float64(tokens) * math.Log2(ppl) / float64(nBytes)
}
