// Mutant: TailMass clamps every negative tail to 0, so a top that sums far above 1 (values that are
// not one distribution's top-k, or rounded too coarsely) passes as a report with nothing left out.

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
	return math.Max(m, 0)
}
