// Mutant: WordPerplexity divides the total surprisal by the number of tokens: that is the token perplexity, which depends on the tokenizer.
// Package normalize is exercise 15: putting language-model losses measured
// with different tokenizers on one scale (per word, per byte).

//go:build ignore

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
	return math.Exp(total / float64(len(logProbs)))
}
