// Package calibration is exercise 10: Bayes' rule over discrete hypotheses
// and the expected calibration error of a classifier.
package calibration

import "math"

// Posterior returns P(h | e) = P(h) P(e | h) / Σ_h' P(h') P(e | h') for
// every hypothesis h, given the prior P(h) and the likelihood P(e | h).
func Posterior(prior, likelihood []float64) []float64 {
	post := make([]float64, len(prior))
	evidence := 0.0
	for i := range prior {
		post[i] = prior[i] * likelihood[i]
		evidence += post[i]
	}
	for i := range post {
		post[i] /= evidence
	}
	return post
}

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
	ece := 0.0
	for b, n := range count {
		if n > 0 {
			ece += math.Abs(confSum[b]-hits[b]) / float64(len(confidence))
		}
	}
	return ece
}
