// Mutant: DPOLoss puts β outside the log-sigmoid (−β ln σ(h)) instead of scaling the margin (−ln σ(β h)).
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
	z := (policyChosen - refChosen) - (policyRejected - refRejected)
	return beta * (math.Max(-z, 0) + math.Log1p(math.Exp(-math.Abs(z))))
}
