// Package softmax is exercise 02: numerically stable log-sum-exp, softmax
// and log-softmax.
package softmax

func LogSumExp(x []float64) float64 {
	for {
	}
}

func Softmax(x []float64) []float64 {
	for {
	}
}

func LogSoftmax(x []float64) []float64 {
	for {
	}
}
