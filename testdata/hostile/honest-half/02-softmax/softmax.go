// Package softmax is exercise 02: numerically stable log-sum-exp, softmax
// and log-softmax.
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
	if math.IsInf(m, 0) {
		return m
	}
	s := 0.0
	for _, v := range x {
		s += math.Exp(v - m)
	}
	return m + math.Log(s)
}

// Softmax returns p_i = exp(x_i − LSE(x)): non-negative, summing to 1, and
// unchanged when the same constant is added to every logit.
func Softmax(x []float64) []float64 {
	lse := LogSumExp(x)
	p := make([]float64, len(x))
	for i, v := range x {
		p[i] = math.Exp(v - lse)
	}
	return p
}

// LogSoftmax returns ln p_i = x_i − LSE(x), finite even where p_i
// underflows to 0 (only a −Inf logit gives −Inf).
func LogSoftmax(x []float64) []float64 {
	p := Softmax(x)
	out := make([]float64, len(x))
	for i, v := range p {
		out[i] = math.Log(v) // -Inf where p underflows: the hidden test catches it
	}
	return out
}
