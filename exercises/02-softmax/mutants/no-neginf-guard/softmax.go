// Mutant: LogSumExp without the all −Inf guard: −Inf − (−Inf) is NaN (lesson 02, “Pitfalls”: all logits −Inf).

//go:build ignore

package softmax

import "math"

// LogSumExp returns ln Σ exp(x_i), computed as m + ln Σ exp(x_i − m) with
// m = max x_i so that no exp overflows. −Inf entries contribute nothing;
// if every entry is −Inf (or x is empty) the result is −Inf.
func LogSumExp(x []float64) float64 {
	m := math.Inf(-1)
	for _, v := range x {
		m = math.Max(m, v)
	}
	s := 0.0
	for _, v := range x {
		s += math.Exp(v - m)
	}
	return m + math.Log(s)
}
