// Mutant: ECE averages the non-empty bins' gaps without weighting them by n_b/n (a common reading of "expected" over bins).
// Package calibration is exercise 10: Bayes' rule over discrete hypotheses,
// the expected calibration error of a classifier, temperature scaling fitted
// on held-out data, and the decision a calibrated probability drives.

//go:build ignore

package calibration

import "math"

// ECE returns the expected calibration error with `bins` equal-width bins
// over [0, 1]: Σ_b (n_b / n) |mean confidence_b − accuracy_b|. A confidence
// c falls in bin min(⌊c · bins⌋, bins − 1), so c = 1 lands in the last bin.
// Empty bins contribute nothing.
func ECE(confidence []float64, correct []bool, bins int) float64 {
	count := make([]int, bins)
	confSum := make([]float64, bins)
	hits := make([]float64, bins)
	for i, c := range confidence {
		b := min(int(c*float64(bins)), bins-1)
		count[b]++
		confSum[b] += c
		if correct[i] {
			hits[b]++
		}
	}
	ece, used := 0.0, 0
	for b, n := range count {
		if n > 0 {
			ece += math.Abs(confSum[b]-hits[b]) / float64(n)
			used++
		}
	}
	return ece / float64(used)
}
