package crossentropy_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

const (
	lesson     = check.Lesson("lessons/05-cross-entropy.md, section “The language-model loss”")
	gradLesson = check.Lesson("lessons/05-cross-entropy.md, section “The gradient”")
)

var logits = []float64{2, -1, 0.5, 0}

func TestCrossEntropyGolden(t *testing.T) {
	p, q := []float64{0.1, 0.6, 0.3}, []float64{0.2, 0.5, 0.3}
	check.Close(t, "CrossEntropy([0.1 0.6 0.3], [0.2 0.5 0.3])", CrossEntropy(p, q), 0.938023940877158, 1e-12, lesson)
	hp := -(0.1*math.Log(0.1) + 0.6*math.Log(0.6) + 0.3*math.Log(0.3))
	check.Close(t, "CrossEntropy(p, p) must equal the entropy H(p)", CrossEntropy(p, p), hp, 1e-12, lesson)
	check.Invariant(t, "H(p, q) ≥ H(p) (Gibbs' inequality: H(p,q) = H(p) + KL(p‖q))", CrossEntropy(p, q) >= hp,
		fmt.Sprintf("H(p,q) = %v < H(p) = %v", CrossEntropy(p, q), hp), lesson)
	check.Close(t, "CrossEntropy([0.5 0.5 0], [0.5 0.5 0]) (0·ln 0 counts as 0)", CrossEntropy([]float64{0.5, 0.5, 0}, []float64{0.5, 0.5, 0}), math.Ln2, 1e-15, lesson)
	check.Close(t, "CrossEntropy([0.5 0.5], [1 0]) (q = 0 where p > 0)", CrossEntropy([]float64{0.5, 0.5}, []float64{1, 0}), math.Inf(1), 0, lesson)
}

func TestLossGolden(t *testing.T) {
	// Golden values: torch.nn.functional.cross_entropy.
	for target, want := range []float64{0.342349582389822, 3.342349582389822, 1.842349582389822, 2.342349582389822} {
		check.Close(t, fmt.Sprintf("Loss(%v, target %d)", logits, target), Loss(logits, target), want, 1e-12, lesson)
	}
}

func TestLossExtremeLogits(t *testing.T) {
	check.Close(t, "Loss([1e4 0], target 1) (softmax underflows to 0: use LSE − logit, not −ln softmax)", Loss([]float64{1e4, 0}, 1), 1e4, 1e-12, lesson)
	check.Close(t, "Loss([1e4 0], target 0)", Loss([]float64{1e4, 0}, 0), 0, 1e-12, lesson)
	check.Close(t, "Loss([0 800], target 0) (the lesson's pitfall: −ln softmax gives +Inf, LSE − logit gives 800)", Loss([]float64{0, 800}, 0), 800, 1e-12,
		check.Lesson("lessons/05-cross-entropy.md, section “Pitfalls” (taking log of a softmax)"))
	check.Close(t, "Loss([-1e4 -1e4 -1e4], target 2)", Loss([]float64{-1e4, -1e4, -1e4}, 2), math.Log(3), 1e-12, lesson)
	check.Close(t, "Loss([-Inf 0], target 1)", Loss([]float64{math.Inf(-1), 0}, 1), 0, 1e-15, lesson)
	check.Close(t, "Loss([-Inf 0], target 0) (a masked target is infinitely surprising)", Loss([]float64{math.Inf(-1), 0}, 0), math.Inf(1), 0, lesson)
}

func TestGradient(t *testing.T) {
	// Golden values: torch autograd of F.cross_entropy(logits, 2).
	g := Gradient(logits, 2)
	check.Slice(t, "Gradient([2 -1 0.5 0], target 2)", g, []float64{0.7100999228861743, 0.03535379340874887, -0.8415552904850203, 0.09610157419009721}, 1e-12, gradLesson)
	check.Close(t, "sum of the gradient (softmax sums to 1, one-hot sums to 1)", check.Sum(g), 0, 1e-12, gradLesson)
	ext := Gradient([]float64{1e4, 0, 0}, 0)
	if check.Finite(t, "Gradient([1e4 0 0], target 0)", ext, gradLesson) {
		check.Slice(t, "Gradient([1e4 0 0], target 0)", ext, []float64{0, 0, 0}, 1e-12, gradLesson)
	}
	check.Slice(t, "Gradient([-Inf 0], target 0) (a masked target: its logit is pushed up with weight 1)",
		Gradient([]float64{math.Inf(-1), 0}, 0), []float64{-1, 1}, 1e-15, gradLesson)
}
