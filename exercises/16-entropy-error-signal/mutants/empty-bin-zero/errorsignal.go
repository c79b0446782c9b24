// Mutant: AccuracyByBin reports accuracy 0 for an empty bin: "no data" becomes "always wrong" (the binning pitfall: sparse bins mean nothing).
// Package errorsignal is exercise 16: how well a score (a model's predictive
// entropy) separates its wrong predictions from its right ones, and what a
// threshold on it catches at a given base rate.
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
		wins += pos * (negBelow + neg/2)
		negBelow += neg
		nPos += pos
		lo = hi
	}
	if nPos == 0 || negBelow == 0 {
		return math.NaN()
	}
	return wins / (nPos * negBelow)
}

// AccuracyByBin groups predictions by score into the bins
// [edges[b], edges[b+1]) for b = 0 … len(edges)−2 and returns, per bin, the
// fraction of correct predictions and how many fell in it. Scores outside
// [edges[0], edges[len(edges)−1]) are left out; an empty bin has accuracy NaN.
func AccuracyByBin(score []float64, correct []bool, edges []float64) (accuracy []float64, count []int) {
	accuracy = make([]float64, len(edges)-1)
	count = make([]int, len(edges)-1)
	for i, s := range score {
		for b := range count {
			if s >= edges[b] && s < edges[b+1] {
				count[b]++
				if correct[i] {
					accuracy[b]++
				}
				break
			}
		}
	}
	for b := range accuracy {
		if count[b] > 0 {
			accuracy[b] /= float64(count[b])
		}
	}
	return accuracy, count
}

// FlagAtThreshold flags every example whose score is strictly above
// threshold and returns the recall (the fraction of positives flagged) and
// the precision (the fraction of flagged examples that are positive).
// Recall is NaN when there is no positive, precision NaN when nothing is
// flagged.
func FlagAtThreshold(score []float64, positive []bool, threshold float64) (recall, precision float64) {
	var flagged, hits, positives float64
	for i, s := range score {
		if positive[i] {
			positives++
		}
		if s > threshold {
			flagged++
			if positive[i] {
				hits++
			}
		}
	}
	return hits / positives, hits / flagged // 0/0 = NaN
}
