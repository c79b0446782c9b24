// Package softmax is exercise 02: numerically stable log-sum-exp, softmax
// and log-softmax.
package softmax

func LogSumExp(x []float64) float64 { panic("not today") }

func Softmax(x []float64) []float64 { panic(42) }

func LogSoftmax(x []float64) []float64 {
	var m map[string]int
	m["boom"]++
	return nil
}
