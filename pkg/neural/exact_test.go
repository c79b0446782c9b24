package neural

import (
	"math"
	"testing"
)

// TestExactMatchesPyTorch compares the exact evaluator with PyTorch's
// float64 evaluation of the same float32 weights (testdata/golden.json):
// both are float64 arithmetic, so they agree far below float32's 1e-7.
func TestExactMatchesPyTorch(t *testing.T) {
	golden := loadGolden(t)
	m, err := Load(committed)
	if err != nil {
		t.Fatal(err)
	}
	x, err := m.Exact()
	if err != nil {
		t.Fatal(err)
	}
	p := make([]float64, Vocab)
	for i, ctx := range golden.Contexts {
		x.Dist([]byte(ctx), p, nil)
		sum := 0.0
		for v, want := range golden.LogProbs[i] {
			sum += p[v]
			if got := math.Log(p[v]); math.Abs(got-want) > 1e-9 {
				t.Fatalf("context %q, byte %d: ln p = %.12f, PyTorch %.12f", ctx, v, got, want)
			}
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Fatalf("context %q: probabilities sum to %v", ctx, sum)
		}
	}
	if _, err := mustTransformer(t).Exact(); err == nil {
		t.Error("Exact on the transformer: want an error")
	}
}

func mustTransformer(t *testing.T) *Model {
	m, err := Load(committedTransformer)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestExpExactAndErf checks the hand-written exp and erf against package
// math over their ranges.
func TestExpExactAndErf(t *testing.T) {
	for x := -744.0; x <= 0; x += 0.37 {
		if got, want := expExact(x), math.Exp(x); math.Abs(got-want) > 4e-16*want {
			t.Fatalf("expExact(%v) = %v, math.Exp %v", x, got, want)
		}
	}
	if expExact(-746) != 0 || expExact(0) != 1 {
		t.Errorf("expExact(-746) = %v, expExact(0) = %v; want 0, 1", expExact(-746), expExact(0))
	}
	for x := -7.0; x <= 7; x += 0.013 {
		if got, want := erf(x), math.Erf(x); math.Abs(got-want) > 1e-14 {
			t.Fatalf("erf(%v) = %v, math.Erf %v", x, got, want)
		}
	}
}

func BenchmarkExactDist(b *testing.B) {
	m, err := Load(committed)
	if err != nil {
		b.Fatal(err)
	}
	x, _ := m.Exact()
	p, hidden := make([]float64, Vocab), make([]float64, x.Hidden())
	h := []byte("the refraction of the rays of light")
	b.SetBytes(1)
	for b.Loop() {
		x.Dist(h, p, hidden)
	}
}
