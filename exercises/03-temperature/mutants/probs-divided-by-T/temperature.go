// Mutant: temperature on probabilities as p_i / T, renormalised: it changes nothing (lesson 03, “Pitfalls”: the equivalent is p_i^(1/T)).

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
	m, total := logits[best], 0.0
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
	if T == 0 {
		return SoftmaxTemperature(probs, 0)
	}
	out, total := make([]float64, len(probs)), 0.0
	for i, p := range probs {
		out[i] = p / T
		total += out[i]
	}
	for i := range out {
		out[i] /= total
	}
	return out
}
