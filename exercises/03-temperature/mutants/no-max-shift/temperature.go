// Mutant: exp(x/T) without subtracting the largest logit first: overflows for logits of 800 or a tiny T (lesson 03, “Pitfalls”, and lesson 02).

// Package temperature is exercise 03: temperature on logits and on probabilities.
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

// TemperatureOnProbs applies temperature T to a distribution given as
// probabilities: it returns softmax(ln probs / T), which is
// probs_i^(1/T) / Σ_j probs_j^(1/T). Zero probabilities stay zero, T == 0 is
// the one-hot on the most likely token (lowest index on ties), and the
// result is finite for T as small as 1e-4.
func TemperatureOnProbs(probs []float64, T float64) []float64 {
	logits := make([]float64, len(probs))
	for i, p := range probs {
		logits[i] = math.Log(p)
	}
	return SoftmaxTemperature(logits, T)
}
