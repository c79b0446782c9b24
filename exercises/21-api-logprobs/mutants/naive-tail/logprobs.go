// Mutant: TailMass computes 1 − Σ e^ℓ directly, cancelling the digits of a tiny tail.

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
	m := 1 - math.Exp(mx)*s
	if m < 0 && m >= -Rounding {
		return 0
	}
	return m
}
