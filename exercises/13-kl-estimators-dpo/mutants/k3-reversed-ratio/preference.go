// Mutant: K3 uses the ratio q/p instead of p/q ((e^{−r} − 1) + r): still ≥ 0, but no longer an unbiased estimate of KL(q‖p) under samples from q.
// Package preference is exercise 13: Schulman's estimators of KL(q‖p) from
// samples x ~ q, the gradient one of them gives when put in a loss, and the
// DPO loss.

//go:build ignore

package preference

import "math"

// K3 returns Schulman's k3 for the log-ratio r: k1 plus the control variate
// p(x)/q(x) − 1 (mean zero under q). Unbiased, never negative, and accurate to
// full relative precision for |r| as small as 1e-10.
func K3(logRatio float64) float64 {
	return math.Expm1(-logRatio) + logRatio
}
