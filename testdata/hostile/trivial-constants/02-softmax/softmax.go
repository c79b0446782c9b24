// Package softmax is exercise 02: numerically stable log-sum-exp, softmax
// and log-softmax.
package softmax

import "math"

func LogSumExp(x []float64) float64 { return 0 }

func Softmax(x []float64) []float64 {
	p := make([]float64, len(x))
	for i := range p {
		p[i] = 1 / float64(len(x))
	}
	return p
}

func LogSoftmax(x []float64) []float64 {
	p := Softmax(x)
	for i := range p {
		p[i] = math.Log(p[i])
	}
	return p
}
