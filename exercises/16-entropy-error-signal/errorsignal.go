// Package errorsignal is exercise 16: how well a score (a model's predictive
// entropy) separates its wrong predictions from its right ones, and what a
// threshold on it catches at a given base rate.
package errorsignal

// AUROC returns the area under the ROC curve of score as a detector of
// positive: the fraction of (positive, negative) pairs in which the positive
// has the higher score, a tie counting ½. It returns NaN when there is no
// positive or no negative. It must run in O(n log n): the tests use a
// million examples.
func AUROC(score []float64, positive []bool) float64 {
	panic("TODO: implement AUROC (see README.md)")
}

// AccuracyByBin groups predictions by score into the bins
// [edges[b], edges[b+1]) for b = 0 … len(edges)−2 and returns, per bin, the
// fraction of correct predictions and how many fell in it. Scores outside
// [edges[0], edges[len(edges)−1]) are left out; an empty bin has accuracy NaN.
func AccuracyByBin(score []float64, correct []bool, edges []float64) (accuracy []float64, count []int) {
	panic("TODO: implement AccuracyByBin (see README.md)")
}

// FlagAtThreshold flags every example whose score is strictly above
// threshold and returns the recall (the fraction of positives flagged) and
// the precision (the fraction of flagged examples that are positive).
// Recall is NaN when there is no positive, precision NaN when nothing is
// flagged.
func FlagAtThreshold(score []float64, positive []bool, threshold float64) (recall, precision float64) {
	panic("TODO: implement FlagAtThreshold (see README.md)")
}
