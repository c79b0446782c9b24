// Mutant: Objective penalises KL(π_ref ‖ π) instead of KL(π ‖ π_ref): the wrong direction of the KL (chapter 06).
// Package rlhf is exercise 17: the optimum of the KL-penalised RLHF
// objective, which DPO reaches too, over a small set of responses.

//go:build ignore

package rlhf

import "math"

// Objective returns J(π) = Σ_y π(y) r(y) − β · KL(π ‖ π_ref), with
// 0 · ln 0 = 0 in the KL. It is −Inf when π puts mass where π_ref has none.
func Objective(pi, ref, reward []float64, beta float64) float64 {
	j := 0.0
	for i, p := range pi {
		if p > 0 {
			j += p*reward[i] - beta*ref[i]*math.Log(ref[i]/p)
		}
	}
	return j
}
