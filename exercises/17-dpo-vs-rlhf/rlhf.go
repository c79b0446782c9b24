// Package rlhf is exercise 17: the optimum of the KL-penalised RLHF
// objective, which DPO reaches too, over a small set of responses.
package rlhf

// OptimalPolicy returns π*(y) = π_ref(y) · exp(r(y)/β) / Z with
// Z = Σ_y π_ref(y) · exp(r(y)/β): the policy that maximises Objective.
// It must not overflow for r/β in the thousands, and a response with
// π_ref(y) = 0 keeps π*(y) = 0.
func OptimalPolicy(ref, reward []float64, beta float64) []float64 {
	panic("TODO: implement OptimalPolicy (see README.md)")
}

// Objective returns J(π) = Σ_y π(y) r(y) − β · KL(π ‖ π_ref), with
// 0 · ln 0 = 0 in the KL. It is −Inf when π puts mass where π_ref has none.
func Objective(pi, ref, reward []float64, beta float64) float64 {
	panic("TODO: implement Objective (see README.md)")
}

// OptimalValue returns J(π*) = β · ln Z = β · ln Σ_y π_ref(y) · exp(r(y)/β),
// computed without overflow.
func OptimalValue(ref, reward []float64, beta float64) float64 {
	panic("TODO: implement OptimalValue (see README.md)")
}
