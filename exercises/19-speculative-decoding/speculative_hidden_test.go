package speculative_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

// Rounds whose drafts have q(x) = 0, whose rejections need tokens the
// draft never proposes, and acceptance rates that vary along the round.
func TestHiddenRounds(t *testing.T) {
	p := [][]float64{{0.5, 0.5, 0}, {0, 0.2, 0.8}, {0.3, 0.3, 0.4}}
	q := [][]float64{{0, 0.5, 0.5}, {0, 0.8, 0.2}}
	for _, c := range []struct {
		name   string
		drafts []int
		u      []float64
		want   []int
	}{
		{"q(x) = 0 < p(x): kept for any u; then draft 1 at 0.25, u = 0.9 rejects; residual (0, 0, 1)", []int{0, 1}, []float64{0.999, 0.9, 0.3}, []int{0, 2}},
		{"draft 2 at position 0 has p = 0: rejected even at u = 0; residual (1, 0, 0)", []int{2, 1}, []float64{0, 0, 0.7}, []int{0}},
		{"q(x) = 0, then draft 2 at position 1 (0.8 ≥ 0.2) kept; bonus from p[2] at 0.65", []int{0, 2}, []float64{0.5, 0.5, 0.65}, []int{0, 2, 2}},
	} {
		got := VerifyRound(p, q, c.drafts, c.u)
		check.Invariant(t, fmt.Sprintf("VerifyRound(drafts %v, u %v), %s: tokens %v", c.drafts, c.u, c.name, c.want),
			slices.Equal(got, c.want), fmt.Sprintf("got %v", got), pitfallsLesson)
	}
	for _, c := range []struct {
		alphas []float64
		want   float64
	}{
		{[]float64{0.9, 0.5, 0.1}, 1 + 0.9 + 0.45 + 0.045},
		{[]float64{0.25}, 1.25},
		{[]float64{1, 1, 1, 1, 1, 1, 1, 0.5}, 8.5},
	} {
		check.Close(t, fmt.Sprintf("ExpectedTokens(%v)", c.alphas), ExpectedTokens(c.alphas), c.want, 1e-14, tokensLesson)
	}
}
