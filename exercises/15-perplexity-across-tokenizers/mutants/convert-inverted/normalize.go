// Mutant: ConvertPerplexity raises ppl to toUnits/fromUnits: the exponent upside down, so more units give a larger per-unit perplexity.
// Package normalize is exercise 15: putting language-model losses measured
// with different tokenizers on one scale (per word, per byte).

//go:build ignore

package normalize

import (
	"math"
)

// ConvertPerplexity re-expresses a perplexity measured over fromUnits units
// (e.g. tokens) as a perplexity per unit when the same text is counted in
// toUnits units (e.g. bytes or words). The text's total surprisal does not
// change; only what it is divided by.
func ConvertPerplexity(ppl float64, fromUnits, toUnits int) float64 {
	return math.Exp(math.Log(ppl) * float64(toUnits) / float64(fromUnits))
}
