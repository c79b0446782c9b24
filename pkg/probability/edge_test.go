package probability_test

import (
	"math"
	"testing"

	"github.com/bitsandlogits/course/internal/panictest"
	"github.com/bitsandlogits/course/pkg/probability"
)

var (
	inf    = math.Inf(1)
	negInf = math.Inf(-1)
	nan    = math.NaN()
)

func sum(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s
}

func equalExactly(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

func TestSoftmaxEdgeCases(t *testing.T) {
	tests := []struct {
		name   string
		logits []float64
		want   []float64
	}{
		{"single token", []float64{42}, []float64{1}},
		{"all equal", []float64{3, 3, 3, 3}, []float64{0.25, 0.25, 0.25, 0.25}},
		{"-Inf entries are probability 0", []float64{0, negInf, 0}, []float64{0.5, 0, 0.5}},
		{"spread ±1e300", []float64{1e300, -1e300}, []float64{1, 0}},
		{"float32 would overflow at 89", []float64{89, 89}, []float64{0.5, 0.5}},
		{"far below the max underflows to exactly 0", []float64{0, -800}, []float64{1, 0}},
		{"log 2 apart", []float64{math.Log(2), 0}, []float64{2.0 / 3, 1.0 / 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := probability.Softmax(tt.logits)
			for i := range got {
				if math.Abs(got[i]-tt.want[i]) > 1e-15 {
					t.Errorf("Softmax(%v) = %v, want %v", tt.logits, got, tt.want)
					break
				}
			}
		})
	}
}

func TestLogSoftmaxKeepsTinyProbabilities(t *testing.T) {
	got := probability.LogSoftmax([]float64{0, -800})
	if got[0] != 0 || got[1] != -800 {
		t.Errorf("LogSoftmax([0 -800]) = %v, want [0 -800] (ln of Softmax would give -Inf)", got)
	}
	if got := probability.LogSoftmax([]float64{1, negInf}); got[0] != 0 || !math.IsInf(got[1], -1) {
		t.Errorf("LogSoftmax([1 -Inf]) = %v, want [0 -Inf]", got)
	}
}

func TestLogSumExpBounds(t *testing.T) {
	x := []float64{1e308, 1e308}
	if got, want := probability.LogSumExp(x), 1e308; got != want { // + ln 2 is below one ulp of 1e308
		t.Errorf("LogSumExp(%v) = %v, want %v without overflow", x, got, want)
	}
	if got := probability.LogSumExp([]float64{negInf, 5}); got != 5 {
		t.Errorf("LogSumExp([-Inf 5]) = %v, want 5", got)
	}
	// ln(e⁻⁴⁰ + 1) — the remainder is kept by ln1p: 4.248354255291589e-18.
	if got, want := probability.LogSumExp([]float64{0, -40}), math.Log1p(math.Exp(-40)); got != want || got == 0 {
		t.Errorf("LogSumExp([0 -40]) = %v, want %v", got, want)
	}
}

func TestNaNLogitsPropagate(t *testing.T) {
	for name, f := range map[string]func([]float64) []float64{
		"Softmax":    probability.Softmax,
		"LogSoftmax": probability.LogSoftmax,
		"T=0.5":      func(z []float64) []float64 { return probability.SoftmaxTemperature(z, 0.5) },
		"T=0":        func(z []float64) []float64 { return probability.SoftmaxTemperature(z, 0) },
	} {
		for _, z := range [][]float64{{1, nan, 2}, {nan, negInf}} {
			got := f(z)
			for i, v := range got {
				if !math.IsNaN(v) && name != "T=0" {
					t.Errorf("%s(%v)[%d] = %v, want NaN", name, z, i, v)
				}
			}
		}
	}
	if got := probability.LogSumExp([]float64{1, nan}); !math.IsNaN(got) {
		t.Errorf("LogSumExp([1 NaN]) = %v, want NaN", got)
	}
}

func TestSoftmaxTemperatureLimits(t *testing.T) {
	z := []float64{2, 1, 0.1, -1}
	if got := probability.SoftmaxTemperature(z, 0); !equalExactly(got, []float64{1, 0, 0, 0}) {
		t.Errorf("T=0: %v, want one-hot on index 0", got)
	}
	if got := probability.SoftmaxTemperature([]float64{1, 5, 5}, 0); !equalExactly(got, []float64{0, 1, 0}) {
		t.Errorf("T=0 with a tie: %v, want the lowest tied index", got)
	}
	if got := probability.SoftmaxTemperature(z, 1e-300); !equalExactly(got, []float64{1, 0, 0, 0}) {
		t.Errorf("T=1e-300: %v, want one-hot without overflow", got)
	}
	// As T grows the distribution approaches uniform: entropy → ln V.
	hot := probability.SoftmaxTemperature(z, 1e6)
	if h := probability.Entropy(hot); math.Abs(h-math.Log(4)) > 1e-9 {
		t.Errorf("T=1e6: entropy %v, want ln 4 = %v", h, math.Log(4))
	}
	// Entropy rises with temperature.
	prev := -1.0
	for _, temp := range []float64{0.3, 0.5, 1, 1.5, 2} {
		h := probability.Entropy(probability.SoftmaxTemperature(z, temp))
		if h <= prev {
			t.Errorf("entropy at T=%v is %v, not above %v at the previous temperature", temp, h, prev)
		}
		prev = h
	}
}

func TestEntropyValues(t *testing.T) {
	if got := probability.Bits(probability.Entropy([]float64{0.5, 0.5})); got != 1 {
		t.Errorf("fair coin: %v bits, want exactly 1", got)
	}
	if got := probability.Entropy([]float64{0, 1, 0}); got != 0 {
		t.Errorf("one-hot entropy %v, want 0 (0·log 0 = 0)", got)
	}
	v := 50257
	u := make([]float64, v)
	for i := range u {
		u[i] = 1 / float64(v)
	}
	if got := probability.Entropy(u); math.Abs(got-math.Log(float64(v))) > 1e-10 {
		t.Errorf("uniform over %d: %v, want ln V = %v", v, got, math.Log(float64(v)))
	}
	if got := probability.Nats(probability.Bits(1.234)); math.Abs(got-1.234) > 1e-15 {
		t.Errorf("Nats(Bits(1.234)) = %v", got)
	}
	if got := probability.BinaryEntropy(0.5); got != math.Ln2 {
		t.Errorf("BinaryEntropy(0.5) = %v, want ln 2", got)
	}
}

func TestCrossEntropyAndKLEdges(t *testing.T) {
	p := []float64{0.5, 0.5, 0}
	q := []float64{1, 0, 0}
	if got := probability.CrossEntropy(p, q); !math.IsInf(got, 1) {
		t.Errorf("CrossEntropy with q=0 under p>0 = %v, want +Inf (not NaN)", got)
	}
	if got := probability.KLDivergence(p, q); !math.IsInf(got, 1) {
		t.Errorf("KL with q=0 under p>0 = %v, want +Inf", got)
	}
	if got := probability.KLDivergence(q, p); math.Abs(got-math.Ln2) > 1e-15 {
		t.Errorf("KL([1 0 0]‖[.5 .5 0]) = %v, want ln 2 (p=0 terms vanish)", got)
	}
	if got := probability.KLDivergence([]float64{1, 0}, []float64{5e-324, 1 - 5e-324}); math.IsInf(got, 0) || math.Abs(got-744.4400719213812) > 1e-9 {
		t.Errorf("KL with a subnormal q = %v, want the finite -ln(5e-324) ≈ 744.44", got)
	}
	for _, dist := range [][]float64{{1}, {0.3, 0.7}, {0.2, 0.2, 0.6}} {
		if got := probability.KLDivergence(dist, dist); got != 0 {
			t.Errorf("KL(p‖p) = %v for %v, want exactly 0", got, dist)
		}
	}
	// H(p,q) = H(p) + KL(p‖q).
	a, b := []float64{0.1, 0.6, 0.3}, []float64{0.4, 0.4, 0.2}
	if lhs, rhs := probability.CrossEntropy(a, b), probability.Entropy(a)+probability.KLDivergence(a, b); math.Abs(lhs-rhs) > 1e-15 {
		t.Errorf("H(p,q) = %v but H(p)+KL = %v", lhs, rhs)
	}
}

func TestJSDisjointIsExactlyLn2(t *testing.T) {
	cases := [][2][]float64{
		{{1, 0}, {0, 1}},
		{{0.5, 0.5, 0, 0}, {0, 0, 0.25, 0.75}},
		{{0.1, 0.2, 0.7, 0, 0}, {0, 0, 0, 0.3, 0.7}},
	}
	for _, c := range cases {
		if got := probability.JSDivergence(c[0], c[1]); got != math.Ln2 {
			t.Errorf("JS(%v, %v) = %v, want exactly ln 2 = %v", c[0], c[1], got, math.Ln2)
		}
	}
	if got := probability.JSDivergence([]float64{0.3, 0.7}, []float64{0.3, 0.7}); got != 0 {
		t.Errorf("JS(p, p) = %v, want 0", got)
	}
}

func TestCrossEntropyLoss(t *testing.T) {
	for _, c := range []struct {
		p, want float64
	}{{0.9, 0.10536051565782628}, {0.01, 4.605170185988091}} {
		// logits whose softmax puts probability p on token 0 of two.
		z := []float64{math.Log(c.p), math.Log(1 - c.p)}
		if got := probability.CrossEntropyLoss(z, 0); math.Abs(got-c.want) > 1e-15 {
			t.Errorf("loss at p=%v: %v, want %v", c.p, got, c.want)
		}
	}
	if got := probability.CrossEntropyLoss([]float64{0, -1000}, 1); got != 1000 {
		t.Errorf("loss of a target 1000 nats below: %v, want 1000 (no underflow to +Inf)", got)
	}
	if got := probability.CrossEntropyLoss([]float64{0, negInf}, 1); !math.IsInf(got, 1) {
		t.Errorf("loss of a -Inf target: %v, want +Inf", got)
	}
}

func TestPerplexity(t *testing.T) {
	for _, v := range []int{2, 256, 50257, 100277, 200019} {
		lp := make([]float64, 1000)
		for i := range lp {
			lp[i] = -math.Log(float64(v))
		}
		if got := probability.Perplexity(lp); math.Abs(got-float64(v)) > 1e-9*float64(v) {
			t.Errorf("uniform over %d: perplexity %v, want %d", v, got, v)
		}
	}
	if got := probability.Perplexity([]float64{0, 0}); got != 1 {
		t.Errorf("certain model: %v, want 1", got)
	}
	if got := probability.Perplexity([]float64{-1, negInf}); !math.IsInf(got, 1) {
		t.Errorf("impossible token: %v, want +Inf", got)
	}
	if got, want := probability.BitsPerByte(8*math.Ln2, 4), 2.0; got != want {
		t.Errorf("BitsPerByte(8 ln 2, 4) = %v, want %v", got, want)
	}
}

func TestMutualInformationIdentities(t *testing.T) {
	joint := [][]float64{{0.3, 0.1}, {0.05, 0.25}, {0.1, 0.2}}
	px, py := probability.Marginals(joint)
	mi := probability.MutualInformation(joint)
	hx := probability.Entropy(px)
	if got := hx - probability.ConditionalEntropy(joint); math.Abs(got-mi) > 1e-15 {
		t.Errorf("H(X) − H(X|Y) = %v, I(X;Y) = %v", got, mi)
	}
	var flat, prod []float64
	for i, row := range joint {
		for j, v := range row {
			flat = append(flat, v)
			prod = append(prod, px[i]*py[j])
		}
	}
	if kl := probability.KLDivergence(flat, prod); math.Abs(kl-mi) > 1e-15 {
		t.Errorf("KL(P(X,Y)‖P(X)P(Y)) = %v, I(X;Y) = %v", kl, mi)
	}
	indep := [][]float64{{0.12, 0.28}, {0.18, 0.42}}
	if got := probability.MutualInformation(indep); got > 1e-16 {
		t.Errorf("independent joint: I = %v, want 0", got)
	}
	diag := [][]float64{{0.5, 0}, {0, 0.5}}
	if got := probability.MutualInformation(diag); math.Abs(got-math.Ln2) > 1e-15 {
		t.Errorf("Y = X for a fair bit: I = %v, want ln 2", got)
	}
}

func TestPosterior(t *testing.T) {
	// A detector with 95% recall and a 10% false-positive rate, 5% base rate:
	// P(hallucination | flag) = .95·.05 / (.95·.05 + .10·.95) = 1/3.
	post := probability.Posterior([]float64{0.05, 0.95}, []float64{0.95, 0.10})
	if math.Abs(post[0]-1.0/3) > 1e-15 || math.Abs(sum(post)-1) > 1e-15 {
		t.Errorf("posterior %v, want [1/3 2/3]", post)
	}
	if got := probability.Posterior([]float64{0, 1}, []float64{1, 0.5}); got[0] != 0 {
		t.Errorf("prior 0 must stay 0, got %v", got)
	}
}

func TestCalibration(t *testing.T) {
	conf := []float64{0.95, 0.95, 0.95, 0.95, 0.55, 0.55, 0}
	correct := []bool{true, true, true, false, true, false, false}
	bins := probability.ReliabilityDiagram(conf, correct, 10)
	if b := bins[9]; b.Count != 4 || b.Accuracy != 0.75 || math.Abs(b.Confidence-0.95) > 1e-15 {
		t.Errorf("top bin %+v, want 4 predictions, accuracy .75, confidence .95", b)
	}
	if b := bins[0]; b.Count != 1 || b.Accuracy != 0 {
		t.Errorf("confidence 0 belongs to the first bin: %+v", b)
	}
	if b := bins[3]; b.Count != 0 || !math.IsNaN(b.Accuracy) {
		t.Errorf("empty bin %+v, want count 0 and NaN accuracy", b)
	}
	// ECE = (4·|.75−.95| + 2·|.5−.55| + 1·|0−0|)/7 = (0.8 + 0.1)/7.
	if got, want := probability.ExpectedCalibrationError(conf, correct, 10), 0.9/7; math.Abs(got-want) > 1e-15 {
		t.Errorf("ECE = %v, want %v", got, want)
	}
	// Bin edges are (lo, hi]: exactly 0.1 belongs to the first of ten bins.
	if b := probability.ReliabilityDiagram([]float64{0.1}, []bool{true}, 10); b[0].Count != 1 {
		t.Errorf("confidence 0.1 should fall in (0, 0.1]: %+v", b[:2])
	}
}

func TestFitTemperatureRecoversScale(t *testing.T) {
	// Labels drawn from softmax(z) exactly, presented as logits 3z: the model is
	// over-confident by a factor 3 and the fitted temperature must be ≈ 3.
	var logits [][]float64
	var labels []int
	base := [][]float64{{2, 0.5, -1}, {0.2, 1.1, 0.4}, {-0.5, 0.1, 1.6}, {1, 1, 0}}
	for _, z := range base {
		p := probability.Softmax(z)
		for y, py := range p {
			// weight each label by its probability via repetition (exact expectation).
			n := int(math.Round(py * 1000))
			for range n {
				scaled := []float64{3 * z[0], 3 * z[1], 3 * z[2]}
				logits = append(logits, scaled)
				labels = append(labels, y)
			}
		}
	}
	if got := probability.FitTemperature(logits, labels); math.Abs(got-3) > 0.01 {
		t.Errorf("FitTemperature = %v, want ≈ 3", got)
	}
}

func TestKLEstimators(t *testing.T) {
	for _, lr := range []float64{-2, -1e-9, 0, 1e-9, 0.7} {
		if k1 := probability.KLEstimatorK1(lr); k1 != -lr {
			t.Errorf("k1(%v) = %v", lr, k1)
		}
		if k2 := probability.KLEstimatorK2(lr); k2 != 0.5*lr*lr {
			t.Errorf("k2(%v) = %v", lr, k2)
		}
		k3 := probability.KLEstimatorK3(lr)
		if k3 < 0 {
			t.Errorf("k3(%v) = %v < 0", lr, k3)
		}
	}
	// Precision near r = 1: k3 ≈ (ln r)²/2, not a cancellation to 0.
	if got := probability.KLEstimatorK3(1e-9); math.Abs(got-5e-19)/5e-19 > 1e-6 {
		t.Errorf("k3(1e-9) = %v, want ≈ 5e-19", got)
	}
	// Exact expectations over q: E[k1] = E[k3] = KL(q‖p).
	q := []float64{0.5, 0.3, 0.2}
	p := []float64{0.2, 0.3, 0.5}
	var e1, e3 float64
	for i := range q {
		lr := math.Log(p[i]) - math.Log(q[i])
		e1 += q[i] * probability.KLEstimatorK1(lr)
		e3 += q[i] * probability.KLEstimatorK3(lr)
	}
	kl := probability.KLDivergence(q, p)
	if math.Abs(e1-kl) > 1e-15 || math.Abs(e3-kl) > 1e-15 {
		t.Errorf("E_q[k1] = %v, E_q[k3] = %v, want KL(q‖p) = %v", e1, e3, kl)
	}
}

func TestSigmoid(t *testing.T) {
	for _, x := range []float64{-800, -30, -1, 0, 1, 30, 800} {
		s := probability.Sigmoid(x)
		if s < 0 || s > 1 || math.IsNaN(s) {
			t.Errorf("Sigmoid(%v) = %v", x, s)
		}
		if ls := probability.LogSigmoid(x); math.IsInf(ls, 0) || math.IsNaN(ls) {
			t.Errorf("LogSigmoid(%v) = %v, want finite", x, ls)
		}
	}
	if got := probability.LogSigmoid(-800); got != -800 {
		t.Errorf("LogSigmoid(-800) = %v, want -800", got)
	}
	if got := probability.DPOLoss(-5, -5, -5, -5, 0.1); got != math.Ln2 {
		t.Errorf("DPO loss at zero margin = %v, want ln 2", got)
	}
}

func TestBadInputPanics(t *testing.T) {
	panictest.Check(t, "empty softmax", func() { probability.Softmax(nil) }, "Softmax", "empty")
	panictest.Check(t, "all -Inf", func() { probability.Softmax([]float64{negInf, negInf}) }, "Softmax", "-Inf")
	panictest.Check(t, "+Inf logit", func() { probability.LogSoftmax([]float64{1, inf}) }, "LogSoftmax", "+Inf", "index 1")
	panictest.Check(t, "negative T", func() { probability.SoftmaxTemperature([]float64{1}, -1) }, "SoftmaxTemperature", "-1")
	panictest.Check(t, "NaN T", func() { probability.SoftmaxTemperature([]float64{1}, nan) }, "SoftmaxTemperature", "NaN")
	panictest.Check(t, "target out of range", func() { probability.CrossEntropyLoss([]float64{1, 2}, 2) }, "CrossEntropyLoss", "target 2")
	panictest.Check(t, "negative probability", func() { probability.Entropy([]float64{1.5, -0.5}) }, "Entropy", "p[1] = -0.5")
	panictest.Check(t, "NaN probability", func() { probability.Entropy([]float64{nan, 1}) }, "Entropy", "NaN")
	panictest.Check(t, "unnormalised", func() { probability.Entropy([]float64{0.5, 0.6}) }, "Entropy", "sums to")
	panictest.Check(t, "length mismatch", func() { probability.KLDivergence([]float64{1}, []float64{0.5, 0.5}) }, "KLDivergence", "length mismatch")
	panictest.Check(t, "JS mismatch", func() { probability.JSDivergence([]float64{1}, []float64{0.5, 0.5}) }, "JSDivergence")
	panictest.Check(t, "empty perplexity", func() { probability.Perplexity(nil) }, "Perplexity", "empty")
	panictest.Check(t, "positive log-prob", func() { probability.Perplexity([]float64{-1, 0.5}) }, "Perplexity", "logProbs[1] = 0.5")
	panictest.Check(t, "joint not summing to 1", func() { probability.MutualInformation([][]float64{{0.5, 0.5}, {0.5, 0.5}}) }, "MutualInformation", "sums to 2")
	panictest.Check(t, "ragged joint", func() { probability.MutualInformation([][]float64{{0.5, 0.25}, {0.25}}) }, "ragged")
	panictest.Check(t, "impossible evidence", func() { probability.Posterior([]float64{0.5, 0.5}, []float64{0, 0}) }, "Posterior", "P(B)")
	panictest.Check(t, "beta 0", func() { probability.DPOLoss(0, 0, 0, 0, 0) }, "DPOLoss", "beta = 0")
	panictest.Check(t, "bins 0", func() { probability.ExpectedCalibrationError([]float64{0.5}, []bool{true}, 0) }, "bins = 0")
	panictest.Check(t, "confidence > 1", func() { probability.ExpectedCalibrationError([]float64{1.5}, []bool{true}, 10) }, "confidence[0] = 1.5")
	panictest.Check(t, "binary entropy p>1", func() { probability.BinaryEntropy(1.1) }, "BinaryEntropy")
	panictest.Check(t, "bytes 0", func() { probability.BitsPerByte(1, 0) }, "BitsPerByte")
}

// TestSoftmaxTo checks that SoftmaxTo gives Softmax's bits, into a separate
// row and in place, allocates nothing, and panics on a short dst and on
// Softmax's bad input.
func TestSoftmaxTo(t *testing.T) {
	rows := [][]float64{{0}, {1, 2, 3}, {-1000, 0, 1000}, {negInf, 2, negInf, 2}, {1e-300, -5e300, 7}, {nan, 1}}
	for _, z := range rows {
		want := probability.Softmax(z)
		got := probability.SoftmaxTo(make([]float64, len(z)), z)
		in := append([]float64(nil), z...)
		probability.SoftmaxTo(in, in)
		for i := range want {
			if math.Float64bits(got[i]) != math.Float64bits(want[i]) || math.Float64bits(in[i]) != math.Float64bits(want[i]) {
				t.Fatalf("SoftmaxTo(%v) = %v, in place %v; Softmax gives %v", z, got, in, want)
			}
		}
	}
	z, dst := []float64{3, 1, 4, 1, 5, 9, 2, 6}, make([]float64, 8)
	if n := testing.AllocsPerRun(10, func() { probability.SoftmaxTo(dst, z) }); n != 0 {
		t.Errorf("SoftmaxTo: %v allocations, want 0", n)
	}
	panictest.Check(t, "short dst", func() { probability.SoftmaxTo(make([]float64, 1), z) }, "SoftmaxTo", "len(dst) = 1", "len(logits) = 8")
	panictest.Check(t, "all -Inf", func() { probability.SoftmaxTo(make([]float64, 1), []float64{negInf}) }, "SoftmaxTo", "-Inf")
}
