// Mutant: OptimalPolicy and OptimalValue use exp(r·β) instead of exp(r/β): β is the weight on the KL, so a larger β must keep the policy closer to the reference, not further.
// Package rlhf is exercise 17: the optimum of the KL-penalised RLHF
// objective, which DPO reaches too, over a small set of responses.

//go:build ignore

package rlhf

import "math"

// logits returns ln π_ref(y) + r(y)/β (−Inf where π_ref(y) = 0) and its maximum.
func logits(ref, reward []float64, beta float64) ([]float64, float64) {
	l := make([]float64, len(ref))
	m := math.Inf(-1)
	for i := range ref {
		l[i] = math.Log(ref[i]) + reward[i]*beta
		m = max(m, l[i])
	}
	return l, m
}
