// Mutant: AccuracyByBin reports accuracy 0 for an empty bin: "no data" becomes "always wrong" (the binning pitfall: sparse bins mean nothing).
// Package errorsignal is exercise 16: how well a score (a model's predictive
// entropy) separates its wrong predictions from its right ones, and what a
// threshold on it catches at a given base rate.

//go:build ignore

package errorsignal

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
