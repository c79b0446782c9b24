// Mutant: DPOGradient weights by σ(β h) instead of σ(−β h): pairs the policy already gets right would push hardest.
// Package rlhf is exercise 17: the optimum of the KL-penalised RLHF
// objective, which DPO reaches too, over a small set of responses.

//go:build ignore

package rlhf

import "math"

// DPOGradient returns the gradient of the DPO loss of one preference pair
// (response `chosen` preferred to response `rejected`) with respect to the
// logits θ of the policy π_θ = softmax(θ) over a finite set of responses,
// with the fixed reference ref and strength β (the loss of exercise 13:
// −ln σ(β[(ln π_θ(y_c) − ln ref(y_c)) − (ln π_θ(y_r) − ln ref(y_r))])).
func DPOGradient(logits, ref []float64, chosen, rejected int, beta float64) []float64 {
	// ∂ ln π(y)/∂θ = e_y − π, so the margin's gradient is (e_c − π) − (e_r − π)
	// = e_c − e_r: π cancels. With z = β h, d(−ln σ(z))/dz = −σ(−z).
	lp := func(y int) float64 { return logSoftmaxAt(logits, y) - math.Log(ref[y]) }
	z := beta * (lp(chosen) - lp(rejected))
	w := -beta * sigmoid(z)
	g := make([]float64, len(logits))
	g[chosen] += w
	g[rejected] -= w
	return g
}
