// Package calibration is exercise 10: Bayes' rule over discrete hypotheses,
// the expected calibration error of a classifier, and the decision a
// calibrated probability drives.
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

// DecisionThreshold returns the probability p* above which action 1 has the
// lower expected cost, for a cost matrix cost[a][y] (the cost of taking
// action a when the truth is y): act iff p > p* where
// p* = (cost[1][0] − cost[0][0]) / ((cost[1][0] − cost[0][0]) + (cost[0][1] − cost[1][1])).
// Action 1 is assumed better when y = 1 and worse when y = 0.
func DecisionThreshold(cost [2][2]float64) float64 {
	falseAlarm := cost[1][0] - cost[0][0] // extra cost of acting when y = 0
	miss := cost[0][1] - cost[1][1]       // extra cost of not acting when y = 1
	return falseAlarm / (falseAlarm + miss)
}

// ShiftBaseRate re-expresses a calibrated probability p = P(y=1 | x), measured
// where P(y=1) = from, for a population where P(y=1) = to: the likelihood
// ratio (p/from) / ((1−p)/(1−from)) stays, the prior odds change to
// to/(1−to). It returns the new P(y=1 | x).
func ShiftBaseRate(p, from, to float64) float64 {
	odds := (p / from) / ((1 - p) / (1 - from)) * (to / (1 - to))
	return odds / (1 + odds)
}
