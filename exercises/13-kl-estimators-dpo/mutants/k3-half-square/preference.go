// Mutant: K3 returns ½ r², its second-order approximation (the trivial K3 = r²/2 that passed the old property tests).
// Package preference is exercise 13: Schulman's estimators of KL(q‖p) from
// samples x ~ q, the gradient one of them gives when put in a loss, and the
// DPO loss.
package preference

import "math"

// K1 returns Schulman's naive per-sample estimator k1 of KL(q‖p) for one
// sample x ~ q, given its log-ratio r = ln p(x) − ln q(x). Unbiased, high
// variance, and negative for some samples.
func K1(logRatio float64) float64 {
	return -logRatio
}

// K2 returns Schulman's k2 for the log-ratio r: low variance, biased, never
// negative.
func K2(logRatio float64) float64 {
	return logRatio * logRatio / 2
}

// K3 returns Schulman's k3 for the log-ratio r: k1 plus the control variate
// p(x)/q(x) − 1 (mean zero under q). Unbiased, never negative, and accurate to
// full relative precision for |r| as small as 1e-10.
func K3(logRatio float64) float64 {
	return logRatio * logRatio / 2
}

// DPOLoss returns the DPO loss −ln σ(β h) for one preference pair, where the
// margin h = (πc − refc) − (πr − refr) compares sequence log-probabilities of
// the chosen and rejected answers under the policy and the reference model.
// It is finite for every finite input: β h = −1e4 gives 1e4.
func DPOLoss(policyChosen, policyRejected, refChosen, refRejected, beta float64) float64 {
	z := beta * ((policyChosen - refChosen) - (policyRejected - refRejected))
	return math.Max(-z, 0) + math.Log1p(math.Exp(-math.Abs(z)))
}

// K3LossGradient returns the expected gradient E_{x~q}[∇_θ k3(x)] with
// respect to the logits θ of the policy q = softmax(θ), when k3 (with
// r = ln p(x) − ln q_θ(x)) is added to a loss and differentiated with the
// sample x held fixed, as GRPO does; p is the fixed reference. The
// expectation is the exact sum over the support of q.
func K3LossGradient(q, p []float64) []float64 {
	// ∇_θ k3 = (1 − p/q)·∇ ln q(x) = (1 − ρ)(e_x − q); its mean over x ~ q is
	// Σ_x (q_x − p_x)(e_x − q) = q − p (because Σ (q_x − p_x) = 0): the gradient
	// of KL(p‖q), not of KL(q‖p).
	g := make([]float64, len(q))
	for i := range q {
		g[i] = q[i] - p[i]
	}
	return g
}
