// Package calibration is exercise 10: Bayes' rule over discrete hypotheses,
// the expected calibration error of a classifier, and the decision a
// calibrated probability drives.
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

// DecisionThreshold returns the probability p* above which action 1 has the
// lower expected cost, for a cost matrix cost[a][y] (the cost of taking
// action a when the truth is y): act iff p > p* where
// p* = (cost[1][0] − cost[0][0]) / ((cost[1][0] − cost[0][0]) + (cost[0][1] − cost[1][1])).
// Action 1 is assumed better when y = 1 and worse when y = 0.
func DecisionThreshold(cost [2][2]float64) float64 {
	panic("TODO: implement DecisionThreshold (see README.md)")
}

// ShiftBaseRate re-expresses a calibrated probability p = P(y=1 | x), measured
// where P(y=1) = from, for a population where P(y=1) = to: the likelihood
// ratio (p/from) / ((1−p)/(1−from)) stays, the prior odds change to
// to/(1−to). It returns the new P(y=1 | x).
func ShiftBaseRate(p, from, to float64) float64 {
	panic("TODO: implement ShiftBaseRate (see README.md)")
}
