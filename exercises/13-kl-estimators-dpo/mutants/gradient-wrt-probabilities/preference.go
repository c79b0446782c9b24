// Mutant: K3LossGradient differentiates with respect to the probabilities q_j instead of the logits θ_j (drops the softmax Jacobian ∇ ln q(x) = e_x − q): it returns 1 − p_j/q_j.
// Package preference is exercise 13: Schulman's estimators of KL(q‖p) from
// samples x ~ q, the gradient one of them gives when put in a loss, and the
// DPO loss.

//go:build ignore

package preference

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
		g[i] = 1 - p[i]/q[i]
	}
	return g
}
