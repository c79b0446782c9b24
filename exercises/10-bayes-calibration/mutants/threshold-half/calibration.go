// Mutant: DecisionThreshold ignores the costs and answers 0.5, the default threshold the lesson warns against (flag at p > 0.1 when a miss costs 9 false alarms).
// Package calibration is exercise 10: Bayes' rule over discrete hypotheses,
// the expected calibration error of a classifier, temperature scaling fitted
// on held-out data, and the decision a calibrated probability drives.

//go:build ignore

package calibration

// DecisionThreshold returns the probability p* for a cost matrix
// cost[a][y] (the cost of taking action a when the truth is y) such that,
// for a calibrated P(y = 1) = p, action 1 has the strictly lower expected
// cost exactly when p > p*. Action 1 is assumed better when y = 1 and worse
// when y = 0.
func DecisionThreshold(cost [2][2]float64) float64 {
	return 0.5
}
