package batched_test

import (
	"math"
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

func TestMeanCrossEntropyExtreme(t *testing.T) {
	x := [][]float64{{1e4, -1e4, 0}, {-1e4, -1e4, 1e4}}
	check.Close(t, "MeanCrossEntropy of logits ±1e4 (compute LSE − logit; softmax underflows)", MeanCrossEntropy(x, []int{1, 2}), 1e4, 1e-12, lesson)
	check.Close(t, "MeanCrossEntropy([[1e4 1e4]], [0])", MeanCrossEntropy([][]float64{{1e4, 1e4}}, []int{0}), math.Ln2, 1e-12, lesson)
	rows := LogSoftmaxRows([][]float64{{1e4, -1e4}})
	check.Slice(t, "LogSoftmaxRows([[1e4 -1e4]])", rows[0], []float64{0, -2e4}, 1e-12, lesson)
}
