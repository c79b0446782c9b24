// Mutant: the CTRL paper's penalty without Hugging Face's sign split: dividing a negative logit by θ raises it (lesson 09, “Repetition penalties”).

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
		if seen[tok] {
			continue
		}
		seen[tok] = true
		out[tok] /= theta
	}
	return out
}
