package probability

import (
	"fmt"
	"math"
	"slices"
)

// AUROC returns the area under the ROC curve of score as a detector of
// positive: the probability that a randomly chosen positive example scores
// higher than a randomly chosen negative one, ties counting one half,
//
//	AUROC = (1 / (n₊ n₋)) Σ_{i: pos} Σ_{j: neg} ( [sᵢ > sⱼ] + ½ [sᵢ = sⱼ] ),
//
// which equals the Mann–Whitney U statistic divided by n₊n₋, and sklearn's
// roc_auc_score. 1 means every positive outscores every negative, 0.5 is a
// score that carries no information (or a constant score), 0 a perfectly
// inverted one; AUROC(−s) = 1 − AUROC(s). It depends only on the order of
// the scores, so any increasing transform of score leaves it unchanged.
//
// It is computed from ranks, not pairs: sort the scores, give each group of
// tied scores the mean of the ranks it spans, and
//
//	AUROC = (R₊ − n₊(n₊+1)/2) / (n₊ n₋),  R₊ = sum of the positives' ranks.
//
// It panics on mismatched lengths, a NaN score, or when positive holds only
// true or only false values (the area is then undefined). Time O(n log n),
// memory O(n).
func AUROC(score []float64, positive []bool) float64 {
	if len(score) != len(positive) {
		panic(fmt.Sprintf("probability: AUROC: length mismatch: %d scores, %d labels", len(score), len(positive)))
	}
	idx := make([]int, len(score))
	nPos := 0
	for i, s := range score {
		if math.IsNaN(s) {
			panic(fmt.Sprintf("probability: AUROC: score[%d] is NaN", i))
		}
		idx[i] = i
		if positive[i] {
			nPos++
		}
	}
	nNeg := len(score) - nPos
	if nPos == 0 || nNeg == 0 {
		panic(fmt.Sprintf("probability: AUROC: %d positives and %d negatives, want at least one of each", nPos, nNeg))
	}
	slices.SortFunc(idx, func(a, b int) int { return cmpFloat(score[a], score[b]) })
	rankSum := 0.0
	for lo := 0; lo < len(idx); {
		hi := lo + 1
		for hi < len(idx) && score[idx[hi]] == score[idx[lo]] {
			hi++
		}
		mid := float64(lo+1+hi) / 2 // mean of the ranks lo+1 … hi
		for _, i := range idx[lo:hi] {
			if positive[i] {
				rankSum += mid
			}
		}
		lo = hi
	}
	p, n := float64(nPos), float64(nNeg)
	return (rankSum - p*(p+1)/2) / (p * n)
}

// cmpFloat orders non-NaN floats, −Inf first.
func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
