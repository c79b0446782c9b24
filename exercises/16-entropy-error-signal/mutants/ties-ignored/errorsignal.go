// Mutant: AUROC counts only strict wins: a tie between a positive and a negative counts 0 instead of ½ (the lesson's first pitfall).
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
	idx := make([]int, len(score))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		switch {
		case score[a] < score[b]:
			return -1
		case score[a] > score[b]:
			return 1
		}
		return 0
	})
	// Walk the scores from low to high; a positive beats every negative seen
	// in earlier groups and ties with the negatives of its own group.
	wins, negBelow, nPos := 0.0, 0.0, 0.0
	for lo := 0; lo < len(idx); {
		hi := lo
		pos, neg := 0.0, 0.0
		for hi < len(idx) && score[idx[hi]] == score[idx[lo]] {
			if positive[idx[hi]] {
				pos++
			} else {
				neg++
			}
			hi++
		}
		wins += pos * negBelow
		negBelow += neg
		nPos += pos
		lo = hi
	}
	if nPos == 0 || negBelow == 0 {
		return math.NaN()
	}
	return wins / (nPos * negBelow)
}
