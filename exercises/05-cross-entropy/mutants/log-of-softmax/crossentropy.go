// Mutant: the loss as −ln softmax(x)[t]: the softmax underflows to 0 and −ln 0 = +Inf for logits (0, 800) (lesson 05, “Pitfalls”: taking log of a softmax).

//go:build ignore

package crossentropy

import "math"

// Loss returns the cross-entropy loss of the logits against the one-hot
// target: −ln softmax(logits)[target] = LSE(logits) − logits[target],
// computed without overflow (finite for logits of ±1e4).
func Loss(logits []float64, target int) float64 {
	m := math.Inf(-1)
	for _, v := range logits {
		m = math.Max(m, v)
	}
	total := 0.0
	for _, v := range logits {
		total += math.Exp(v - m)
	}
	return -math.Log(math.Exp(logits[target]-m) / total)
}
