// Mutant: entropy of logits through a softmax that does not subtract the max: exp(800) = +Inf and Inf/Inf = NaN (lesson 02; lesson 04, “In LLMs”).

//go:build ignore

package entropy

import "math"

// EntropyOfLogits returns H(softmax(logits)) in nats. It is finite for
// logits of ±1e4, and −Inf logits (tokens removed by a filter) count as
// probability 0.
func EntropyOfLogits(logits []float64) float64 {
	m := 0.0
	total := 0.0
	for _, v := range logits {
		total += math.Exp(v - m)
	}
	p := make([]float64, len(logits))
	for i, v := range logits {
		p[i] = math.Exp(v-m) / total
	}
	return Entropy(p)
}
