// Mutant: ScaledScores returns the raw dot products: the logits grow like √d and the softmax saturates.

//go:build ignore

package attention

// ScaledScores returns s_j = q·k_j / √d for every key, d = len(q).
func ScaledScores(q []float64, keys [][]float64) []float64 {
	scale := 1.0
	s := make([]float64, len(keys))
	for j, k := range keys {
		dot := 0.0
		for i := range q {
			dot += q[i] * k[i]
		}
		s[j] = dot * scale
	}
	return s
}
