// Mutant: F.kl_div read as KL(model ‖ target): PyTorch computes KL(target ‖ model) from the model's log-probabilities (lesson 06, “Pitfalls”: argument order).

// Package kl is exercise 06: Kullback–Leibler and Jensen–Shannon divergence, and PyTorch's F.kl_div.
package kl

import "math"

// KL returns KL(p‖q) = Σ p_i ln(p_i / q_i) in nats. Terms with p_i = 0 are 0;
// a q_i = 0 where p_i > 0 gives +Inf. KL ≥ 0, = 0 iff p = q, not symmetric.
func KL(p, q []float64) float64 {
	d := 0.0
	for i, pi := range p {
		if pi > 0 {
			d += pi * math.Log(pi/q[i])
		}
	}
	return d
}

// JS returns the Jensen–Shannon divergence ½ KL(p‖m) + ½ KL(q‖m) with
// m = ½(p + q), in nats: symmetric, finite, between 0 and ln 2.
func JS(p, q []float64) float64 {
	m := make([]float64, len(p))
	for i := range p {
		m[i] = (p[i] + q[i]) / 2
	}
	return KL(p, m)/2 + KL(q, m)/2
}

// KLDivBatchMean is PyTorch's F.kl_div(input, target, reduction="batchmean")
// on a batch of rows: input holds the model's log-probabilities, target the
// reference probabilities, and the result is the mean over rows of
// KL(target_row ‖ exp(input_row)) in nats.
func KLDivBatchMean(input, target [][]float64) float64 {
	total := 0.0
	for r, logq := range input {
		for i, p := range target[r] {
			q := math.Exp(logq[i])
			if q > 0 {
				total += q * (logq[i] - math.Log(p))
			}
		}
	}
	return total / float64(len(input))
}
