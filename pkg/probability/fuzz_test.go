package probability_test

import (
	"encoding/binary"
	"math"
	"testing"

	"github.com/bitsandlogits/course/pkg/probability"
)

// logitsFrom turns fuzzer bytes into 1–64 finite logits in [−scale, scale],
// with an occasional −Inf, keeping at least one finite entry.
func logitsFrom(data []byte, scale float64) []float64 {
	var z []float64
	for len(data) >= 2 && len(z) < 64 {
		v := binary.LittleEndian.Uint16(data)
		data = data[2:]
		if v == 0xFFFF {
			z = append(z, math.Inf(-1))
			continue
		}
		z = append(z, (float64(v)/65534*2-1)*scale)
	}
	z = append(z, 0)
	return z
}

// distributionFrom is Softmax of logitsFrom, a valid distribution with zeros.
func distributionFrom(data []byte) []float64 {
	return probability.Softmax(logitsFrom(data, 30))
}

func FuzzSoftmaxInvariants(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4}, 1.0, 0.5)
	f.Add([]byte{0xFF, 0xFF, 0, 0, 9, 9}, 1e3, -7.0)
	f.Add([]byte{}, 1.0, 1e300)
	f.Fuzz(func(t *testing.T, data []byte, scale, shift float64) {
		if math.IsNaN(scale) || math.IsInf(scale, 0) || math.Abs(scale) > 1e6 || math.IsNaN(shift) || math.Abs(shift) > 1e6 {
			t.Skip()
		}
		z := logitsFrom(data, scale)
		p := probability.Softmax(z)
		s := 0.0
		for i, v := range p {
			if v < 0 || v > 1 {
				t.Fatalf("Softmax(%v)[%d] = %v outside [0,1]", z, i, v)
			}
			s += v
		}
		if math.Abs(s-1) > 1e-12 {
			t.Fatalf("Softmax(%v) sums to %v", z, s)
		}
		shifted := make([]float64, len(z))
		for i, v := range z {
			shifted[i] = v + shift
		}
		q := probability.Softmax(shifted)
		for i := range p {
			// Adding the shift rounds each logit by up to ulp(|z|+|shift|),
			// which moves probabilities by a relative amount of that size.
			tol := 1e-15 + 4e-16*(math.Abs(shift)+math.Abs(scale))*p[i]*float64(len(p))
			if math.Abs(p[i]-q[i]) > tol {
				t.Fatalf("shift invariance: softmax(z)[%d] = %v, softmax(z%+g)[%d] = %v", i, p[i], shift, i, q[i])
			}
		}
		lp := probability.LogSoftmax(z)
		for i := range p {
			if p[i] > 1e-300 && math.Abs(math.Exp(lp[i])-p[i]) > 1e-14 {
				t.Fatalf("exp(LogSoftmax)[%d] = %v, Softmax = %v", i, math.Exp(lp[i]), p[i])
			}
		}
		if lse, m := probability.LogSumExp(z), z[probability.Argmax(z)]; lse < m || lse > m+math.Log(float64(len(z)))+1e-12 {
			t.Fatalf("LogSumExp = %v outside [max, max + ln n] = [%v, %v]", lse, m, m+math.Log(float64(len(z))))
		}
	})
}

func FuzzEntropyBounds(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6})
	f.Add([]byte{0xFF, 0xFF, 0xFF, 0xFF})
	f.Fuzz(func(t *testing.T, data []byte) {
		p := distributionFrom(data)
		h := probability.Entropy(p)
		if h < 0 || h > math.Log(float64(len(p)))+1e-12 {
			t.Fatalf("H = %v outside [0, ln %d = %v] for %v", h, len(p), math.Log(float64(len(p))), p)
		}
	})
}

func FuzzDivergenceInvariants(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4}, []byte{4, 3, 2, 1})
	f.Add([]byte{0xFF, 0xFF, 7, 7}, []byte{7, 7, 0xFF, 0xFF})
	f.Fuzz(func(t *testing.T, a, b []byte) {
		p, q := distributionFrom(a), distributionFrom(b)
		n := min(len(p), len(q))
		p, q = renormalise(p[:n]), renormalise(q[:n])
		if kl := probability.KLDivergence(p, q); kl < 0 || math.IsNaN(kl) {
			t.Fatalf("KL(p‖q) = %v < 0 for p=%v q=%v", kl, p, q)
		}
		if kl := probability.KLDivergence(p, p); kl != 0 {
			t.Fatalf("KL(p‖p) = %v, want 0", kl)
		}
		js, sj := probability.JSDivergence(p, q), probability.JSDivergence(q, p)
		if js < 0 || js > math.Ln2 {
			t.Fatalf("JS = %v outside [0, ln 2]", js)
		}
		if math.Abs(js-sj) > 1e-15 {
			t.Fatalf("JS not symmetric: %v vs %v", js, sj)
		}
		if ce, h, kl := probability.CrossEntropy(p, q), probability.Entropy(p), probability.KLDivergence(p, q); !math.IsInf(kl, 1) && math.Abs(ce-(h+kl)) > 1e-9*max(1, ce) {
			t.Fatalf("H(p,q) = %v, H(p) + KL = %v", ce, h+kl)
		}
	})
}

// renormalise divides p by its sum so that a truncated distribution is valid
// again; an all-zero prefix becomes uniform.
func renormalise(p []float64) []float64 {
	s := 0.0
	for _, v := range p {
		s += v
	}
	out := make([]float64, len(p))
	for i, v := range p {
		if s == 0 {
			out[i] = 1 / float64(len(p))
		} else {
			out[i] = v / s
		}
	}
	return out
}
