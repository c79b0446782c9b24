// Package calibration is exercise 10: Bayes' rule over discrete hypotheses,
// the expected calibration error of a classifier, temperature scaling fitted
// on held-out data, and the decision a calibrated probability drives.
package calibration

// Posterior returns P(h | e) for every hypothesis h, given the prior P(h)
// and the likelihood P(e | h) of the observed evidence e under each h.
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

// FitTemperature returns the temperature T in [0.05, 20] that minimises the
// mean negative log-likelihood of the labels under softmax(logits[n] / T),
// to a relative precision of 1e-7 or better.
func FitTemperature(logits [][]float64, labels []int) float64 {
	panic("TODO: implement FitTemperature (see README.md)")
}

// Split is a labelled set of examples: Logits[n] are example n's class
// logits and Labels[n] its true class.
type Split struct {
	Logits [][]float64
	Labels []int
}

// HeldOutCalibration evaluates temperature scaling honestly: it fits T on
// the calibration split and returns T together with the ECE (`bins` bins)
// of the evaluation split after scaling, where each example's confidence is
// the largest probability of softmax(z / T) and it is correct when that
// probability's class (the first one on a tie) is its label.
func HeldOutCalibration(calib, eval Split, bins int) (T, ece float64) {
	panic("TODO: implement HeldOutCalibration (see README.md)")
}

// DecisionThreshold returns the probability p* for a cost matrix
// cost[a][y] (the cost of taking action a when the truth is y) such that,
// for a calibrated P(y = 1) = p, action 1 has the strictly lower expected
// cost exactly when p > p*. Action 1 is assumed better when y = 1 and worse
// when y = 0.
func DecisionThreshold(cost [2][2]float64) float64 {
	panic("TODO: implement DecisionThreshold (see README.md)")
}

// ShiftBaseRate re-expresses a calibrated probability p = P(y=1 | x),
// measured in a population where P(y=1) = from, for a population where
// P(y=1) = to and the class-conditional distributions P(x | y) are the same.
// It returns the new P(y=1 | x).
func ShiftBaseRate(p, from, to float64) float64 {
	panic("TODO: implement ShiftBaseRate (see README.md)")
}
