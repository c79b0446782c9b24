package xla

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/bitsandlogits/course/pkg/probability"
	"github.com/bitsandlogits/course/pkg/rows"
	"github.com/bitsandlogits/course/pkg/sampling"
)

// The tests run on the backend $GOMLX_BACKEND names (CI: unset, the Go
// backend; scripts/gpu-check.sh: xla:cuda) and compare every op with the
// float64 references of pkg/probability and pkg/sampling, to 1e-5
// relative (with a floor of 1 for values in log space), and the sampled
// tokens with the native engine pkg/rows.

var engine *Engine

func TestMain(m *testing.M) {
	var err error
	engine, err = New()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	engine.Close()
	os.Exit(code)
}

const relTol = 1e-5

func closeRel(got, want float64) bool {
	if math.IsInf(want, 0) || math.IsNaN(want) {
		return got == want || (math.IsNaN(got) && math.IsNaN(want))
	}
	return math.Abs(got-want) <= relTol*math.Abs(want)+1e-30
}

func closeLog(got, want float64) bool {
	if math.IsInf(want, 0) || math.IsNaN(want) {
		return got == want || (math.IsNaN(got) && math.IsNaN(want))
	}
	return math.Abs(got-want) <= relTol*math.Max(1, math.Abs(want))
}

func batchOf(n, v int, scale float64, seed uint64) []float32 {
	r := rand.New(rand.NewPCG(seed, 42))
	x := make([]float32, n*v)
	for i := range x {
		x[i] = float32(r.NormFloat64() * scale)
	}
	return x
}

func row64(x []float32, r, v int) []float64 {
	out := make([]float64, v)
	for i := range out {
		out[i] = float64(x[r*v+i])
	}
	return out
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

var testShapes = []struct{ n, v int }{{3, 5}, {2, 300}}

func TestBackendReported(t *testing.T) {
	t.Logf("backend %s: %s", engine.Backend(), engine.Description())
	if want := os.Getenv("GOMLX_BACKEND"); want != "" && !strings.HasPrefix(want, engine.Backend()) {
		t.Errorf("GOMLX_BACKEND=%q but engine runs on %q", want, engine.Backend())
	}
	if os.Getenv("GOMLX_BACKEND") == "" && !XLACompiled && engine.Backend() != "go" {
		t.Errorf("default backend without XLA = %q, want go", engine.Backend())
	}
}

func TestOpenErrors(t *testing.T) {
	if _, err := Open("tpu9000"); err == nil || !strings.Contains(err.Error(), "unknown backend") {
		t.Errorf("Open(tpu9000) error = %v, want unknown backend", err)
	}
	if os.Getenv("PJRT_PLUGIN_LIBRARY_PATH") == "" {
		_, err := Open("xla:nosuchplugin")
		if err == nil || !(strings.Contains(err.Error(), "PJRT_PLUGIN_LIBRARY_PATH") || strings.Contains(err.Error(), "without the XLA backend")) {
			t.Errorf("Open(xla:nosuchplugin) error = %v, want install instructions", err)
		}
	}
}

func TestSoftmaxFamilyParity(t *testing.T) {
	for _, sh := range testShapes {
		x := batchOf(sh.n, sh.v, 3, uint64(sh.v))
		x[1] = float32(math.Inf(-1))
		for _, temp := range []float32{1, 0.6, 0} {
			p, lp := make([]float32, len(x)), make([]float32, len(x))
			h, lse := make([]float32, sh.n), make([]float32, sh.n)
			must(t, engine.Softmax(p, x, sh.v, temp))
			must(t, engine.LogSoftmax(lp, x, sh.v, temp))
			must(t, engine.Entropy(h, x, sh.v, temp))
			must(t, engine.LogSumExp(lse, x, sh.v))
			for r := range sh.n {
				want := probability.SoftmaxTemperature(row64(x, r, sh.v), float64(temp))
				for i, w := range want {
					if !closeRel(float64(p[r*sh.v+i]), w) || !closeLog(float64(lp[r*sh.v+i]), math.Log(w)) {
						t.Fatalf("V=%d T=%v [%d][%d]: softmax %v log %v, want %v", sh.v, temp, r, i, p[r*sh.v+i], lp[r*sh.v+i], w)
					}
				}
				if w := probability.Entropy(want); !closeLog(float64(h[r]), w) {
					t.Errorf("V=%d T=%v Entropy[%d] = %v, want %v", sh.v, temp, r, h[r], w)
				}
				if w := probability.LogSumExp(row64(x, r, sh.v)); !closeLog(float64(lse[r]), w) {
					t.Errorf("V=%d LogSumExp[%d] = %v, want %v", sh.v, r, lse[r], w)
				}
			}
		}
	}
}

func TestCrossEntropyParity(t *testing.T) {
	x := batchOf(4, 50, 3, 5)
	targets := []int{3, rows.IgnoreIndex, 49, 0}
	for _, eps := range []float64{0, 0.1} {
		opt := rows.TorchDefaults
		opt.LabelSmoothing = eps
		per := make([]float32, 4)
		must(t, engine.CrossEntropy(per, x, 50, targets, opt))
		var sum float64
		for r, tg := range targets {
			want := 0.0
			if tg != rows.IgnoreIndex {
				lg := row64(x, r, 50)
				u := make([]float64, 50)
				for i := range u {
					u[i] = 1.0 / 50
				}
				want = (1-eps)*probability.CrossEntropyLoss(lg, tg) + eps*probability.CrossEntropy(u, probability.Softmax(lg))
				sum += want
			}
			if !closeLog(float64(per[r]), want) {
				t.Errorf("ε=%v CE[%d] = %v, want %v", eps, r, per[r], want)
			}
		}
		got, err := engine.CrossEntropyLoss(x, 50, targets, opt)
		must(t, err)
		if !closeLog(got, sum/3) {
			t.Errorf("ε=%v mean CE = %v, want %v", eps, got, sum/3)
		}
	}
	all := []int{rows.IgnoreIndex, rows.IgnoreIndex, rows.IgnoreIndex, rows.IgnoreIndex}
	if got, _ := engine.CrossEntropyLoss(x, 50, all, rows.TorchDefaults); !math.IsNaN(got) {
		t.Errorf("mean CE over all-ignored rows = %v, want NaN", got)
	}
}

func TestDivergencesParity(t *testing.T) {
	p, q := batchOf(3, 40, 2, 1), batchOf(3, 40, 2, 2)
	kl, rkl, js := make([]float32, 3), make([]float32, 3), make([]float32, 3)
	must(t, engine.KL(kl, p, q, 40))
	must(t, engine.KL(rkl, q, p, 40))
	must(t, engine.JS(js, p, q, 40))
	for r := range 3 {
		pp, qq := probability.Softmax(row64(p, r, 40)), probability.Softmax(row64(q, r, 40))
		if w := probability.KLDivergence(pp, qq); !closeLog(float64(kl[r]), w) {
			t.Errorf("KL[%d] = %v, want %v", r, kl[r], w)
		}
		if w := probability.KLDivergence(qq, pp); !closeLog(float64(rkl[r]), w) {
			t.Errorf("reverse KL[%d] = %v, want %v", r, rkl[r], w)
		}
		if w := probability.JSDivergence(pp, qq); !closeLog(float64(js[r]), w) {
			t.Errorf("JS[%d] = %v, want %v", r, js[r], w)
		}
	}
	lr := []float32{-2, -0.1, 0, 0.3, 1.5}
	for e, f := range map[rows.Estimator]func(float64) float64{rows.K1: probability.KLEstimatorK1, rows.K2: probability.KLEstimatorK2, rows.K3: probability.KLEstimatorK3} {
		got := make([]float32, len(lr))
		must(t, engine.KLEstimate(got, lr, e))
		for i, r := range lr {
			if !closeLog(float64(got[i]), f(float64(r))) {
				t.Errorf("%v(%v) = %v, want %v", e, r, got[i], f(float64(r)))
			}
		}
	}
	pc, pr, rc, rr := []float32{-10, -3, -7}, []float32{-12, -2, -7}, []float32{-11, -3, -6}, []float32{-11, -3, -8}
	for kind, f := range map[rows.Preference]func(a, b, c, d, beta float64) float64{
		rows.DPO: probability.DPOLoss, rows.Hinge: probability.DPOHingeLoss, rows.IPO: probability.IPOLoss} {
		got := make([]float32, 3)
		must(t, engine.PreferenceLoss(got, pc, pr, rc, rr, 0.1, kind))
		for i := range got {
			w := f(float64(pc[i]), float64(pr[i]), float64(rc[i]), float64(rr[i]), float64(float32(0.1)))
			if !closeLog(float64(got[i]), w) {
				t.Errorf("%v pair %d = %v, want %v", kind, i, got[i], w)
			}
		}
	}
}

func sameMask(got []float32, want []float64) int {
	for i, w := range want {
		if math.IsInf(w, -1) != math.IsInf(float64(got[i]), -1) || (!math.IsInf(w, -1) && !closeLog(float64(got[i]), w)) {
			return i
		}
	}
	return -1
}

func TestMasksParity(t *testing.T) {
	for _, sh := range testShapes {
		for _, ties := range []bool{false, true} {
			x := batchOf(sh.n, sh.v, 2, 9)
			if ties {
				for i := range x {
					x[i] = float32(math.Round(float64(x[i])*2) / 2)
				}
			}
			out := make([]float32, len(x))
			for _, k := range []int{1, 3, sh.v} {
				must(t, engine.TopK(out, x, sh.v, k))
				for r := range sh.n {
					if i := sameMask(out[r*sh.v:(r+1)*sh.v], sampling.TopK(row64(x, r, sh.v), k)); i >= 0 {
						t.Fatalf("V=%d ties=%v TopK(%d) row %d differs at %d", sh.v, ties, k, r, i)
					}
				}
			}
			for _, p := range []float32{0.05, 0.5, 0.9, 1} {
				must(t, engine.TopP(out, x, sh.v, p))
				for r := range sh.n {
					if i := sameMask(out[r*sh.v:(r+1)*sh.v], sampling.TopP(row64(x, r, sh.v), float64(p))); i >= 0 {
						t.Fatalf("V=%d ties=%v TopP(%v) row %d differs at %d", sh.v, ties, p, r, i)
					}
				}
			}
			for _, mp := range []float32{0, 0.2, 1} {
				must(t, engine.MinP(out, x, sh.v, mp))
				for r := range sh.n {
					if i := sameMask(out[r*sh.v:(r+1)*sh.v], sampling.MinP(row64(x, r, sh.v), float64(mp))); i >= 0 {
						t.Fatalf("V=%d ties=%v MinP(%v) row %d differs at %d", sh.v, ties, mp, r, i)
					}
				}
			}
		}
	}
	out := make([]float32, 4)
	must(t, engine.TopP(out, []float32{1, 1, 1, 1}, 4, 0.5))
	if ninf := float32(math.Inf(-1)); !slices.Equal(out, []float32{1, 1, ninf, ninf}) {
		t.Errorf("TopP(equal ×4, 0.5) = %v, want the first two", out)
	}
}

func TestFilterAndSampleMatchNative(t *testing.T) {
	configs := []rows.SamplerConfig{
		{Temperature: 1},
		{Temperature: 0.7, TopK: 5},
		{Temperature: 1.3, TopK: 20, TopP: 0.8, MinP: 0.05},
		{Temperature: 0},
	}
	const n, v = 4, 60
	x := batchOf(n, v, 2, 17)
	for _, c := range configs {
		ref, err := sampling.New(sampling.Config{Temperature: float64(c.Temperature), TopK: c.TopK, TopP: float64(c.TopP), MinP: float64(c.MinP)})
		must(t, err)
		out := make([]float32, len(x))
		must(t, engine.Filter(out, x, v, c))
		for r := range n {
			if i := sameMask(out[r*v:(r+1)*v], ref.Filter(row64(x, r, v))); i >= 0 {
				t.Fatalf("%+v Filter row %d differs at %d", c, r, i)
			}
		}
		for step := range uint64(3) {
			got, want := make([]int, n), make([]int, n)
			must(t, engine.Sample(got, x, v, c, 7, step))
			rows.Sample(want, x, v, c, 7, step)
			if !slices.Equal(got, want) {
				t.Errorf("%+v step %d: xla tokens %v, native %v", c, step, got, want)
			}
		}
	}
}

func TestResident(t *testing.T) {
	x := batchOf(3, 70, 2, 8)
	targets := []int{4, rows.IgnoreIndex, 69}
	r, err := engine.Upload(x, 70)
	must(t, err)
	defer r.Free()
	if n, v := r.Rows(); n != 3 || v != 70 {
		t.Fatalf("Rows() = %d, %d", n, v)
	}
	want, got := make([]float32, 3), make([]float32, 3)
	must(t, engine.CrossEntropy(want, x, 70, targets, rows.TorchDefaults))
	for range 2 { // the resident batch survives calls
		must(t, engine.CrossEntropyOn(got, r, targets, rows.TorchDefaults))
		if !slices.Equal(got, want) {
			t.Errorf("CrossEntropyOn = %v, CrossEntropy = %v", got, want)
		}
		must(t, engine.DeviceCopy(r))
	}
}

// TestLargeLogits: a large max must not be rounded into the results.
func TestLargeLogits(t *testing.T) {
	x := []float32{3155.0117, 3155.0117, 3150}
	ce := make([]float32, 1)
	must(t, engine.CrossEntropy(ce, x, 3, []int{0}, rows.TorchDefaults))
	want := probability.CrossEntropyLoss([]float64{3155.0117, 3155.0117, 3150}, 0)
	if !closeLog(float64(ce[0]), want) {
		t.Errorf("CE = %v, want %v", ce[0], want)
	}
	p := make([]float32, 3)
	must(t, engine.Softmax(p, x, 3, 1))
	if sum := p[0] + p[1] + p[2]; math.Abs(float64(sum)-1) > 1e-6 {
		t.Errorf("softmax sums to %v", sum)
	}
}

// TestCrossEntropyMaskedLogit: a masked (−Inf) logit leaves the plain loss
// finite (it used to be NaN from 0·Inf in the unused smoothing term) and
// makes the label-smoothed loss +Inf, as in pkg/rows and PyTorch.
func TestCrossEntropyMaskedLogit(t *testing.T) {
	x := []float32{1, float32(math.Inf(-1)), 2, 0.5}
	ce := make([]float32, 1)
	must(t, engine.CrossEntropy(ce, x, 4, []int{0}, rows.TorchDefaults))
	want := probability.CrossEntropyLoss([]float64{1, math.Inf(-1), 2, 0.5}, 0)
	if !closeLog(float64(ce[0]), want) {
		t.Errorf("CE = %v, want %v", ce[0], want)
	}
	opt := rows.TorchDefaults
	opt.LabelSmoothing = 0.1
	must(t, engine.CrossEntropy(ce, x, 4, []int{0}, opt))
	if !math.IsInf(float64(ce[0]), 1) {
		t.Errorf("label-smoothed CE = %v, want +Inf", ce[0])
	}
}

// TestTinyTemperature: 1/T overflows float32 below T ≈ 2.9e−39; softmax
// must still be the T → 0 limit (tied maxima share), not NaN.
func TestTinyTemperature(t *testing.T) {
	x := []float32{1, 3, 2, 3}
	p := make([]float32, 4)
	must(t, engine.Softmax(p, x, 4, 1e-40))
	if want := []float32{0, 0.5, 0, 0.5}; !slices.Equal(p, want) {
		t.Errorf("Softmax(T = 1e-40) = %v, want %v", p, want)
	}
}

// TestSampleNoFiniteLogit: a row of −Inf draws −1, as in pkg/rows.
func TestSampleNoFiniteLogit(t *testing.T) {
	ninf := float32(math.Inf(-1))
	x := []float32{ninf, ninf, ninf, 0, 1, 2}
	got, want := make([]int, 2), make([]int, 2)
	cfg := rows.SamplerConfig{Temperature: 1}
	must(t, engine.Sample(got, x, 3, cfg, 4, 0))
	rows.Sample(want, x, 3, cfg, 4, 0)
	if got[0] != -1 || !slices.Equal(got, want) {
		t.Errorf("Sample = %v, rows.Sample %v, want -1 for the row of −Inf", got, want)
	}
}
