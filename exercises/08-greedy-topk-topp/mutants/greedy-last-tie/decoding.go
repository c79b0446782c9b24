// Mutant: greedy takes the last index among tied maxima (>= instead of >), so ties are not broken by the lowest index (lesson 08, “Greedy”).

//go:build ignore

package decoding

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
