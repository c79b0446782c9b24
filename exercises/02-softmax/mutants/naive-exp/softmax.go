// Mutant: LogSumExp computes ln Σ exp(x_i) directly: exp overflows to +Inf at 1000 and underflows to 0 at −1000.

//go:build ignore

package softmax

import "math"

// LogSumExp returns ln Σ exp(x_i), computed as m + ln Σ exp(x_i − m) with
// m = max x_i so that no exp overflows. −Inf entries contribute nothing;
// if every entry is −Inf (or x is empty) the result is −Inf.
func LogSumExp(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += math.Exp(v)
	}
	return math.Log(s)
}
