// Mutant: MeanCrossEntropySmoothed spreads ε over the V − 1 non-target classes only (the target keeps exactly 1 − ε); PyTorch spreads it over all V classes.
// Package batched is exercise 12: log-softmax and the fused cross-entropy
// loss over a batch of rows, as deep-learning frameworks compute them.

//go:build ignore

package batched

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
		others := (mean*float64(len(row)) - row[targets[r]]) / float64(len(row)-1)
		total += (1-epsilon)*(lse-row[targets[r]]) + epsilon*(lse-others)
		n++
	}
	return total / float64(n)
}
