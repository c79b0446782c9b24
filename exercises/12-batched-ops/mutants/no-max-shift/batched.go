// Mutant: logSumExp sums e^x without subtracting the maximum first, so a logit of 1e4 overflows to +Inf (chapter 02's log-sum-exp trick).
// Package batched is exercise 12: log-softmax and the fused cross-entropy
// loss over a batch of rows, as deep-learning frameworks compute them.

//go:build ignore

package batched

import "math"

func logSumExp(x []float64) float64 {
	m := 0.0
	s := 0.0
	for _, v := range x {
		s += math.Exp(v - m)
	}
	return m + math.Log(s)
}
