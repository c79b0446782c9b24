package distributions_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

const lesson = check.Lesson("lessons/01-distributions.md, section “Drawing a token: the inverse CDF”")

func TestNormalize(t *testing.T) {
	w := []float64{2, 1, 1, 0}
	orig := slices.Clone(w)
	p := Normalize(w)
	check.Slice(t, "Normalize([2 1 1 0])", p, []float64{0.5, 0.25, 0.25, 0}, 1e-15, lesson)
	check.Close(t, "sum of Normalize([0.3 0.3 0.3])", check.Sum(Normalize([]float64{0.3, 0.3, 0.3})), 1, 1e-15, lesson)
	check.Unchanged(t, "Normalize", w, orig)
}

func TestSampleInverseCDF(t *testing.T) {
	probs := []float64{0.1, 0, 0.6, 0.3}
	cases := []struct {
		u    float64
		want int
	}{{0, 0}, {0.0999, 0}, {0.1, 2}, {0.45, 2}, {0.6999, 2}, {0.7, 3}, {0.99999, 3}}
	for _, c := range cases {
		if got := Sample(probs, c.u); got != c.want {
			t.Errorf("Sample(%v, u=%v): expected index %d, got %d\n    the CDF is [0.1 0.1 0.7 1.0]: return the first i with u < CDF[i]\n    %v", probs, c.u, c.want, got, lesson)
		}
	}
	if got := Sample([]float64{0, 0.5, 0.5}, 0); got != 1 {
		t.Errorf("Sample([0 0.5 0.5], u=0): expected 1, got %d\n    invariant broken: a token with probability 0 must never be drawn\n    %v", got, lesson)
	}
	if got := Sample([]float64{0.3, 0.3, 0.3, 0}, 0.95); got != 2 {
		t.Errorf("Sample([0.3 0.3 0.3 0], u=0.95): expected 2, got %d\n    when rounding leaves u above the total, return the last index with positive probability\n    %v", got, lesson)
	}
}

// TestSampleNSeeded checks exact draws. The expected indices come from
// running the procedure SampleN's doc comment prescribes (PCG seeded with
// (42, 0), one Float64 per draw, inverse CDF) once: any implementation that
// follows it reproduces them.
func TestSampleNSeeded(t *testing.T) {
	probs := []float64{0.5, 0.2, 0.15, 0.1, 0.05}
	want := []int{0, 1, 0, 0, 2, 0, 0, 2, 0, 0, 3, 0, 1, 0, 3, 3, 0, 0, 3, 3}
	got := SampleN(probs, 20, 42)
	if !slices.Equal(got, want) {
		t.Errorf("SampleN(%v, 20, seed 42):\n    expected %v\n    got      %v\n    use rand.New(rand.NewPCG(seed, 0)) once, then Sample(probs, rng.Float64()) per draw\n    %v", probs, want, got, lesson)
	}
	again := SampleN(probs, 20, 42)
	check.Invariant(t, "the same seed gives the same draws", slices.Equal(got, again), fmt.Sprintf("first call %v, second call %v", got, again), lesson)
	other := SampleN(probs, 20, 43)
	check.Invariant(t, "a different seed gives different draws", !slices.Equal(got, other), fmt.Sprintf("seeds 42 and 43 both gave %v", got), lesson)
}

// TestSampleNChiSquare checks the empirical frequencies of 100 000 seeded
// draws with Pearson's χ² goodness-of-fit test at α = 0.001 (4 degrees of
// freedom: critical value 18.4668, from scipy.stats.chi2.ppf(0.999, 4)).
func TestSampleNChiSquare(t *testing.T) {
	probs := []float64{0.5, 0.2, 0.15, 0.1, 0.05}
	const n = 100_000
	counts := make([]float64, len(probs))
	for _, i := range SampleN(probs, n, 7) {
		if i < 0 || i >= len(probs) {
			t.Fatalf("SampleN returned index %d, outside [0, %d)\n    %v", i, len(probs), lesson)
		}
		counts[i]++
	}
	chi2 := 0.0
	for i, p := range probs {
		e := n * p
		chi2 += (counts[i] - e) * (counts[i] - e) / e
	}
	check.Invariant(t, "draws follow probs (χ² goodness of fit, α = 0.001)", chi2 < 18.46682695290317,
		fmt.Sprintf("χ² = %.1f ≥ 18.47 with counts %v for probs %v", chi2, counts, probs), lesson)
}
