// Mutant: OptimalValue returns the expected reward of π* and forgets that J(π*) also pays β·KL(π*‖π_ref): J(π*) = β ln Z.
// Package rlhf is exercise 17: the optimum of the KL-penalised RLHF
// objective, which DPO reaches too, over a small set of responses.

//go:build ignore

package rlhf

// OptimalValue returns J(π*), the largest value Objective can take for the
// given reference, rewards and β, computed without overflow for r/β in the
// thousands. J(π*) = β ln Z.
func OptimalValue(ref, reward []float64, beta float64) float64 {
	star := OptimalPolicy(ref, reward, beta)
	v := 0.0
	for i, p := range star {
		v += p * reward[i]
	}
	return v
}
