package sampling_test

import (
	"math"
	"slices"
	"testing"

	"github.com/bitsandlogits/course/internal/panictest"
	"github.com/bitsandlogits/course/pkg/sampling"
)

var negInf = math.Inf(-1)

func TestGreedy(t *testing.T) {
	if got := sampling.Greedy([]float64{1, 3, 3, 2}); got != 1 {
		t.Errorf("Greedy with a tie = %d, want the lowest index 1", got)
	}
	if got := sampling.Greedy([]float64{negInf, -5}); got != 1 {
		t.Errorf("Greedy([-Inf -5]) = %d, want 1", got)
	}
	if got := sampling.Greedy([]float64{7}); got != 0 {
		t.Errorf("Greedy(V=1) = %d", got)
	}
}

func TestTopKEdges(t *testing.T) {
	z := []float64{1, 4, 4, 2, 0}
	tests := []struct {
		k    int
		want []int
	}{
		{1, []int{1, 2}},          // tie at the top: both kept
		{2, []int{1, 2}},          // exactly k
		{3, []int{1, 2, 3}},       // next value
		{5, []int{0, 1, 2, 3, 4}}, // k = V
		{99, []int{0, 1, 2, 3, 4}},
	}
	for _, tt := range tests {
		if got := kept(sampling.TopK(z, tt.k)); !slices.Equal(got, tt.want) {
			t.Errorf("TopK(%v, %d) keeps %v, want %v", z, tt.k, got, tt.want)
		}
	}
	if got := kept(sampling.TopK([]float64{negInf, 3, negInf}, 2)); !slices.Equal(got, []int{1}) {
		t.Errorf("TopK with -Inf entries keeps %v, want [1]", got)
	}
	orig := slices.Clone(z)
	sampling.TopK(z, 1)
	if !slices.Equal(z, orig) {
		t.Error("TopK modified its input")
	}
}

// dyadic logits: softmax gives exactly 1/2, 1/4, 1/8, 1/8, so the running sums
// are exact and the top-p boundary can be tested without rounding.
var dyadic = []float64{math.Log(4), math.Log(2), 0, 0}

func TestTopPBoundary(t *testing.T) {
	tests := []struct {
		p    float64
		want []int
	}{
		{0.5, []int{0}},          // cumulative mass hits p exactly on the first token: stop there
		{0.5000001, []int{0, 1}}, // just above: the crossing token is kept
		{0.75, []int{0, 1}},      // exact again
		{0.8, []int{0, 1, 2}},
		{0.875, []int{0, 1, 2}}, // 1/8 + 1/8 tie: the lower index comes first
		{0.9, []int{0, 1, 2, 3}},
		{1, []int{0, 1, 2, 3}}, // off
		{1e-9, []int{0}},       // at least one token
	}
	for _, tt := range tests {
		if got := kept(sampling.TopP(dyadic, tt.p)); !slices.Equal(got, tt.want) {
			t.Errorf("TopP(p=%v) keeps %v, want %v", tt.p, got, tt.want)
		}
	}
	// Uniform: ties broken by index.
	if got := kept(sampling.TopP([]float64{0, 0, 0, 0}, 0.5)); !slices.Equal(got, []int{0, 1}) {
		t.Errorf("TopP over a uniform row keeps %v, want [0 1]", got)
	}
	if got := kept(sampling.TopP([]float64{5}, 0.3)); !slices.Equal(got, []int{0}) {
		t.Errorf("TopP with V=1 keeps %v", got)
	}
}

func TestTopPAdapts(t *testing.T) {
	peaked := []float64{10, 1, 0.5, 0, -1, -2, -3, -4}
	flat := []float64{0.1, 0, 0.05, -0.05, 0.02, -0.1, 0.08, 0}
	if a, b := len(kept(sampling.TopP(peaked, 0.9))), len(kept(sampling.TopP(flat, 0.9))); a != 1 || b < 7 {
		t.Errorf("top-p(0.9) kept %d tokens of a peaked row and %d of a flat one; want 1 and ≥ 7", a, b)
	}
}

func TestMinPEdges(t *testing.T) {
	if got := kept(sampling.MinP(dyadic, 0)); !slices.Equal(got, []int{0, 1, 2, 3}) {
		t.Errorf("MinP(0) keeps %v, want all", got)
	}
	if got := kept(sampling.MinP([]float64{2, 2, 1}, 1)); !slices.Equal(got, []int{0, 1}) {
		t.Errorf("MinP(1) keeps %v, want the tied maxima [0 1]", got)
	}
	// Probabilities 1/2, 1/4, 1/8, 1/8: min_p = 0.25 keeps p ≥ 1/8 exactly.
	if got := kept(sampling.MinP(dyadic, 0.25)); !slices.Equal(got, []int{0, 1, 2, 3}) {
		t.Errorf("MinP(0.25) keeps %v, want all (1/8 ≥ 0.25·1/2 exactly)", got)
	}
	if got := kept(sampling.MinP(dyadic, 0.26)); !slices.Equal(got, []int{0, 1}) {
		t.Errorf("MinP(0.26) keeps %v, want [0 1]", got)
	}
}

func TestTypicalEdges(t *testing.T) {
	if got := kept(sampling.Typical(dyadic, 1)); len(got) != 4 {
		t.Errorf("Typical(mass 1) keeps %v, want all", got)
	}
	// Uniform: every surprisal equals the entropy, so all tie and all are kept.
	if got := kept(sampling.Typical([]float64{0, 0, 0}, 0.1)); len(got) != 3 {
		t.Errorf("Typical on a uniform row keeps %v, want all (ties)", got)
	}
	if got := kept(sampling.Typical([]float64{3, negInf, 1}, 0.5)); slices.Contains(got, 1) {
		t.Errorf("Typical kept an impossible token: %v", got)
	}
}

func TestPenalties(t *testing.T) {
	z := []float64{2, -2, 1, 0.5}
	got := sampling.RepetitionPenalty(z, []int{0, 1, 0}, 2)
	if want := []float64{1, -4, 1, 0.5}; !slices.Equal(got, want) {
		t.Errorf("RepetitionPenalty = %v, want %v (divide positive, multiply negative, once per token)", got, want)
	}
	if got := sampling.RepetitionPenalty(z, []int{0, 2}, 1); !slices.Equal(got, z) {
		t.Errorf("penalty 1 changed logits: %v", got)
	}
	got = sampling.FrequencyPresencePenalty(z, []int{2, 2, 2, 3}, 0.5, 0.25)
	if want := []float64{2, -2, 1 - 3*0.5 - 0.25, 0.5 - 1*0.5 - 0.25}; !slices.Equal(got, want) {
		t.Errorf("FrequencyPresencePenalty = %v, want %v", got, want)
	}
}

func TestCategorical(t *testing.T) {
	p := []float64{0.25, 0, 0.5, 0.25}
	for _, c := range []struct {
		u    float64
		want int
	}{{0, 0}, {0.2499, 0}, {0.25, 2}, {0.7499, 2}, {0.75, 3}, {0.9999999, 3}} {
		if got := sampling.Categorical(p, c.u); got != c.want {
			t.Errorf("Categorical(%v, u=%v) = %d, want %d", p, c.u, got, c.want)
		}
	}
	// Rounding leaves the total below 1: u beyond it returns the last possible token.
	if got := sampling.Categorical([]float64{0.3, 0.3, 0.3999999, 0}, 0.99999999); got != 2 {
		t.Errorf("u past a short total returned %d, want 2 (never a zero-probability token)", got)
	}
}

func TestBadInput(t *testing.T) {
	panictest.Check(t, "k=0", func() { sampling.TopK([]float64{1}, 0) }, "TopK", "k = 0")
	panictest.Check(t, "empty TopK", func() { sampling.TopK(nil, 1) }, "TopK", "empty")
	panictest.Check(t, "p=0", func() { sampling.TopP([]float64{1}, 0) }, "TopP", "p = 0")
	panictest.Check(t, "p>1", func() { sampling.TopP([]float64{1}, 1.5) }, "TopP", "1.5")
	panictest.Check(t, "p NaN", func() { sampling.TopP([]float64{1}, math.NaN()) }, "TopP", "NaN")
	panictest.Check(t, "min-p", func() { sampling.MinP([]float64{1}, -0.1) }, "MinP")
	panictest.Check(t, "typical", func() { sampling.Typical([]float64{1}, 0) }, "Typical")
	panictest.Check(t, "all -Inf greedy", func() { sampling.Greedy([]float64{negInf, negInf}) }, "Greedy", "-Inf")
	panictest.Check(t, "all -Inf top-p", func() { sampling.TopP([]float64{negInf}, 0.5) }, "-Inf")
	panictest.Check(t, "penalty 0", func() { sampling.RepetitionPenalty([]float64{1}, nil, 0) }, "RepetitionPenalty")
	panictest.Check(t, "token out of range", func() { sampling.RepetitionPenalty([]float64{1}, []int{3}, 2) }, "previous[0] = 3")
	panictest.Check(t, "u=1", func() { sampling.Categorical([]float64{1}, 1) }, "Categorical", "u = 1")
	panictest.Check(t, "negative prob", func() { sampling.Categorical([]float64{-1, 2}, 0.5) }, "probs[0]")
	panictest.Check(t, "no positive prob", func() { sampling.Categorical([]float64{0, 0}, 0.5) }, "no positive")
}
