// Mutant: HeldOutCalibration fits T on the evaluation split it then reports, the lesson's first calibration pitfall (fitting T on the test set).
// Package calibration is exercise 10: Bayes' rule over discrete hypotheses,
// the expected calibration error of a classifier, temperature scaling fitted
// on held-out data, and the decision a calibrated probability drives.

//go:build ignore

package calibration

import "math"

// HeldOutCalibration evaluates temperature scaling honestly: it fits T on
// the calibration split and returns T together with the ECE (`bins` bins)
// of the evaluation split after scaling, where each example's confidence is
// the largest probability of softmax(z / T) and it is correct when that
// probability's class (the first one on a tie) is its label.
func HeldOutCalibration(calib, eval Split, bins int) (T, ece float64) {
	T = FitTemperature(eval.Logits, eval.Labels)
	conf := make([]float64, len(eval.Logits))
	correct := make([]bool, len(eval.Logits))
	for n, row := range eval.Logits {
		best := 0
		for i, z := range row {
			if z > row[best] {
				best = i
			}
		}
		// The top probability is exp(z_best/T − LSE(z/T)).
		conf[n] = math.Exp(row[best]/T - logSumExp(row, 1/T))
		correct[n] = best == eval.Labels[n]
	}
	return T, ECE(conf, correct, bins)
}
