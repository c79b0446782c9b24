// Package rlhf is exercise 17: the optimum of the KL-penalised RLHF
// objective, which DPO reaches too, over a small set of responses.
package rlhf

// OptimalPolicy returns the policy π* that maximises Objective for the
// given reference, rewards and β. It must not overflow for r/β in the
// thousands, and a response with π_ref(y) = 0 keeps π*(y) = 0.
func OptimalPolicy(ref, reward []float64, beta float64) []float64 {
	panic("TODO: implement OptimalPolicy (see README.md)")
}

// Objective returns J(π) = Σ_y π(y) r(y) − β · KL(π ‖ π_ref), with
// 0 · ln 0 = 0 in the KL. It is −Inf when π puts mass where π_ref has none.
func Objective(pi, ref, reward []float64, beta float64) float64 {
	panic("TODO: implement Objective (see README.md)")
}

// OptimalValue returns J(π*), the largest value Objective can take for the
// given reference, rewards and β, computed without overflow for r/β in the
// thousands.
func OptimalValue(ref, reward []float64, beta float64) float64 {
	panic("TODO: implement OptimalValue (see README.md)")
}

// DPOGradient returns the gradient of the DPO loss of one preference pair
// (response `chosen` preferred to response `rejected`) with respect to the
// logits θ of the policy π_θ = softmax(θ) over a finite set of responses,
// with the fixed reference ref and strength β (the loss of exercise 13:
// −ln σ(β[(ln π_θ(y_c) − ln ref(y_c)) − (ln π_θ(y_r) − ln ref(y_r))])).
func DPOGradient(logits, ref []float64, chosen, rejected int, beta float64) []float64 {
	panic("TODO: implement DPOGradient (see README.md)")
}
