package probability_test

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat"

	"github.com/bitsandlogits/course/pkg/probability"
)

// TestAgreesWithGonum cross-checks the functions that gonum/stat also has.
// gonum's JensenShannon is the divergence itself (not its square root).
func TestAgreesWithGonum(t *testing.T) {
	dists := [][]float64{
		{0.5, 0.5, 0, 0},
		{0.1, 0.2, 0.3, 0.4},
		{0.25, 0.25, 0.25, 0.25},
		{0.7, 0.1, 0.1, 0.1},
		{0.05, 0.05, 0.45, 0.45},
	}
	close := func(a, b float64) bool { return math.Abs(a-b) <= 1e-14*max(1, math.Abs(b)) }
	for _, p := range dists {
		if got, want := probability.Entropy(p), stat.Entropy(p); !close(got, want) {
			t.Errorf("Entropy(%v) = %v, gonum %v", p, got, want)
		}
		for _, q := range dists {
			if got, want := probability.CrossEntropy(p, q), stat.CrossEntropy(p, q); !(close(got, want) || math.IsInf(got, 1) && math.IsInf(want, 1)) {
				t.Errorf("CrossEntropy(%v, %v) = %v, gonum %v", p, q, got, want)
			}
			if got, want := probability.KLDivergence(p, q), stat.KullbackLeibler(p, q); !(close(got, want) || math.IsInf(got, 1) && math.IsInf(want, 1)) {
				t.Errorf("KL(%v‖%v) = %v, gonum %v", p, q, got, want)
			}
			if got, want := probability.JSDivergence(p, q), stat.JensenShannon(p, q); !close(got, want) {
				t.Errorf("JS(%v, %v) = %v, gonum %v", p, q, got, want)
			}
		}
	}
}
