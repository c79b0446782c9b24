// Mutant: LogSumExp shifts by the first logit instead of the maximum: exp(x_i − x_0) still overflows when a later logit is much larger (lesson 02, “Pitfalls”: shifting by the wrong constant).

//go:build ignore

package softmax

import "math"

// LogSumExp returns ln Σ exp(x_i), computed as m + ln Σ exp(x_i − m) with
// m = max x_i so that no exp overflows. −Inf entries contribute nothing;
// if every entry is −Inf (or x is empty) the result is −Inf.
func LogSumExp(x []float64) float64 {
	m := math.Inf(-1)
	if len(x) > 0 {
		m = x[0]
	}
	if math.IsInf(m, 0) {
		return m
	}
	s := 0.0
	for _, v := range x {
		s += math.Exp(v - m)
	}
	return m + math.Log(s)
}
