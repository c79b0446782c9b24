// Mutant: AUROC compares every (positive, negative) pair, the O(n²) definition; a million examples take far longer than the time limit (sort once instead).
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
		accuracy[b] /= float64(count[b]) // 0/0 = NaN for an empty bin
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
