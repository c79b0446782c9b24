// Mutant: ShiftBaseRate rescales the probability by to/from instead of the odds: a base-rate shift moves the prior odds, not p.
// Package calibration is exercise 10: Bayes' rule over discrete hypotheses,
// the expected calibration error of a classifier, temperature scaling fitted
// on held-out data, and the decision a calibrated probability drives.

//go:build ignore

package calibration

// ShiftBaseRate re-expresses a calibrated probability p = P(y=1 | x),
// measured in a population where P(y=1) = from, for a population where
// P(y=1) = to and the class-conditional distributions P(x | y) are the same.
// It returns the new P(y=1 | x).
func ShiftBaseRate(p, from, to float64) float64 {
	return p * to / from
}
