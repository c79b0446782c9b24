// Mutant: temperature on probabilities as p_i / T, renormalised: it changes nothing (lesson 03, “Pitfalls”: the equivalent is p_i^(1/T)).

//go:build ignore

package temperature

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
