package rows

import (
	"math"
	"testing"

	"github.com/bitsandlogits/course/pkg/probability"
)

// pad appends −Inf logits up to length 35, so that a row reaches the SIMD
// kernels (16 lanes) and their scalar tail.
func pad(x ...float32) []float32 {
	for len(x) < 35 {
		x = append(x, negInf)
	}
	return x
}

// TestHugeLogits checks that a large common offset of the logits does not
// round the normaliser away: cross-entropy and JS are computed from
// differences to the row's maximum, not from m + ln S.
func TestHugeLogits(t *testing.T) {
	for _, m := range []float32{1e10, 1e30, 3e38} {
		x := pad(m, m, m/2)
		v := len(x)
		ce := make([]float32, 1)
		CrossEntropy(ce, x, v, []int{1}, TorchDefaults)
		if !closeLog(float64(ce[0]), math.Ln2) {
			t.Errorf("m=%v: CE = %v, want ln 2", m, ce[0])
		}
		y := pad(m, m/2, m/2)
		js := make([]float32, 1)
		JS(js, x, y, v)
		want := probability.JSDivergence([]float64{0.5, 0.5}, []float64{1, 0})
		if !closeLog(float64(js[0]), want) {
			t.Errorf("m=%v: JS = %v, want %v", m, js[0], want)
		}
	}
}

// TestNonFiniteRowsDoNotPanic: a row with a +Inf or NaN logit, or with no
// finite logit, has no distribution; the filters must leave it alone
// rather than crash (top-p used to index its histogram with a NaN's bits).
func TestNonFiniteRowsDoNotPanic(t *testing.T) {
	inf, nan := float32(math.Inf(1)), float32(math.NaN())
	for _, x := range [][]float32{pad(inf, 0, 1), pad(nan, 0, 1), pad(), pad(0, inf, nan)} {
		v := len(x)
		out := make([]float32, v)
		TopP(out, x, v, 0.5)
		Filter(out, x, v, SamplerConfig{Temperature: 0.7, TopK: 3, TopP: 0.9, MinP: 0.1})
		Sample(make([]int, 1), x, v, SamplerConfig{Temperature: 1, TopP: 0.9}, 1, 0)
	}
}

// TestTinyTemperature: below T ≈ 2.9e−39 the float32 reciprocal 1/T is
// +Inf; the results must still be the T → 0 limit, the tied maxima
// sharing the mass (pkg/probability's float64 result), not NaN.
func TestTinyTemperature(t *testing.T) {
	x := pad(1, 3, 2, 3)
	v := len(x)
	for _, temp := range []float32{1e-30, 1e-40, 1e-45} {
		want := probability.SoftmaxTemperature(row64(x, 0, v), float64(temp))
		p := make([]float32, v)
		Softmax(p, x, v, temp)
		for i, w := range want {
			if !closeRel(float64(p[i]), w) {
				t.Fatalf("T=%v: Softmax[%d] = %v, want %v", temp, i, p[i], w)
			}
		}
		h := make([]float32, 1)
		Entropy(h, x, v, temp)
		if !closeLog(float64(h[0]), math.Ln2) {
			t.Errorf("T=%v: Entropy = %v, want ln 2", temp, h[0])
		}
		Filter(p, x, v, SamplerConfig{Temperature: temp, TopP: 0.9})
		if p[1] != 0 || p[3] != 0 || !math.IsInf(float64(p[0]), -1) || !math.IsInf(float64(p[2]), -1) {
			t.Errorf("T=%v: Filter = %v, want [-Inf 0 -Inf 0 …]", temp, p[:4])
		}
	}
}
