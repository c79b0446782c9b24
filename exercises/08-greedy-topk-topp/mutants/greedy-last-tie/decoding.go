// Mutant: greedy takes the last index among tied maxima (>= instead of >), so ties are not broken by the lowest index (lesson 08, “Greedy”).

// Package decoding is exercise 08: greedy decoding and the top-k and top-p
// (nucleus) filters.
package decoding

import (
	"cmp"
	"math"
	"slices"
)

// Greedy returns the index of the largest logit (the lowest index on ties).
func Greedy(logits []float64) int {
	best := 0
	for i, v := range logits {
		if v >= logits[best] {
			best = i
		}
	}
	return best
}

// TopK returns a copy of logits in which all but the k largest are set to
// −Inf. Ties at the boundary keep the lower index, so exactly min(k, len)
// logits survive. The input is not modified.
func TopK(logits []float64, k int) []float64 {
	out := slices.Clone(logits)
	for _, i := range order(logits)[min(k, len(logits)):] {
		out[i] = math.Inf(-1)
	}
	return out
}

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
		if mass >= p {
			out[i] = math.Inf(-1)
		}
		mass += math.Exp(logits[i]-m) / total
	}
	return out
}

// order returns the indices of logits sorted by decreasing logit, lower
// index first on ties.
func order(logits []float64) []int {
	idx := make([]int, len(logits))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(logits[b], logits[a]) })
	return idx
}
