// Mutant: top-p keeps a token only while the cumulative mass including it is ≤ p (plus the top token), so the token that makes the mass reach p is dropped (lesson 08, “Top-p (nucleus)”).

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
	for r, i := range order(logits) {
		mass += math.Exp(logits[i]-m) / total
		if r > 0 && mass > p {
			out[i] = math.Inf(-1)
		}
	}
	return out
}
