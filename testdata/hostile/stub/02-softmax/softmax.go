// Package softmax is exercise 02: numerically stable log-sum-exp, softmax
// and log-softmax.
package softmax

// LogSumExp returns ln Σ exp(x_i), computed as m + ln Σ exp(x_i − m) with
// m = max x_i so that no exp overflows. −Inf entries contribute nothing;
// if every entry is −Inf (or x is empty) the result is −Inf.
func LogSumExp(x []float64) float64 { panic("TODO: implement LogSumExp (see README.md)") }

// Softmax returns p_i = exp(x_i − LSE(x)): non-negative, summing to 1, and
// unchanged when the same constant is added to every logit.
func Softmax(x []float64) []float64 { panic("TODO: implement Softmax (see README.md)") }

// LogSoftmax returns ln p_i = x_i − LSE(x), finite even where p_i
// underflows to 0 (only a −Inf logit gives −Inf).
func LogSoftmax(x []float64) []float64 { panic("TODO: implement LogSoftmax (see README.md)") }
