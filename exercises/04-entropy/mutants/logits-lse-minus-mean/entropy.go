// Mutant: entropy of logits as LSE(x) − Σ p_i x_i without skipping filtered tokens: p_i · x_i = 0 · (−Inf) is NaN (lesson 04, “Pitfalls”: 0 log 0).

//go:build ignore

package entropy

import "math"

// EntropyOfLogits returns H(softmax(logits)) in nats. It is finite for
// logits of ±1e4, and −Inf logits (tokens removed by a filter) count as
// probability 0.
func EntropyOfLogits(logits []float64) float64 {
	m := math.Inf(-1)
	for _, v := range logits {
		m = math.Max(m, v)
	}
	total := 0.0
	for _, v := range logits {
		total += math.Exp(v - m)
	}
	lse, mean := m+math.Log(total), 0.0
	for _, v := range logits {
		mean += math.Exp(v-lse) * v
	}
	return lse - mean
}
