// Package batched is exercise 12: log-softmax and the fused cross-entropy
// loss over a batch of rows, as deep-learning frameworks compute them.
package batched

// IgnoreIndex is the target value whose rows are left out of the loss (the
// value PyTorch uses for padding positions).
const IgnoreIndex = -100

// LogSoftmaxRows returns the log-softmax of every row: out[r][i] =
// logits[r][i] − LSE(logits[r]), stable for logits of ±1e4.
func LogSoftmaxRows(logits [][]float64) [][]float64 {
	panic("TODO: implement LogSoftmaxRows (see README.md)")
}

// MeanCrossEntropy returns the mean over rows of LSE(logits[r]) −
// logits[r][targets[r]], the fused form that never materialises the
// softmax. Rows whose target is IgnoreIndex are skipped and not counted in
// the mean; if every row is ignored the result is NaN (0/0, as in PyTorch).
func MeanCrossEntropy(logits [][]float64, targets []int) float64 {
	panic("TODO: implement MeanCrossEntropy (see README.md)")
}
