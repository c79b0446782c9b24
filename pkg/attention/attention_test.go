package attention

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestScoresAndWeightsGolden(t *testing.T) {
	// q = (1, 0, 1, 0), keys e₁, e₁+e₃, 0; d = 4, scale 1/2: scores (0.5, 1, 0).
	q := []float64{1, 0, 1, 0}
	keys := [][]float64{{1, 0, 0, 0}, {1, 0, 1, 0}, {0, 0, 0, 0}}
	s := Scores(q, keys, 0.5)
	want := []float64{0.5, 1, 0}
	for j := range s {
		if s[j] != want[j] {
			t.Fatalf("Scores = %v, want %v", s, want)
		}
	}
	w := Weights(Causal(s, 1))
	// softmax(0.5, 1) = (1, e^0.5)/(1 + e^0.5); position 2 masked.
	e := math.Exp(0.5)
	for j, g := range []float64{1 / (1 + e), e / (1 + e), 0} {
		if math.Abs(w[j]-g) > 1e-15 {
			t.Fatalf("Weights(Causal) = %v, want %v at %d", w, g, j)
		}
	}
	if h, g := Entropy(w), -(1/(1+e))*math.Log(1/(1+e))-(e/(1+e))*math.Log(e/(1+e)); math.Abs(h-g) > 1e-15 {
		t.Fatalf("Entropy = %v, want %v", h, g)
	}
}

func TestAllMaskedRow(t *testing.T) {
	inf := math.Inf(-1)
	w := Weights([]float64{inf, inf})
	if w[0] != 0 || w[1] != 0 {
		t.Fatalf("all-masked row gives %v, want zeros", w)
	}
	if o, l := Online([]float64{inf, inf, inf}, []float64{1, 2, 3}, 2); o != 0 || !math.IsInf(l, -1) {
		t.Fatalf("Online(all −Inf) = %v, %v", o, l)
	}
}

// Online equals the full softmax for every block size, including blocks
// that are entirely masked and scores of ±1e4.
func TestOnlineEqualsFull(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 1))
	inf := math.Inf(-1)
	for trial := range 300 {
		n := 1 + rng.IntN(40)
		s, v := make([]float64, n), make([]float64, n)
		spread := []float64{1, 30, 1e4}[trial%3]
		for j := range s {
			s[j], v[j] = spread*rng.NormFloat64(), rng.NormFloat64()
			if rng.IntN(4) == 0 && j != n-1 {
				s[j] = inf
			}
		}
		if trial%5 == 0 { // a leading masked block
			for j := range min(3, n-1) {
				s[j] = inf
			}
		}
		wo, wl := Full(s, v)
		for block := 1; block <= n+1; block++ {
			o, l := Online(s, v, block)
			if math.Abs(o-wo) > 1e-12*(1+math.Abs(wo)) || math.Abs(l-wl) > 1e-12*(1+math.Abs(wl)) {
				t.Fatalf("trial %d, block %d: online (%v, %v), full (%v, %v); scores %v", trial, block, o, l, wo, wl, s)
			}
		}
	}
}
