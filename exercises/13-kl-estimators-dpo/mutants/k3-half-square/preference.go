// Mutant: K3 returns ½ r², its second-order approximation (the trivial K3 = r²/2 that passed the old property tests).
// Package preference is exercise 13: Schulman's estimators of KL(q‖p) from
// samples x ~ q, the gradient one of them gives when put in a loss, and the
// DPO loss.

//go:build ignore

package preference

// K3 returns Schulman's k3 for the log-ratio r: k1 plus the control variate
// p(x)/q(x) − 1 (mean zero under q). Unbiased, never negative, and accurate to
// full relative precision for |r| as small as 1e-10.
func K3(logRatio float64) float64 {
	return logRatio * logRatio / 2
}
