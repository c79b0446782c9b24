// Mutant: the repetition penalty applied once per occurrence (θ^count), where the CTRL penalty depends only on whether a token appeared (lesson 09, “Repetition penalties”).

//go:build ignore

package samplers

import (
	"slices"
)

// RepetitionPenalty returns a copy of logits in which every token that
// occurs in previous is penalised once, however often it occurred, by the
// CTRL rule as Hugging Face implements it: a positive logit is divided by
// theta, a zero or negative one multiplied by it, so theta > 1 always lowers
// the token's logit. The input is not modified.
func RepetitionPenalty(logits []float64, previous []int, theta float64) []float64 {
	out := slices.Clone(logits)
	seen := make([]bool, len(logits))
	for _, tok := range previous {
		seen[tok] = true
		if out[tok] > 0 {
			out[tok] /= theta
		} else {
			out[tok] *= theta
		}
	}
	return out
}
