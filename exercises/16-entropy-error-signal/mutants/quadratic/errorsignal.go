// Mutant: AUROC compares every (positive, negative) pair, the O(n²) definition; a million examples take far longer than the time limit (sort once instead).
// Package errorsignal is exercise 16: how well a score (a model's predictive
// entropy) separates its wrong predictions from its right ones, and what a
// threshold on it catches at a given base rate.

//go:build ignore

package errorsignal

import (
	"math"
	"slices"
)

// AUROC returns the area under the ROC curve of score as a detector of
// positive: the fraction of (positive, negative) pairs in which the positive
// has the higher score, a tie counting ½. It returns NaN when there is no
// positive or no negative. It must run in O(n log n): the tests use a
// million examples.
func AUROC(score []float64, positive []bool) float64 {
	// The O(n²) double loop of the definition: right on small inputs, hours on a million.
	wins, pairs := 0.0, 0.0
	for i := range score {
		if !positive[i] {
			continue
		}
		for j := range score {
			if positive[j] {
				continue
			}
			pairs++
			if score[i] > score[j] {
				wins++
			} else if score[i] == score[j] {
				wins += 0.5
			}
		}
	}
	if pairs == 0 {
		return math.NaN()
	}
	return wins / pairs
}

// unused keeps the solution's import of slices.
var _ = slices.Sort[[]int]
