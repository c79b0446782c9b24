// Mutant: MeanCrossEntropy returns 0 when every row is ignored, hiding a broken mask (PyTorch returns NaN: check the mask, not the loss).
// Package batched is exercise 12: log-softmax and the fused cross-entropy
// loss over a batch of rows, as deep-learning frameworks compute them.

//go:build ignore

package batched

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
		total += logSumExp(row) - row[targets[r]]
		n++
	}
	if n == 0 {
		return 0
	}
	return total / float64(n)
}
