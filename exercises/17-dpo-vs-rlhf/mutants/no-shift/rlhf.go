// Mutant: OptimalPolicy exponentiates ln π_ref + r/β without subtracting the maximum: r/β = 2000 overflows to +Inf and the policy becomes NaN.
// Package rlhf is exercise 17: the optimum of the KL-penalised RLHF
// objective, which DPO reaches too, over a small set of responses.

//go:build ignore

package rlhf

import "math"

// OptimalPolicy returns the policy π* that maximises Objective for the
// given reference, rewards and β. It must not overflow for r/β in the
// thousands, and a response with π_ref(y) = 0 keeps π*(y) = 0.
// π*(y) = π_ref(y) · exp(r(y)/β) / Z, Z = Σ_y π_ref(y) · exp(r(y)/β).
func OptimalPolicy(ref, reward []float64, beta float64) []float64 {
	l, _ := logits(ref, reward, beta)
	sum := 0.0
	for i := range l {
		l[i] = math.Exp(l[i]) // no shift by m
		sum += l[i]
	}
	for i := range l {
		l[i] /= sum
	}
	return l
}
