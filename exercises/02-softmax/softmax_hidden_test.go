package softmax_test

import (
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

func TestLogSoftmaxGolden(t *testing.T) {
	// Golden values: scipy.special.log_softmax.
	check.Slice(t, "LogSoftmax([1 2 3 4])", LogSoftmax([]float64{1, 2, 3, 4}),
		[]float64{-3.4401896985611953, -2.4401896985611953, -1.4401896985611953, -0.44018969856119533}, 1e-12, lseLesson)
	check.Slice(t, "LogSoftmax([1e4 -1e4 0]) (ln of an underflowed softmax is -Inf: compute x − LSE instead)",
		LogSoftmax([]float64{1e4, -1e4, 0}), []float64{0, -2e4, -1e4}, 1e-12, lseLesson)
	check.Slice(t, "LogSoftmax([-Inf 0])", LogSoftmax([]float64{-inf, 0}), []float64{-inf, 0}, 1e-15, lseLesson)
}
