// Mutant: Plausible keeps tokens with p_expert ≥ α instead of p_expert ≥ α·max p_expert.

//go:build ignore

package logitarith

import "math"

// Plausible reports p_expert(x) ≥ α·max_w p_expert(w) for every token,
// computed on logs: ln p(x) ≥ ln α + max_w ln p(w).
func Plausible(expert []float64, alpha float64) []bool {
	m := math.Inf(-1)
	for _, v := range expert {
		m = max(m, v)
	}
	keep := make([]bool, len(expert))
	for i, v := range expert {
		keep[i] = math.Exp(v) >= alpha
	}
	return keep
}
