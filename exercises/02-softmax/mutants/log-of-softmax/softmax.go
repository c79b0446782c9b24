// Mutant: LogSoftmax takes ln of Softmax, which is −Inf wherever the probability underflows to 0.

//go:build ignore

package softmax

import "math"

// LogSoftmax returns ln p_i = x_i − LSE(x), finite even where p_i
// underflows to 0 (only a −Inf logit gives −Inf).
func LogSoftmax(x []float64) []float64 {
	p := Softmax(x)
	out := make([]float64, len(x))
	for i, v := range p {
		out[i] = math.Log(v)
	}
	return out
}
