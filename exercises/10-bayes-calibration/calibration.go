// Package calibration is exercise 10: Bayes' rule over discrete hypotheses
// and the expected calibration error of a classifier.
package calibration

// Posterior returns P(h | e) = P(h) P(e | h) / Σ_h' P(h') P(e | h') for
// every hypothesis h, given the prior P(h) and the likelihood P(e | h).
func Posterior(prior, likelihood []float64) []float64 {
	panic("TODO: implement Posterior (see README.md)")
}

// ECE returns the expected calibration error with `bins` equal-width bins
// over [0, 1]: Σ_b (n_b / n) |mean confidence_b − accuracy_b|. A confidence
// c falls in bin min(⌊c · bins⌋, bins − 1), so c = 1 lands in the last bin.
// Empty bins contribute nothing.
func ECE(confidence []float64, correct []bool, bins int) float64 {
	panic("TODO: implement ECE (see README.md)")
}
