// Mutant: F.kl_div with reduction="mean": divides by rows × vocabulary instead of rows (lesson 06, “Pitfalls”: use "batchmean").

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
			if p > 0 {
				total += p * (math.Log(p) - logq[i])
			}
		}
	}
	return total / float64(len(input)*len(input[0]))
}
