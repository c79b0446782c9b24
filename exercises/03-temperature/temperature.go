// Package temperature is exercise 03: temperature on logits and on probabilities.
package temperature

// SoftmaxTemperature returns softmax(logits / T) for T > 0, finite for
// logits of ±800 and T as small as 1e-3. T < 1 sharpens the
// distribution, T > 1 flattens it, T → ∞ tends to uniform. T == 0 is greedy
// decoding: a one-hot vector on the argmax (the lowest index on ties).
func SoftmaxTemperature(logits []float64, T float64) []float64 {
	panic("TODO: implement SoftmaxTemperature (see README.md)")
}

// TemperatureOnProbs applies temperature T to a distribution given as
// probabilities instead of logits: it returns the distribution that
// SoftmaxTemperature would give for logits whose softmax is probs. Zero
// probabilities stay zero, T == 0 is the one-hot on the most likely token
// (lowest index on ties), and the result is finite for T as small as 1e-4.
func TemperatureOnProbs(probs []float64, T float64) []float64 {
	panic("TODO: implement TemperatureOnProbs (see README.md)")
}
