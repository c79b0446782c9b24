// Mutant: top-k keeps every token tied with the k-th largest logit (Hugging Face's convention), not exactly k (lesson 08, “Top-k”: the exercise asks for exactly min(k, V)).

//go:build ignore

package decoding

import (
	"math"
	"slices"
)

// TopK returns a copy of logits in which all but the k largest are set to
// −Inf. Ties at the boundary keep the lower index, so exactly min(k, len)
// logits survive. The input is not modified.
func TopK(logits []float64, k int) []float64 {
	out := slices.Clone(logits)
	idx := order(logits)
	if k >= len(idx) {
		return out
	}
	kth := logits[idx[k-1]]
	for _, i := range idx[k:] {
		if logits[i] < kth {
			out[i] = math.Inf(-1)
		}
	}
	return out
}
