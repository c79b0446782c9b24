package decoding_test

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

const (
	greedyLesson = check.Lesson("lessons/08-greedy-topk-topp.md, section “Greedy”")
	topkLesson   = check.Lesson("lessons/08-greedy-topk-topp.md, section “Top-k”")
	toppLesson   = check.Lesson("lessons/08-greedy-topk-topp.md, section “Top-p (nucleus)”")
	toppBoundary = check.Lesson("lessons/08-greedy-topk-topp.md, section “The boundary rule, precisely”")
)

// z has softmax probabilities [0.063 0.463 0.170 0.023 0.281]; sorted, the
// cumulative mass is 0.463, 0.744, 0.914, 0.977, 1.
var z = []float64{1, 3, 2, 0, 2.5}

func expectKept(t *testing.T, what string, filtered, original []float64, want []int, l check.Lesson) {
	t.Helper()
	if len(filtered) != len(original) {
		t.Errorf("%s: expected %d logits back, got %d\n    %v", what, len(original), len(filtered), l)
		return
	}
	if got := check.Kept(filtered); !slices.Equal(got, want) {
		t.Errorf("%s: expected to keep token indices %v, kept %v\n    filtered logits: %v\n    %v", what, want, got, filtered, l)
		return
	}
	for _, i := range want {
		if filtered[i] != original[i] {
			t.Errorf("%s: a kept logit must be unchanged: index %d was %v, is %v\n    %v", what, i, original[i], filtered[i], l)
			return
		}
	}
}

func TestGreedy(t *testing.T) {
	inf := math.Inf(1)
	for _, c := range []struct {
		x    []float64
		want int
	}{{[]float64{1, 3, 2}, 1}, {[]float64{5, 5, 1}, 0}, {[]float64{-inf, -3, -inf}, 1}, {[]float64{-1e4, -2e4}, 0}, {z, 1}} {
		if got := Greedy(c.x); got != c.want {
			t.Errorf("Greedy(%v): expected %d, got %d (the largest logit, lowest index on ties)\n    %v", c.x, c.want, got, greedyLesson)
		}
	}
}

func TestTopK(t *testing.T) {
	orig := slices.Clone(z)
	expectKept(t, "TopK(z, 2)", TopK(z, 2), z, []int{1, 4}, topkLesson)
	expectKept(t, "TopK(z, 1)", TopK(z, 1), z, []int{1}, topkLesson)
	expectKept(t, "TopK(z, 10) (k ≥ vocabulary keeps everything)", TopK(z, 10), z, []int{0, 1, 2, 3, 4}, topkLesson)
	ties := []float64{1, 2, 2, 2, 0}
	expectKept(t, "TopK([1 2 2 2 0], 2) (exactly k survive; ties keep the lower index)", TopK(ties, 2), ties, []int{1, 2}, topkLesson)
	check.Unchanged(t, "TopK", z, orig)
}

func TestTopP(t *testing.T) {
	orig := slices.Clone(z)
	for _, c := range []struct {
		p    float64
		want []int
	}{{0.3, []int{1}}, {0.5, []int{1, 4}}, {0.75, []int{1, 2, 4}}, {0.9, []int{1, 2, 4}}, {0.95, []int{0, 1, 2, 4}}, {1, []int{0, 1, 2, 3, 4}}} {
		expectKept(t, fmt.Sprintf("TopP(z, %v) (keep the smallest set of top tokens whose mass reaches p)", c.p), TopP(z, c.p), z, c.want, toppLesson)
	}
	check.Unchanged(t, "TopP", z, orig)
}

// TestTopPBoundary grades the boundary rule on masses that float64 computes
// exactly: softmax(zb) = [0.25 0.5 0.125 0.125] (every exp is a power of
// two), so the sorted cumulative mass is exactly 0.5, 0.75, 0.875, 1. When a
// prefix reaches p exactly, the nucleus stops there; the rule "keep while
// the mass before the token is ≤ p" (the source material's code) keeps one
// token more, and "keep while the mass including the token is ≤ p" keeps
// one fewer.
func TestTopPBoundary(t *testing.T) {
	zb := []float64{-math.Ln2, 0, -2 * math.Ln2, -2 * math.Ln2}
	for _, c := range []struct {
		p    float64
		want []int
	}{
		{0.5, []int{1}},             // the top token alone has mass 0.5: it reaches p
		{0.75, []int{0, 1}},         // 0.5 + 0.25 = 0.75 exactly: a third token is not needed
		{0.7500001, []int{0, 1, 2}}, // just above: the third token is needed
		{0.25, []int{1}},            // p below the top mass: the top token is still kept
		{1e-9, []int{1}},            // p → 0 never gives an empty set
		{2, []int{0, 1, 2, 3}},      // p ≥ 1 keeps everything
	} {
		expectKept(t, fmt.Sprintf("TopP(zb, %v) with softmax(zb) = [0.25 0.5 0.125 0.125] (stop as soon as the kept mass reaches p)", c.p),
			TopP(zb, c.p), zb, c.want, toppBoundary)
	}
}

func TestTopPAdapts(t *testing.T) {
	peaked := []float64{10, 0, 0, 0, 0, 0, 0, 0}
	flat := make([]float64, 8)
	np, nf := len(check.Kept(TopP(peaked, 0.9))), len(check.Kept(TopP(flat, 0.9)))
	check.Invariant(t, "top-p keeps 1 token of a peaked distribution and all 8 of a flat one", np == 1 && nf == 8,
		fmt.Sprintf("TopP(p=0.9) kept %d of the peaked and %d of the flat distribution", np, nf), toppLesson)
	ext := []float64{1e4, 0, -1e4}
	expectKept(t, "TopP([1e4 0 -1e4], 0.5) (logits of 1e4 overflow exp unless you subtract the max)", TopP(ext, 0.5), ext, []int{0}, toppLesson)
}
