// Mutant: DPOLoss computes ln(1 + e^{−z}) directly: e^{1e4} overflows and a badly lost pair costs +Inf.
// Package preference is exercise 13: Schulman's estimators of KL(q‖p) from
// samples x ~ q, the gradient one of them gives when put in a loss, and the
// DPO loss.

//go:build ignore

package preference

import "math"

// DPOLoss returns the DPO loss −ln σ(β h) for one preference pair, where the
// margin h = (πc − refc) − (πr − refr) compares sequence log-probabilities of
// the chosen and rejected answers under the policy and the reference model.
// It is finite for every finite input: β h = −1e4 gives 1e4.
func DPOLoss(policyChosen, policyRejected, refChosen, refRejected, beta float64) float64 {
	z := beta * ((policyChosen - refChosen) - (policyRejected - refRejected))
	return math.Log(1 + math.Exp(-z))
}
