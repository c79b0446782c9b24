package speculative_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

const (
	ruleLesson     = check.Lesson("lessons/19-speculative-decoding.md, section “Why the output is exactly the target distribution”")
	pitfallsLesson = check.Lesson("lessons/19-speculative-decoding.md, section “Pitfalls”")
	tokensLesson   = check.Lesson("lessons/19-speculative-decoding.md, section “Tokens per round, and why the closed form is only a start”")
)

func TestAcceptProb(t *testing.T) {
	for _, c := range []struct {
		name       string
		p, q, want float64
	}{
		{"p < q: kept with probability p/q", 0.2, 0.25, 0.8},
		{"p > q: min(1, p/q) = 1, not p/q = 2", 0.5, 0.25, 1},
		{"p = q", 0.3, 0.3, 1},
		{"p = 0: never kept", 0, 0.25, 0},
		{"a small ratio", 1e-3, 0.5, 0.002},
	} {
		check.Close(t, fmt.Sprintf("AcceptProb(%v, %v), %s", c.p, c.q, c.name), AcceptProb(c.p, c.q), c.want, 1e-15, ruleLesson)
	}
}

// The trap: a drafted token the draft gave probability 0. p/q is +Inf when
// p > 0 (keep it: the target wants it) and 0/0 = NaN when p = 0 too (never
// keep it).
func TestAcceptProbZeroDraft(t *testing.T) {
	check.Close(t, "AcceptProb(0.3, 0): q = 0 < p, the ratio is +Inf, min(1, +Inf) = 1", AcceptProb(0.3, 0), 1, 0, pitfallsLesson)
	check.Close(t, "AcceptProb(0, 0): 0/0 must mean rejection, not NaN", AcceptProb(0, 0), 0, 0, pitfallsLesson)
}

func TestResidual(t *testing.T) {
	for _, c := range []struct {
		name       string
		p, q, want []float64
	}{
		{"the lesson's example: max(0, p − q) = (0.25, 0.05, 0, 0), Z = 0.3",
			[]float64{0.5, 0.3, 0.2, 0}, []float64{0.25, 0.25, 0.25, 0.25}, []float64{0.25 / 0.3, 0.05 / 0.3, 0, 0}},
		{"one token with p > q gets all the mass", []float64{0.6, 0.4}, []float64{0.9, 0.1}, []float64{0, 1}},
		{"a token the draft gives 0 keeps its target mass", []float64{0.2, 0.3, 0.5}, []float64{0.6, 0.4, 0}, []float64{0, 0, 1}},
		{"two tokens above the draft", []float64{0.1, 0.5, 0.4}, []float64{0.5, 0.25, 0.25}, []float64{0, 0.625, 0.375}},
	} {
		r := Residual(c.p, c.q)
		check.Slice(t, "Residual, "+c.name, r, c.want, 1e-14, ruleLesson)
		check.Invariant(t, "the residual is a distribution (sums to 1)", math.Abs(check.Sum(r)-1) < 1e-12,
			fmt.Sprintf("Residual(%v, %v) = %v sums to %v", c.p, c.q, r, check.Sum(r)), ruleLesson)
	}
}

// When p = q nothing can be rejected and Z = 0: the residual must not be
// 0/0. The contract is a copy of p.
func TestResidualEqual(t *testing.T) {
	p := []float64{0.125, 0.375, 0.5}
	r := Residual(p, slices.Clone(p))
	if check.Finite(t, "Residual(p, p)", r, pitfallsLesson) {
		check.Slice(t, "Residual(p, p) (Z = 0: return p)", r, p, 0, pitfallsLesson)
	}
}

// Three tokens, k = 2. Row i of p and q is the distribution at draft
// position i; p has one more row, the target after both drafts.
var (
	roundP = [][]float64{{0.5, 0.3, 0.2}, {0.2, 0.2, 0.6}, {0.1, 0.1, 0.8}}
	roundQ = [][]float64{{0.25, 0.5, 0.25}, {0.5, 0.25, 0.25}}
)

func TestVerifyRound(t *testing.T) {
	for _, c := range []struct {
		name   string
		drafts []int
		u      []float64
		want   []int
	}{
		// Draft 1 at position 0: accept with 0.3/0.5 = 0.6; u = 0.7 rejects.
		// Residual (0.25, 0, 0) → token 0 whatever u[2].
		{"rejected at position 0: one token, from the residual", []int{1, 0}, []float64{0.7, 0.1, 0.9}, []int{0}},
		// Draft 0 at position 0 is always kept (0.5 ≥ 0.25); draft 0 at
		// position 1: 0.2/0.5 = 0.4, u = 0.5 rejects. Residual of row 1:
		// (0, 0, 0.35)/0.35 → token 2.
		{"kept, then rejected at position 1", []int{0, 0}, []float64{0.99, 0.5, 0.1}, []int{0, 2}},
		// Draft 2 at position 1: 0.6 ≥ 0.25, always kept. Both kept: bonus
		// token from p[2] = (0.1, 0.1, 0.8) at u = 0.15 → token 1.
		{"both kept: the bonus token from the last target row", []int{0, 2}, []float64{0.5, 0.999, 0.15}, []int{0, 2, 1}},
		// Draft 1 at position 0 kept with u = 0.59 < 0.6; draft 0 at
		// position 1 kept with u = 0.39 < 0.4; bonus from p[2] at u = 0.05 → token 0.
		{"both kept by a small margin", []int{1, 0}, []float64{0.59, 0.39, 0.05}, []int{1, 0, 0}},
		// u = 0.6 is not < 0.6: rejected. Residual (1, 0, 0) → token 0.
		{"u equal to the acceptance probability rejects", []int{1, 2}, []float64{0.6, 0, 0.5}, []int{0}},
	} {
		got := VerifyRound(roundP, roundQ, c.drafts, c.u)
		check.Invariant(t, fmt.Sprintf("VerifyRound(drafts %v, u %v), %s: tokens %v", c.drafts, c.u, c.name, c.want),
			slices.Equal(got, c.want), fmt.Sprintf("got %v", got), ruleLesson)
	}
}

// The trap: when every draft passes, the target has already scored the
// position after the last draft, and the round ends with a bonus token
// drawn from that row: k + 1 tokens, not k.
func TestVerifyRoundBonus(t *testing.T) {
	p := [][]float64{{0.5, 0.5, 0}, {0, 0.5, 0.5}, {0.5, 0.5, 0}, {0, 0, 1}}
	q := [][]float64{{0.5, 0.5, 0}, {0, 0.5, 0.5}, {0.5, 0.5, 0}}
	for _, u := range []float64{0, 0.5, 0.999} {
		got := VerifyRound(p, q, []int{1, 2, 0}, []float64{u, u, u, u})
		check.Invariant(t, "p = q: all 3 drafts kept, then the bonus token from p[3] = (0, 0, 1): tokens [1 2 0 2]",
			slices.Equal(got, []int{1, 2, 0, 2}), fmt.Sprintf("u = %v: got %v", u, got), tokensLesson)
	}
}

// TestVerifyRoundExact runs 20,000 seeded rounds with drafts drawn from the
// draft rows and compares the first emitted token's frequencies with the
// target row p[0] by a χ² test (3 degrees of freedom). The seed is fixed, so
// the outcome is too; a wrong residual moves the statistic past 40.
func TestVerifyRoundExact(t *testing.T) {
	p := [][]float64{{0.1, 0.4, 0.2, 0.3}, {0.25, 0.25, 0.25, 0.25}, {0.7, 0.1, 0.1, 0.1}, {0.4, 0.3, 0.2, 0.1}}
	q := [][]float64{{0.4, 0.1, 0.3, 0.2}, {0.1, 0.6, 0.2, 0.1}, {0.25, 0.25, 0.25, 0.25}}
	rng := rand.New(rand.NewPCG(19, 19))
	const n = 20000
	counts := make([]float64, 4)
	for range n {
		drafts := make([]int, 3)
		for i := range drafts {
			drafts[i] = draw(q[i], rng.Float64())
		}
		u := []float64{rng.Float64(), rng.Float64(), rng.Float64(), rng.Float64()}
		toks := VerifyRound(p, q, drafts, u)
		if len(toks) < 1 || len(toks) > 4 || toks[0] < 0 || toks[0] > 3 {
			check.Invariant(t, "a round emits 1 to k + 1 = 4 tokens in [0, 4)", false, fmt.Sprintf("drafts %v, u %v: got %v", drafts, u, toks), ruleLesson)
			return
		}
		counts[toks[0]]++
	}
	chi2 := 0.0
	for x, px := range p[0] {
		e := n * px
		chi2 += (counts[x] - e) * (counts[x] - e) / e
	}
	// 16.27 is the 0.999 quantile of χ² with 3 degrees of freedom.
	check.Invariant(t, "the first token of a round is distributed as the target p[0] = (0.1, 0.4, 0.2, 0.3)", chi2 < 16.27,
		fmt.Sprintf("χ² = %.1f over 20,000 rounds (want < 16.27): first-token frequencies %v", chi2, scale(counts, 1.0/n)), ruleLesson)
}

func TestExpectedTokens(t *testing.T) {
	closed := func(a float64, k int) float64 { return (1 - math.Pow(a, float64(k+1))) / (1 - a) }
	for _, c := range []struct {
		name   string
		alphas []float64
		want   float64
	}{
		{"k = 0: the target's own token", nil, 1},
		{"k = 1, α = 0.7: 1 + α", []float64{0.7}, 1.7},
		{"k = 4, α = 0.7: (1 − α⁵)/(1 − α)", []float64{0.7, 0.7, 0.7, 0.7}, closed(0.7, 4)},
		{"α = 1: every draft plus the bonus token, k + 1", []float64{1, 1, 1}, 4},
		{"α₀ = 0.5, α₁ = 0.2: 1 + 0.5 + 0.5·0.2", []float64{0.5, 0.2}, 1.6},
		{"α₀ = 0: later positions are never reached", []float64{0, 0.9, 0.9}, 1},
	} {
		check.Close(t, fmt.Sprintf("ExpectedTokens(%v), %s", c.alphas, c.name), ExpectedTokens(c.alphas), c.want, 1e-14, tokensLesson)
	}
}

// draw is the inverse-CDF draw of the exercise's Draw.
func draw(dist []float64, u float64) int {
	cum := 0.0
	for i, p := range dist {
		cum += p
		if cum > u {
			return i
		}
	}
	return len(dist) - 1
}

func scale(xs []float64, f float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = x * f
	}
	return out
}
