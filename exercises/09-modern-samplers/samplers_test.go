package samplers_test

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

const (
	minpLesson   = check.Lesson("lessons/09-modern-samplers.md, section “Min-p”")
	gumbelLesson = check.Lesson("lessons/09-modern-samplers.md, section “Gumbel-max: sampling as an argmax”")
)

// z has p / p_max = [0.135 1 0.368 0.0498 0.607].
var z = []float64{1, 3, 2, 0, 2.5}

func TestMinPGolden(t *testing.T) {
	orig := slices.Clone(z)
	for _, c := range []struct {
		minP float64
		want []int
	}{{0.1, []int{0, 1, 2, 4}}, {0.4, []int{1, 4}}, {0.5, []int{1, 4}}, {0.03, []int{0, 1, 2, 3, 4}}, {1, []int{1}}} {
		got := MinP(z, c.minP)
		if k := check.Kept(got); !slices.Equal(k, c.want) || len(got) != len(z) {
			t.Errorf("MinP(%v, %v): expected to keep %v, kept %v (keep p_i ≥ minP·p_max)\n    filtered: %v\n    %v", z, c.minP, c.want, k, got, minpLesson)
		}
	}
	check.Unchanged(t, "MinP", z, orig)
}

func TestMinPScalesWithConfidence(t *testing.T) {
	peaked, flat := []float64{8, 0, 0, 0}, []float64{0, 0.1, 0.2, 0.1}
	np, nf := len(check.Kept(MinP(peaked, 0.05))), len(check.Kept(MinP(flat, 0.05)))
	check.Invariant(t, "min-p keeps few tokens when the model is confident and many when it is not", np == 1 && nf == 4,
		fmt.Sprintf("MinP(0.05) kept %d of [8 0 0 0] and %d of [0 0.1 0.2 0.1]", np, nf), minpLesson)
	ext := MinP([]float64{1e4, -1e4}, 0.1)
	check.Invariant(t, "MinP([1e4 -1e4], 0.1) keeps only index 0 (no NaN)", slices.Equal(check.Kept(ext), []int{0}) && ext[0] == 1e4,
		fmt.Sprintf("got %v", ext), minpLesson)
}

// TestGumbelMaxChiSquare compares 100 000 seeded Gumbel-max draws with the
// softmax probabilities by Pearson's χ² test at α = 0.001 (3 degrees of
// freedom: critical value 16.2662, from scipy.stats.chi2.ppf(0.999, 3)).
func TestGumbelMaxChiSquare(t *testing.T) {
	probs := []float64{0.4, 0.3, 0.2, 0.1}
	logits := make([]float64, len(probs))
	for i, p := range probs {
		logits[i] = math.Log(p) + 3 // unnormalised on purpose
	}
	const n = 100_000
	counts := make([]float64, len(probs))
	for _, i := range GumbelDraws(logits, n, 2026, 1) {
		if i < 0 || i >= len(probs) {
			t.Fatalf("GumbelMax returned index %d, outside [0, %d)\n    %v", i, len(probs), gumbelLesson)
		}
		counts[i]++
	}
	chi2 := 0.0
	for i, p := range probs {
		e := n * p
		chi2 += (counts[i] - e) * (counts[i] - e) / e
	}
	check.Invariant(t, "Gumbel-max draws follow softmax(logits) (χ² goodness of fit, α = 0.001)", chi2 < 16.26623619623813,
		fmt.Sprintf("χ² = %.1f ≥ 16.27 with counts %v for probs %v", chi2, counts, probs), gumbelLesson)
}

func TestGumbelMaxNegInf(t *testing.T) {
	inf := math.Inf(1)
	for _, i := range GumbelDraws([]float64{-inf, 0, -inf, -inf}, 2000, 1, 2) {
		if i != 1 {
			t.Fatalf("GumbelMax([-Inf 0 -Inf -Inf]) returned %d: only index 1 has non-zero probability\n    %v", i, gumbelLesson)
		}
	}
	seen := map[int]int{}
	for _, i := range GumbelDraws([]float64{0, -inf, 0}, 2000, 3, 4) {
		seen[i]++
	}
	check.Invariant(t, "a −Inf logit is never drawn; equal logits are both drawn", seen[1] == 0 && seen[0] > 800 && seen[2] > 800,
		fmt.Sprintf("draws from [0 -Inf 0]: %v", seen), gumbelLesson)
}

// TestMinPBoundary grades the boundary p_i = minP · p_max, which float64
// computes exactly here (exp(−ln 2) = 0.5): the token is kept.
func TestMinPBoundary(t *testing.T) {
	for _, x := range [][]float64{{0, -math.Ln2}, {-math.Ln2, 0, -2 * math.Ln2}} {
		want := []int{0, 1}
		if got := check.Kept(MinP(x, 0.5)); !slices.Equal(got, want) {
			t.Errorf("MinP(%v, 0.5): expected to keep %v, kept %v\n    a token with p_i exactly 0.5 · p_max is kept (p_i ≥ minP · p_max)\n    %v", x, want, got, minpLesson)
		}
	}
}

// TestRepetitionPenalty grades the two properties of the CTRL penalty the
// lesson stresses: it depends on the sign of the logit, and not on how often
// a token occurred. Golden values: pkg/sampling.RepetitionPenalty, which
// agrees with Hugging Face's RepetitionPenaltyLogitsProcessor.
func TestRepetitionPenalty(t *testing.T) {
	rl := check.Lesson("lessons/09-modern-samplers.md, section “Repetition penalties”")
	for _, c := range []struct {
		logits   []float64
		previous []int
		theta    float64
		want     []float64
	}{
		// token 1 is negative (multiplied) and occurred twice (penalised once); token 3 is 0.
		{[]float64{2, -1, 0.5, 0, -3}, []int{0, 1, 1, 3}, 1.5, []float64{1.3333333333333333, -1.5, 0.5, 0, -3}},
		// the lesson's question: logit −0.5, seen once, θ = 1.2.
		{[]float64{-0.5, 1, 2}, []int{0}, 1.2, []float64{-0.6, 1, 2}},
		{[]float64{2.5, 0.5, 2}, []int{0, 1, 0}, 1.25, []float64{2, 0.4, 2}},
		{[]float64{-2, -4, -1}, nil, 3, []float64{-2, -4, -1}},
	} {
		orig := slices.Clone(c.logits)
		got := RepetitionPenalty(c.logits, c.previous, c.theta)
		check.Slice(t, fmt.Sprintf("RepetitionPenalty(%v, previous %v, θ = %v)", c.logits, c.previous, c.theta), got, c.want, 1e-15, rl)
		check.Unchanged(t, "RepetitionPenalty", c.logits, orig)
	}
}

// TestTemperatureMinP grades the order of application: with temperature
// first, min-p keeps z_i ≥ z_max + T ln minP, so T = 2 keeps more tokens and
// T = 0.5 fewer than min-p on the T = 1 distribution (llama.cpp's default
// order, temperature last).
func TestTemperatureMinP(t *testing.T) {
	ol := check.Lesson("lessons/09-modern-samplers.md, section “Order of application”")
	z := []float64{3, 2, 1, 0, -1, -2}
	orig := slices.Clone(z)
	// Kept sets: pkg/sampling.Sampler{Temperature: T, MinP: 0.1}.Filter.
	for _, c := range []struct {
		T    float64
		want []int
	}{{2, []int{0, 1, 2, 3, 4}}, {1, []int{0, 1, 2}}, {0.5, []int{0, 1}}} {
		got := TemperatureMinP(z, c.T, 0.1)
		what := fmt.Sprintf("TemperatureMinP(%v, T = %v, minP = 0.1) (temperature first)", z, c.T)
		if k := check.Kept(got); !slices.Equal(k, c.want) || len(got) != len(z) {
			t.Errorf("%s: expected to keep %v, kept %v\n    filtered: %v\n    %v", what, c.want, k, got, ol)
			continue
		}
		for _, i := range c.want {
			check.Close(t, fmt.Sprintf("%s: kept logit %d is logits[%d] / T", what, i, i), got[i], z[i]/c.T, 1e-15, ol)
		}
	}
	check.Unchanged(t, "TemperatureMinP", z, orig)
}
