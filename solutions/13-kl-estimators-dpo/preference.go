// Package preference is exercise 13: Schulman's estimators of KL(q‖p) from
// samples x ~ q, and the DPO loss.
package preference

import "math"

// K1 returns the naive estimator −r of KL(q‖p), where r = ln p(x) − ln q(x)
// for x ~ q. Unbiased, high variance, and negative for some samples.
func K1(logRatio float64) float64 {
	return -logRatio
}

// K2 returns ½ r²: low variance, biased, never negative.
func K2(logRatio float64) float64 {
	return logRatio * logRatio / 2
}

// K3 returns (e^r − 1) − r: unbiased, never negative, low variance.
// It uses math.Expm1 so that small r keeps its precision.
func K3(logRatio float64) float64 {
	return math.Expm1(logRatio) - logRatio
}

// DPOLoss returns the DPO loss −ln σ(β h) for one preference pair, where the
// margin h = (πc − refc) − (πr − refr) compares sequence log-probabilities of
// the chosen and rejected answers under the policy and the reference model.
// −ln σ(z) = ln(1 + e^(−z)) is computed stably as max(−z, 0) + ln1p(e^(−|z|)).
func DPOLoss(policyChosen, policyRejected, refChosen, refRejected, beta float64) float64 {
	z := beta * ((policyChosen - refChosen) - (policyRejected - refRejected))
	return math.Max(-z, 0) + math.Log1p(math.Exp(-math.Abs(z)))
}
