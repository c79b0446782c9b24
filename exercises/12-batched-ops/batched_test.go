package batched_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/bitsandlogits/course/exercises/12-batched-ops"
	"github.com/bitsandlogits/course/exercises/internal/check"
)

const lesson = check.Lesson("lessons/12-batched-ops.md, section “Why frameworks fuse softmax and cross-entropy” and its part “Label smoothing, ignored positions and perplexity”")

var logits = [][]float64{{1, 2, 0.5}, {0, -3, 4}, {2, 2, 2}, {10, -5, 1}}

func TestLogSoftmaxRowsGolden(t *testing.T) {
	// Golden values: torch.nn.functional.log_softmax(dim=1).
	want := [][]float64{
		{-1.464368784107945, -0.4643687841079449, -1.964368784107945},
		{-4.0190450078792574, -7.0190450078792574, -0.019045007879257447},
		{-1.0986122886681098, -1.0986122886681098, -1.0986122886681098},
		{-0.00012370805425046132, -15.00012370805425, -9.00012370805425},
	}
	got := LogSoftmaxRows(logits)
	if len(got) != len(want) {
		t.Fatalf("LogSoftmaxRows: expected %d rows, got %d\n    %v", len(want), len(got), lesson)
	}
	for r := range want {
		check.Slice(t, fmt.Sprintf("LogSoftmaxRows row %d (%v)", r, logits[r]), got[r], want[r], 1e-12, lesson)
	}
}

func TestMeanCrossEntropyGolden(t *testing.T) {
	// Golden value: torch.nn.functional.cross_entropy (mean reduction).
	check.Close(t, "MeanCrossEntropy(logits, [1 2 0 2])", MeanCrossEntropy(logits, []int{1, 2, 0, 2}), 2.6455374471773907, 1e-12, lesson)
}

func TestMeanCrossEntropyIgnoreIndex(t *testing.T) {
	// Golden value: F.cross_entropy(..., ignore_index=-100): the mean is over the 2 kept rows.
	check.Close(t, "MeanCrossEntropy(logits, [1 -100 0 -100]) (ignored rows leave the sum AND the count)",
		MeanCrossEntropy(logits, []int{1, batched.IgnoreIndex, 0, batched.IgnoreIndex}), 0.7814905363880273, 1e-12, lesson)
}

func TestMeanCrossEntropyAllIgnored(t *testing.T) {
	got := MeanCrossEntropy(logits, []int{batched.IgnoreIndex, batched.IgnoreIndex, batched.IgnoreIndex, batched.IgnoreIndex})
	check.Invariant(t, "a batch whose every row is ignored has mean loss 0/0 = NaN (as in PyTorch), not 0", math.IsNaN(got),
		fmt.Sprintf("MeanCrossEntropy with every target = IgnoreIndex returned %v", got), lesson)
}

func TestMeanCrossEntropySmoothedGolden(t *testing.T) {
	// Golden values: F.cross_entropy(..., label_smoothing=ε) (exercises/tools/golden.py). PyTorch spreads ε
	// over all V classes, the target included; spreading it over the V − 1 others gives 2.7768 for the first case.
	check.Close(t, "MeanCrossEntropySmoothed(logits, [1 2 0 2], ε = 0.1)",
		MeanCrossEntropySmoothed(logits, []int{1, 2, 0, 2}, 0.1), 2.733037447177391, 1e-12, lesson)
	check.Close(t, "MeanCrossEntropySmoothed(logits, [1 -100 0 -100], ε = 0.2) (ignored rows leave the sum and the count)",
		MeanCrossEntropySmoothed(logits, []int{1, batched.IgnoreIndex, 0, batched.IgnoreIndex}, 0.2), 0.8648238697213607, 1e-12, lesson)
	check.Close(t, "MeanCrossEntropySmoothed(logits, [1 2 0 2], ε = 0) = MeanCrossEntropy",
		MeanCrossEntropySmoothed(logits, []int{1, 2, 0, 2}, 0), 2.6455374471773907, 1e-12, lesson)
	check.Close(t, "MeanCrossEntropySmoothed of logits ±1e4, ε = 0.1 (never form a probability)",
		MeanCrossEntropySmoothed([][]float64{{1e4, -1e4, 0}, {-1e4, -1e4, 1e4}}, []int{1, 2}, 0.1), 10166.666666666666, 1e-12, lesson)
}
