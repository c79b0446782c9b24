package sampling

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// bigram returns a next-token model from a row-stochastic table: the row of
// the last token, row 0 after an empty context.
func bigram(table [][]float64) NextDist {
	return func(ctx []int) []float64 {
		if len(ctx) == 0 {
			return slices.Clone(table[0])
		}
		return slices.Clone(table[ctx[len(ctx)-1]])
	}
}

var (
	targetTable = [][]float64{
		{0.5, 0.2, 0.2, 0.1},
		{0.1, 0.6, 0.1, 0.2},
		{0.25, 0.25, 0.25, 0.25},
		{0.05, 0.05, 0.1, 0.8},
	}
	draftTable = [][]float64{
		{0.25, 0.25, 0.25, 0.25},
		{0.4, 0.3, 0.2, 0.1},
		{0.7, 0.1, 0.1, 0.1},
		{0.1, 0.1, 0.1, 0.7},
	}
)

// TestSpeculativeExact draws the first three tokens of many generations by
// speculative rounds (k = 3, a draft unlike the target) and compares the 64
// cells of their joint distribution with p(t₁) p(t₂|t₁) p(t₃|t₂) by a χ²
// test. The seed is fixed, so the statistic is a golden number.
func TestSpeculativeExact(t *testing.T) {
	p, q := bigram(targetTable), bigram(draftTable)
	rng := rand.New(rand.NewPCG(7, 11))
	const n, v, length = 200000, 4, 3
	counts := make([]float64, v*v*v)
	for range n {
		var seq []int
		for len(seq) < length {
			toks, _ := SpeculativeRound(p, q, seq, 3, rng)
			seq = append(seq, toks...)
		}
		counts[(seq[0]*v+seq[1])*v+seq[2]]++
	}
	var chi2 float64
	for a := range v {
		for b := range v {
			for c := range v {
				e := n * targetTable[0][a] * targetTable[a][b] * targetTable[b][c]
				d := counts[(a*v+b)*v+c] - e
				chi2 += d * d / e
			}
		}
	}
	df := float64(v*v*v - 1)
	pValue := 1 - distuv.ChiSquared{K: df}.CDF(chi2)
	t.Logf("χ² = %.2f with %v degrees of freedom, p-value %.3f (%d generations)", chi2, df, pValue, n)
	if pValue < 0.001 {
		t.Errorf("χ² = %.2f, p-value %.2g: the output is not distributed as the target", chi2, pValue)
	}
}

func TestAcceptanceRate(t *testing.T) {
	p, q := []float64{0.5, 0.3, 0.2, 0}, []float64{0.25, 0.25, 0.25, 0.25}
	tv := 0.0
	for i := range p {
		tv += math.Abs(p[i]-q[i]) / 2
	}
	if a := AcceptanceRate(p, q); math.Abs(a-0.7) > 1e-15 || math.Abs(a-(1-tv)) > 1e-15 {
		t.Errorf("AcceptanceRate = %v, want 0.7 = 1 − TV = %v", a, 1-tv)
	}
	if a := AcceptanceRate(p, p); math.Abs(a-1) > 1e-15 {
		t.Errorf("AcceptanceRate(p, p) = %v, want 1", a)
	}
	if a := AcceptanceRate([]float64{1, 0}, []float64{0, 1}); a != 0 {
		t.Errorf("disjoint supports: AcceptanceRate = %v, want 0", a)
	}
	r := Residual(p, q)
	want := []float64{0.25 / 0.3, 0.05 / 0.3, 0, 0}
	for i := range r {
		if math.Abs(r[i]-want[i]) > 1e-12 {
			t.Fatalf("Residual = %v, want %v", r, want)
		}
	}
}

func TestExpectedTokens(t *testing.T) {
	for _, c := range []struct {
		alpha float64
		k     int
		want  float64
	}{{0, 4, 1}, {1, 4, 5}, {0.5, 2, 1.75}, {0.8, 4, (1 - math.Pow(0.8, 5)) / 0.2}, {0.9, 0, 1}} {
		if got := ExpectedTokens(c.alpha, c.k); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("ExpectedTokens(%v, %d) = %v, want %v", c.alpha, c.k, got, c.want)
		}
	}
}

// TestTokensPerRound measures the mean tokens per round for context-free p
// and q and compares it with ExpectedTokens(AcceptanceRate(p, q), k).
func TestTokensPerRound(t *testing.T) {
	pd, qd := []float64{0.6, 0.3, 0.1}, []float64{0.3, 0.4, 0.3}
	p := func([]int) []float64 { return pd }
	q := func([]int) []float64 { return qd }
	rng := rand.New(rand.NewPCG(1, 2))
	const n, k = 100000, 4
	var sum, sumSq float64
	for range n {
		toks, acc := SpeculativeRound(p, q, nil, k, rng)
		if len(toks) != acc+1 {
			t.Fatalf("%d tokens with %d accepted", len(toks), acc)
		}
		sum += float64(len(toks))
		sumSq += float64(len(toks) * len(toks))
	}
	mean := sum / n
	se := math.Sqrt((sumSq/n - mean*mean) / n)
	want := ExpectedTokens(AcceptanceRate(pd, qd), k)
	t.Logf("tokens per round: measured %.4f ± %.4f, formula %.4f (α = %.2f, k = %d)", mean, se, want, AcceptanceRate(pd, qd), k)
	if math.Abs(mean-want) > 4*se {
		t.Errorf("tokens per round %.4f ± %.4f, formula %.4f", mean, se, want)
	}
}

func TestSpeculativeEdges(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	same := bigram(targetTable)
	for range 1000 {
		if toks, acc := SpeculativeRound(same, same, []int{2}, 5, rng); acc != 5 || len(toks) != 6 {
			t.Fatalf("q = p: accepted %d, %d tokens; want 5, 6", acc, len(toks))
		}
	}
	p := func([]int) []float64 { return []float64{0, 0, 0.5, 0.5} }
	q := func([]int) []float64 { return []float64{0.5, 0.5, 0, 0} }
	for range 1000 {
		toks, acc := SpeculativeRound(p, q, nil, 3, rng)
		if acc != 0 || len(toks) != 1 || toks[0] < 2 {
			t.Fatalf("disjoint supports: accepted %d, tokens %v; want 0 and one token from p's support", acc, toks)
		}
	}
}
