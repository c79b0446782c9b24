// Mutant: FitTemperature multiplies the logits by T instead of dividing (softmax(z·T)), so it returns 1/T*.
// Package calibration is exercise 10: Bayes' rule over discrete hypotheses,
// the expected calibration error of a classifier, temperature scaling fitted
// on held-out data, and the decision a calibrated probability drives.

//go:build ignore

package calibration

import "math"

// FitTemperature returns the temperature T in [0.05, 20] that minimises the
// mean negative log-likelihood of the labels under softmax(logits[n] / T),
// to a relative precision of 1e-7 or better.
func FitTemperature(logits [][]float64, labels []int) float64 {
	// The NLL is convex in β = 1/T: golden-section search over β ∈ [1/20, 1/0.05].
	nll := func(beta float64) float64 {
		s := 0.0
		for n, row := range logits {
			s += logSumExp(row, beta) - beta*row[labels[n]]
		}
		return s / float64(len(logits))
	}
	invPhi := (math.Sqrt(5) - 1) / 2
	a, b := 1.0/20, 1.0/0.05
	for b-a > 1e-12 {
		c, d := b-invPhi*(b-a), a+invPhi*(b-a)
		if nll(c) <= nll(d) {
			b = d
		} else {
			a = c
		}
	}
	return (a + b) / 2
}
