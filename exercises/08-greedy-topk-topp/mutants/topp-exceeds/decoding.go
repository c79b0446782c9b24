// Mutant: top-p with the source material's rule, dropping a token only when the mass before it exceeds p (keeps one token too many when a prefix sums to exactly p; lesson 08, “The boundary rule, precisely”).

//go:build ignore

package decoding

import (
	"math"
	"slices"
)

// TopP returns a copy of logits that keeps the smallest set of most likely
// tokens whose softmax probability mass reaches p, and sets the rest to
// −Inf. Walking tokens from most to least likely (lower index first on
// ties), a token is kept while the mass of the tokens before it is below p,
// so the most likely token is always kept. The input is not modified.
func TopP(logits []float64, p float64) []float64 {
	m := logits[Greedy(logits)]
	total := 0.0
	for _, v := range logits {
		total += math.Exp(v - m)
	}
	out := slices.Clone(logits)
	mass := 0.0
	for _, i := range order(logits) {
		if mass > p {
			out[i] = math.Inf(-1)
		}
		mass += math.Exp(logits[i]-m) / total
	}
	return out
}
