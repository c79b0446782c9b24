// Mutant: TailMass returns a slightly negative tail when rounded logprobs sum above 1, instead of 0.

//go:build ignore

package logprobs

import "math"

// TailMass returns m = 1 − Σᵢ e^ℓᵢ for natural-log logprobs ℓ, computed
// as −expm1(log Σ e^ℓ) so that a tiny tail keeps its digits. A negative
// result of at most Rounding is rounding and returns 0; a more negative one
// is returned as it is (the input is not a distribution's top-k).
func TailMass(top []float64) float64 {
	mx := math.Inf(-1)
	for _, l := range top {
		mx = math.Max(mx, l)
	}
	if math.IsInf(mx, -1) {
		return 1
	}
	s := 0.0
	for _, l := range top {
		s += math.Exp(l - mx)
	}
	m := -math.Expm1(mx + math.Log(s))
	return m
}
