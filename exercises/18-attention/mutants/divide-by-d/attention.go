// Mutant: ScaledScores divides by d instead of √d: the scores shrink as the width grows and attention goes uniform.

//go:build ignore

package attention

// ScaledScores returns s_j = q·k_j / √d for every key, d = len(q).
func ScaledScores(q []float64, keys [][]float64) []float64 {
	scale := 1 / float64(len(q))
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
