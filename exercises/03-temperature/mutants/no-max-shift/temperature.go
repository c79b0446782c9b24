// Mutant: exp(x/T) without subtracting the largest logit first: overflows for logits of 800 or a tiny T (lesson 03, “Pitfalls”, and lesson 02).

//go:build ignore

package temperature

import "math"

// SoftmaxTemperature returns softmax(logits / T) for T > 0, computed
// stably by subtracting the largest logit first. T < 1 sharpens the
// distribution, T > 1 flattens it, T → ∞ tends to uniform. T == 0 is greedy
// decoding: a one-hot vector on the argmax (the lowest index on ties).
func SoftmaxTemperature(logits []float64, T float64) []float64 {
	p := make([]float64, len(logits))
	best := 0
	for i, v := range logits {
		if v > logits[best] {
			best = i
		}
	}
	if T == 0 {
		p[best] = 1
		return p
	}
	m, total := 0.0, 0.0
	for i, v := range logits {
		p[i] = math.Exp((v - m) / T)
		total += p[i]
	}
	for i := range p {
		p[i] /= total
	}
	return p
}
