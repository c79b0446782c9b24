package softmax_test

import (
	"math"
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

const (
	lseLesson   = check.Lesson("lessons/02-softmax.md, section “Log-sum-exp and log-softmax”")
	shiftLesson = check.Lesson("lessons/02-softmax.md, section “Shift invariance and the stable formula”")
)

var inf = math.Inf(1)

func TestLogSumExpGolden(t *testing.T) {
	// Golden values: scipy.special.logsumexp (exercises/tools/golden.py).
	check.Close(t, "LogSumExp([1 2 3 4])", LogSumExp([]float64{1, 2, 3, 4}), 4.440189698561196, 1e-12, lseLesson)
	check.Close(t, "LogSumExp([1000 1000]) (naive exp overflows)", LogSumExp([]float64{1000, 1000}), 1000.6931471805599, 1e-12, lseLesson)
	check.Close(t, "LogSumExp([-1000 -1000 -1000]) (naive exp underflows to log 0)", LogSumExp([]float64{-1000, -1000, -1000}), -998.9013877113318, 1e-12, lseLesson)
	check.Close(t, "LogSumExp([-1e4 1e4 0])", LogSumExp([]float64{-1e4, 1e4, 0}), 1e4, 1e-12, lseLesson)
}

func TestLogSumExpNegInf(t *testing.T) {
	check.Close(t, "LogSumExp([-Inf 0])", LogSumExp([]float64{-inf, 0}), 0, 1e-15, lseLesson)
	check.Close(t, "LogSumExp([-Inf 1 2 3 4]) (a -Inf logit adds nothing)", LogSumExp([]float64{-inf, 1, 2, 3, 4}), 4.440189698561196, 1e-12, lseLesson)
	check.Close(t, "LogSumExp([-Inf -Inf]) (ln 0; subtracting max = -Inf gives NaN)", LogSumExp([]float64{-inf, -inf}), -inf, 0, lseLesson)
}

func TestSoftmaxGolden(t *testing.T) {
	// Golden values: scipy.special.softmax.
	check.Slice(t, "Softmax([1 2 3 4])", Softmax([]float64{1, 2, 3, 4}),
		[]float64{0.03205860328008498, 0.08714431874203256, 0.23688281808991016, 0.6439142598879724}, 1e-12, lseLesson)
	check.Slice(t, "Softmax([-2 0.5 0.5 3])", Softmax([]float64{-2, 0.5, 0.5, 3}),
		[]float64{0.005754463476135395, 0.07010371654510816, 0.07010371654510816, 0.8540381034336483}, 1e-12, lseLesson)
}

func TestSoftmaxExtremeLogits(t *testing.T) {
	for _, c := range []struct {
		x, want []float64
	}{
		{[]float64{1e4, -1e4, 0}, []float64{1, 0, 0}},
		{[]float64{-1e4, -1e4}, []float64{0.5, 0.5}},
		{[]float64{1e4, 1e4, 1e4 - 1}, []float64{1 / (2 + math.Exp(-1)), 1 / (2 + math.Exp(-1)), math.Exp(-1) / (2 + math.Exp(-1))}},
		{[]float64{-inf, 0, 0}, []float64{0, 0.5, 0.5}},
	} {
		p := Softmax(c.x)
		if check.Finite(t, "Softmax of extreme logits", p, lseLesson) {
			check.Slice(t, "Softmax of extreme logits", p, c.want, 1e-12, lseLesson)
		}
	}
}

func TestSoftmaxShiftInvariance(t *testing.T) {
	x := []float64{0.3, -1.2, 2.5, 0}
	base := Softmax(x)
	// Golden values: exp(x_i − max x) / Σ_j exp(x_j − max x) in float64; a
	// constant (say uniform) answer is shift-invariant too, and fails here.
	check.Slice(t, "Softmax([0.3 -1.2 2.5 0])", base,
		[]float64{0.09100040667134895, 0.020304935314150334, 0.8212798986629193, 0.06741475935158148}, 1e-12, shiftLesson)
	check.Close(t, "sum of Softmax([0.3 -1.2 2.5 0])", check.Sum(base), 1, 1e-14, shiftLesson)
	for _, c := range []float64{-500, 1e3, 7e3} {
		shifted := make([]float64, len(x))
		for i := range x {
			shifted[i] = x[i] + c
		}
		check.Slice(t, "Softmax(x + c) must equal Softmax(x) (shift invariance)", Softmax(shifted), base, 1e-12, shiftLesson)
	}
}
