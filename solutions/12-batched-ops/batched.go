// Package batched is exercise 12: log-softmax and the fused cross-entropy
// loss over a batch of rows, as deep-learning frameworks compute them.
package batched

import "math"

// IgnoreIndex is the target value whose rows are left out of the loss (the
// value PyTorch uses for padding positions).
const IgnoreIndex = -100

// LogSoftmaxRows returns the log-softmax of every row: out[r][i] =
// logits[r][i] − LSE(logits[r]), stable for logits of ±1e4.
func LogSoftmaxRows(logits [][]float64) [][]float64 {
	out := make([][]float64, len(logits))
	for r, row := range logits {
		lse := logSumExp(row)
		out[r] = make([]float64, len(row))
		for i, v := range row {
			out[r][i] = v - lse
		}
	}
	return out
}

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
	return total / float64(n)
}

// MeanCrossEntropySmoothed is MeanCrossEntropy with label smoothing ε, as
// PyTorch's F.cross_entropy(…, label_smoothing=ε) defines it: each kept
// row's target distribution is (1 − ε)·onehot(target) + ε·uniform over all
// V classes of the row (the target class included), and the row's loss is
// the cross-entropy of that distribution against softmax(row). Ignored rows
// are skipped and not counted, as in MeanCrossEntropy; ε = 0 gives
// MeanCrossEntropy.
func MeanCrossEntropySmoothed(logits [][]float64, targets []int, epsilon float64) float64 {
	total, n := 0.0, 0
	for r, row := range logits {
		if targets[r] == IgnoreIndex {
			continue
		}
		lse, mean := logSumExp(row), 0.0
		for _, v := range row {
			mean += v / float64(len(row))
		}
		// −Σ_i q_i (x_i − LSE) with q = (1−ε)·onehot + ε/V.
		total += (1-epsilon)*(lse-row[targets[r]]) + epsilon*(lse-mean)
		n++
	}
	return total / float64(n)
}

func logSumExp(x []float64) float64 {
	m := math.Inf(-1)
	for _, v := range x {
		m = math.Max(m, v)
	}
	s := 0.0
	for _, v := range x {
		s += math.Exp(v - m)
	}
	return m + math.Log(s)
}
