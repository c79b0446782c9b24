// Mutant: F.kl_div read as KL(model ‖ target): PyTorch computes KL(target ‖ model) from the model's log-probabilities (lesson 06, “Pitfalls”: argument order).

//go:build ignore

package kl

import "math"

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
