// Mutant: MeanCrossEntropy forms the softmax and then takes −ln p[target]: the unfused form whose probability underflows to 0 (loss +Inf) on the rows a model gets most wrong.
// Package batched is exercise 12: log-softmax and the fused cross-entropy
// loss over a batch of rows, as deep-learning frameworks compute them.

//go:build ignore

package batched

import "math"

// MeanCrossEntropy returns the mean over rows of −ln softmax(logits[r])[targets[r]]
// without ever materialising the softmax, so that logits of ±1e4 give finite
// losses. Rows whose target is IgnoreIndex are skipped and not counted in
// the mean; if every row is ignored the result is NaN (0/0, as in PyTorch).
func MeanCrossEntropy(logits [][]float64, targets []int) float64 {
	total, n := 0.0, 0
	for r, row := range logits {
		if targets[r] == IgnoreIndex {
			continue
		}
		lse := logSumExp(row)
		total -= math.Log(math.Exp(row[targets[r]] - lse))
		n++
	}
	return total / float64(n)
}
