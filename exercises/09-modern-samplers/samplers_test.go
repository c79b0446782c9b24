package samplers_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/bitsandlogits/course/exercises/09-modern-samplers"
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
		got := samplers.MinP(z, c.minP)
		if k := check.Kept(got); !slices.Equal(k, c.want) || len(got) != len(z) {
			t.Errorf("MinP(%v, %v): expected to keep %v, kept %v (keep p_i ≥ minP·p_max)\n    filtered: %v\n    %v", z, c.minP, c.want, k, got, minpLesson)
		}
	}
	check.Unchanged(t, "MinP", z, orig)
}

func TestMinPScalesWithConfidence(t *testing.T) {
	peaked, flat := []float64{8, 0, 0, 0}, []float64{0, 0.1, 0.2, 0.1}
	np, nf := len(check.Kept(samplers.MinP(peaked, 0.05))), len(check.Kept(samplers.MinP(flat, 0.05)))
	check.Invariant(t, "min-p keeps few tokens when the model is confident and many when it is not", np == 1 && nf == 4,
		fmt.Sprintf("MinP(0.05) kept %d of [8 0 0 0] and %d of [0 0.1 0.2 0.1]", np, nf), minpLesson)
	ext := samplers.MinP([]float64{1e4, -1e4}, 0.1)
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
	rng := rand.New(rand.NewPCG(2026, 1))
	const n = 100_000
	counts := make([]float64, len(probs))
	for range n {
		i := samplers.GumbelMax(logits, rng)
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
	rng := rand.New(rand.NewPCG(1, 2))
	inf := math.Inf(1)
	seen := map[int]int{}
	for range 2000 {
		if i := samplers.GumbelMax([]float64{-inf, 0, -inf, -inf}, rng); i != 1 {
			t.Fatalf("GumbelMax([-Inf 0 -Inf -Inf]) returned %d: only index 1 has non-zero probability\n    %v", i, gumbelLesson)
		}
		seen[samplers.GumbelMax([]float64{0, -inf, 0}, rng)]++
	}
	check.Invariant(t, "a −Inf logit is never drawn; equal logits are both drawn", seen[1] == 0 && seen[0] > 800 && seen[2] > 800,
		fmt.Sprintf("draws from [0 -Inf 0]: %v", seen), gumbelLesson)
}
