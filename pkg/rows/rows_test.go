package rows

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/bitsandlogits/course/internal/vecmath"
	"github.com/bitsandlogits/course/pkg/probability"
	"github.com/bitsandlogits/course/pkg/sampling"

	"github.com/bitsandlogits/course/internal/panictest"
)

// The parity tests feed the same float32 logits (widened exactly to
// float64) to this package and to the float64 reference packages and
// require agreement to relTol: relative for probabilities, relative with
// a floor of 1 for values in log space (log-probabilities, losses,
// entropies), whose float32 inputs alone carry an absolute error of about
// 1e-7·|x|.
const relTol = 1e-5

func closeRel(got, want float64) bool {
	if math.IsInf(want, 0) || math.IsNaN(want) {
		return got == want || (math.IsNaN(got) && math.IsNaN(want))
	}
	return math.Abs(got-want) <= relTol*math.Abs(want)
}

func closeLog(got, want float64) bool {
	if math.IsInf(want, 0) || math.IsNaN(want) {
		return got == want || (math.IsNaN(got) && math.IsNaN(want))
	}
	return math.Abs(got-want) <= relTol*math.Max(1, math.Abs(want))
}

// batch returns rows×v logits ~ N(0, scale²), deterministic in seed.
func batch(rows, v int, scale float64, seed uint64) []float32 {
	r := rand.New(rand.NewPCG(seed, 42))
	x := make([]float32, rows*v)
	for i := range x {
		x[i] = float32(r.NormFloat64() * scale)
	}
	return x
}

// tied rounds logits to multiples of ½ so that rows have many ties.
func tied(x []float32) []float32 {
	y := slices.Clone(x)
	for i := range y {
		y[i] = float32(math.Round(float64(y[i])*2) / 2)
	}
	return y
}

func row64(x []float32, r, v int) []float64 {
	out := make([]float64, v)
	for i := range out {
		out[i] = float64(x[r*v+i])
	}
	return out
}

// shapes used by the parity tests: a tail shorter than a SIMD vector, a
// row longer than one kernel block, and one row only.
var shapes = []struct{ rows, v int }{{5, 3}, {4, 37}, {3, 1500}, {1, 17}}

func TestSoftmaxLogSoftmaxParity(t *testing.T) {
	t.Logf("SIMD kernels: %v", vecmath.SIMD())
	for _, sh := range shapes {
		for _, temp := range []float32{1, 0.7, 2.5, 0} {
			x := batch(sh.rows, sh.v, 3, uint64(sh.v))
			x[sh.v/2] = negInf // one masked token in row 0
			p := make([]float32, len(x))
			lp := make([]float32, len(x))
			Softmax(p, x, sh.v, temp)
			LogSoftmax(lp, x, sh.v, temp)
			h := make([]float32, sh.rows)
			Entropy(h, x, sh.v, temp)
			for r := range sh.rows {
				want := probability.SoftmaxTemperature(row64(x, r, sh.v), float64(temp))
				for i, w := range want {
					if !closeRel(float64(p[r*sh.v+i]), w) {
						t.Fatalf("V=%d T=%v Softmax[%d][%d] = %v, want %v", sh.v, temp, r, i, p[r*sh.v+i], w)
					}
					if !closeLog(float64(lp[r*sh.v+i]), math.Log(w)) {
						t.Fatalf("V=%d T=%v LogSoftmax[%d][%d] = %v, want %v", sh.v, temp, r, i, lp[r*sh.v+i], math.Log(w))
					}
				}
				if hw := probability.Entropy(want); !closeLog(float64(h[r]), hw) {
					t.Errorf("V=%d T=%v Entropy[%d] = %v, want %v", sh.v, temp, r, h[r], hw)
				}
			}
			if temp == 1 {
				for r := range sh.rows {
					if want := probability.LogSoftmax(row64(x, r, sh.v)); !closeLog(float64(lp[r*sh.v+1]), want[1]) {
						t.Errorf("V=%d LogSoftmax[%d][1] = %v, want %v", sh.v, r, lp[r*sh.v+1], want[1])
					}
				}
			}
		}
	}
}

func TestLogSumExpParity(t *testing.T) {
	for _, sh := range shapes {
		x := batch(sh.rows, sh.v, 10, 7)
		got := make([]float32, sh.rows)
		LogSumExp(got, x, sh.v)
		for r := range sh.rows {
			if want := probability.LogSumExp(row64(x, r, sh.v)); !closeLog(float64(got[r]), want) {
				t.Errorf("V=%d LogSumExp[%d] = %v, want %v", sh.v, r, got[r], want)
			}
		}
	}
	// Large logits must not overflow: ln(e¹⁰⁰⁰ + e¹⁰⁰⁰) = 1000 + ln 2.
	got := make([]float32, 1)
	LogSumExp(got, []float32{1000, 1000}, 2)
	if !closeLog(float64(got[0]), 1000+math.Ln2) {
		t.Errorf("LogSumExp(1000, 1000) = %v, want %v", got[0], 1000+math.Ln2)
	}
}

// ceReference is the float64 cross-entropy of one row with PyTorch's label
// smoothing: (1−ε)·(−ln q_t) + ε·H(uniform, q).
func ceReference(logits []float64, t int, eps float64) float64 {
	nll := probability.CrossEntropyLoss(logits, t)
	if eps == 0 {
		return nll
	}
	u := make([]float64, len(logits))
	for i := range u {
		u[i] = 1 / float64(len(u))
	}
	return (1-eps)*nll + eps*probability.CrossEntropy(u, probability.Softmax(logits))
}

func TestCrossEntropyParity(t *testing.T) {
	for _, sh := range shapes {
		x := batch(sh.rows, sh.v, 3, 11)
		targets := make([]int, sh.rows)
		for r := range targets {
			targets[r] = (r * 7) % sh.v
		}
		if sh.rows > 1 {
			targets[1] = IgnoreIndex
		}
		for _, eps := range []float64{0, 0.1} {
			opt := TorchDefaults
			opt.LabelSmoothing = eps
			per := make([]float32, sh.rows)
			CrossEntropy(per, x, sh.v, targets, opt)
			var sum float64
			n := 0
			for r, tg := range targets {
				want := 0.0
				if tg != IgnoreIndex {
					want = ceReference(row64(x, r, sh.v), tg, eps)
					sum += want
					n++
				}
				if !closeLog(float64(per[r]), want) {
					t.Errorf("V=%d ε=%v CE[%d] = %v, want %v", sh.v, eps, r, per[r], want)
				}
			}
			if got := CrossEntropyLoss(x, sh.v, targets, opt); !closeLog(got, sum/float64(n)) {
				t.Errorf("V=%d ε=%v mean CE = %v, want %v", sh.v, eps, got, sum/float64(n))
			}
			opt.Reduction = Sum
			if got := CrossEntropyLoss(x, sh.v, targets, opt); !closeLog(got, sum) {
				t.Errorf("V=%d ε=%v sum CE = %v, want %v", sh.v, eps, got, sum)
			}
			if got, want := Perplexity(x, sh.v, targets, opt), math.Exp(sum/float64(n)); !closeRel(got, want) {
				t.Errorf("V=%d ε=%v perplexity = %v, want %v", sh.v, eps, got, want)
			}
		}
	}
}

func TestCrossEntropyAllIgnoredIsNaN(t *testing.T) {
	x := batch(2, 4, 1, 1)
	targets := []int{IgnoreIndex, IgnoreIndex}
	if got := CrossEntropyLoss(x, 4, targets, TorchDefaults); !math.IsNaN(got) {
		t.Errorf("mean CE over all-ignored rows = %v, want NaN (as PyTorch)", got)
	}
	opt := TorchDefaults
	opt.Reduction = Sum
	if got := CrossEntropyLoss(x, 4, targets, opt); got != 0 {
		t.Errorf("sum CE over all-ignored rows = %v, want 0", got)
	}
}

func TestKLJSParity(t *testing.T) {
	for _, sh := range shapes {
		p := batch(sh.rows, sh.v, 2, 21)
		q := batch(sh.rows, sh.v, 2, 22)
		kl := make([]float32, sh.rows)
		rkl := make([]float32, sh.rows)
		js := make([]float32, sh.rows)
		KL(kl, p, q, sh.v)
		KL(rkl, q, p, sh.v)
		JS(js, p, q, sh.v)
		for r := range sh.rows {
			pp := probability.Softmax(row64(p, r, sh.v))
			qq := probability.Softmax(row64(q, r, sh.v))
			if want := probability.KLDivergence(pp, qq); !closeLog(float64(kl[r]), want) {
				t.Errorf("V=%d KL[%d] = %v, want %v", sh.v, r, kl[r], want)
			}
			if want := probability.KLDivergence(qq, pp); !closeLog(float64(rkl[r]), want) {
				t.Errorf("V=%d reverse KL[%d] = %v, want %v", sh.v, r, rkl[r], want)
			}
			if want := probability.JSDivergence(pp, qq); !closeLog(float64(js[r]), want) {
				t.Errorf("V=%d JS[%d] = %v, want %v", sh.v, r, js[r], want)
			}
		}
	}
	// q assigns probability 0 where p does not: KL(p‖q) = +Inf, JS stays ≤ ln 2.
	p, q := []float32{0, 0}, []float32{0, negInf}
	kl, js := make([]float32, 1), make([]float32, 1)
	KL(kl, p, q, 2)
	JS(js, p, q, 2)
	if !math.IsInf(float64(kl[0]), 1) || !(js[0] > 0 && float64(js[0]) <= math.Ln2) {
		t.Errorf("disjoint support: KL = %v (want +Inf), JS = %v (want in (0, ln 2])", kl[0], js[0])
	}
}

func TestEstimatorsAndPreferenceParity(t *testing.T) {
	lr := []float32{-2, -0.1, 0, 0.3, 1.5}
	refs := map[Estimator]func(float64) float64{K1: probability.KLEstimatorK1, K2: probability.KLEstimatorK2, K3: probability.KLEstimatorK3}
	for e, f := range refs {
		got := make([]float32, len(lr))
		KLEstimate(got, lr, e)
		for i, r := range lr {
			if !closeLog(float64(got[i]), f(float64(r))) {
				t.Errorf("%v(%v) = %v, want %v", e, r, got[i], f(float64(r)))
			}
		}
	}
	pc, pr := []float32{-10, -3, -7}, []float32{-12, -2, -7}
	rc, rr := []float32{-11, -3, -6}, []float32{-11, -3, -8}
	for kind, f := range map[Preference]func(a, b, c, d, beta float64) float64{
		DPO: probability.DPOLoss, Hinge: probability.DPOHingeLoss, IPO: probability.IPOLoss} {
		got := make([]float32, 3)
		PreferenceLoss(got, pc, pr, rc, rr, 0.1, kind)
		for i := range got {
			want := f(float64(pc[i]), float64(pr[i]), float64(rc[i]), float64(rr[i]), float64(float32(0.1)))
			if !closeLog(float64(got[i]), want) {
				t.Errorf("%v pair %d = %v, want %v", kind, i, got[i], want)
			}
		}
	}
}

// sameMask reports the first index where got and want differ in whether
// the token was removed, or where kept values differ; -1 if none.
func sameMask(got []float32, want []float64) int {
	for i, w := range want {
		if math.IsInf(w, -1) != math.IsInf(float64(got[i]), -1) {
			return i
		}
		if !math.IsInf(w, -1) && !closeLog(float64(got[i]), w) {
			return i
		}
	}
	return -1
}

func TestMasksParity(t *testing.T) {
	for _, sh := range shapes {
		for _, ties := range []bool{false, true} {
			x := batch(sh.rows, sh.v, 2, uint64(sh.v)+3)
			if ties {
				x = tied(x)
			}
			out := make([]float32, len(x))
			for _, k := range []int{1, 2, 5, heapTopK + 44, sh.v, sh.v + 3} { // heap and radix paths
				TopK(out, x, sh.v, k)
				for r := range sh.rows {
					if i := sameMask(out[r*sh.v:(r+1)*sh.v], sampling.TopK(row64(x, r, sh.v), k)); i >= 0 {
						t.Fatalf("V=%d ties=%v TopK(k=%d) row %d differs at %d", sh.v, ties, k, r, i)
					}
				}
			}
			for _, p := range []float32{0.05, 0.5, 0.9, 0.999, 1} {
				TopP(out, x, sh.v, p)
				for r := range sh.rows {
					if i := sameMask(out[r*sh.v:(r+1)*sh.v], sampling.TopP(row64(x, r, sh.v), float64(p))); i >= 0 {
						t.Fatalf("V=%d ties=%v TopP(p=%v) row %d differs at %d", sh.v, ties, p, r, i)
					}
				}
			}
			for _, mp := range []float32{0, 0.01, 0.3, 1} {
				MinP(out, x, sh.v, mp)
				for r := range sh.rows {
					if i := sameMask(out[r*sh.v:(r+1)*sh.v], sampling.MinP(row64(x, r, sh.v), float64(mp))); i >= 0 {
						t.Fatalf("V=%d ties=%v MinP(%v) row %d differs at %d", sh.v, ties, mp, r, i)
					}
				}
			}
		}
	}
}

// TestTopPTieCut pins the tie rule: four equal tokens of probability ¼;
// p = 0.5 keeps exactly the first two by index.
func TestTopPTieCut(t *testing.T) {
	out := make([]float32, 4)
	TopP(out, []float32{1, 1, 1, 1}, 4, 0.5)
	want := []float32{1, 1, negInf, negInf}
	if !slices.Equal(out, want) {
		t.Errorf("TopP(equal ×4, 0.5) = %v, want %v", out, want)
	}
}

// TestTopPGuessFree checks that top-p's cut does not depend on the guesses
// selectMass tries: the default ladder and the single guess 0 (every
// token a candidate) give the same nucleus and the same sampled tokens,
// with p just above the share of mass above each guess, so that every
// rung of the ladder is the one that finds the cut.
func TestTopPGuessFree(t *testing.T) {
	ladder := massGuesses
	defer func() { massGuesses = ladder }()
	const v = 20000
	for _, scale := range []float64{2, 4} {
		x := batch(1, v, scale, uint64(scale*10))
		x = append(x, tied(x)...)
		for _, g := range ladder {
			p := float32(shareAbove(x[:v], g) + 1e-5)
			if p >= 1 {
				continue
			}
			var out [2][]float32
			var tok [2][]int
			for k, guesses := range [][]float32{ladder, {0}} {
				massGuesses = guesses
				out[k], tok[k] = make([]float32, len(x)), make([]int, 2)
				TopP(out[k], x, v, p)
				Sample(tok[k], x, v, SamplerConfig{Temperature: 1, TopP: p}, 7, 1)
			}
			if !slices.Equal(out[0], out[1]) || !slices.Equal(tok[0], tok[1]) {
				t.Errorf("scale %v, p = %v: the guess ladder changes the nucleus or the tokens (%v vs %v)", scale, p, tok[0], tok[1])
			}
		}
	}
}

// shareAbove returns the share of softmax(x)'s mass held by the tokens
// with exp(xᵢ − max x) ≥ g, in float64.
func shareAbove(x []float32, g float32) float64 {
	m := float64(slices.Max(x))
	var in, all float64
	for _, v := range x {
		e := math.Exp(float64(v) - m)
		all += e
		if e >= float64(g) {
			in += e
		}
	}
	return in / all
}

var configs = []SamplerConfig{
	{Temperature: 1},
	{Temperature: 0.7, TopK: 5},
	{Temperature: 1, TopP: 0.9},
	{Temperature: 0.8, TopP: 0.5},
	{Temperature: 1.2, TopK: 30, TopP: 0.7},
	{Temperature: 1.3, TopK: 20, TopP: 0.8, MinP: 0.05},
	{Temperature: 0.5, MinP: 0.1},
	{Temperature: 0},
}

func refConfig(c SamplerConfig, seed uint64) sampling.Config {
	return sampling.Config{Temperature: float64(c.Temperature), TopK: c.TopK, TopP: float64(c.TopP), MinP: float64(c.MinP), Seed: seed}
}

func TestFilterAndSampleParity(t *testing.T) {
	for _, sh := range shapes {
		x := batch(sh.rows, sh.v, 2, uint64(sh.v)+5)
		for _, c := range configs {
			checkFilterAndSample(t, x, sh.v, c)
		}
	}
}

// checkFilterAndSample checks Filter's rows and Sample's tokens against
// pkg/sampling's float64 filter and a Gumbel-max draw over it with the
// same noise.
func checkFilterAndSample(t *testing.T, x []float32, v int, c SamplerConfig) {
	t.Helper()
	const seed, step = 9, 3
	rows := len(x) / v
	ref, err := sampling.New(refConfig(c, seed))
	if err != nil {
		t.Fatal(err)
	}
	out := make([]float32, len(x))
	Filter(out, x, v, c)
	tokens := make([]int, rows)
	Sample(tokens, x, v, c, seed, step)
	for r := range rows {
		want := ref.Filter(row64(x, r, v))
		if i := sameMask(out[r*v:(r+1)*v], want); i >= 0 {
			t.Fatalf("V=%d %+v Filter row %d differs at %d: got %v, want %v", v, c, r, i, out[r*v+i], want[i])
		}
		wantTok := 0
		if c.Temperature == 0 {
			wantTok = sampling.Greedy(row64(x, r, v))
		} else {
			best := math.Inf(-1)
			for i, z := range want {
				if s := z + GumbelNoise(seed, uint64(r), step, i); !math.IsInf(z, -1) && s > best {
					wantTok, best = i, s
				}
			}
		}
		if tokens[r] != wantTok {
			t.Errorf("V=%d %+v Sample row %d = %d, want %d", v, c, r, tokens[r], wantTok)
		}
	}
}

// TestRowsAhead checks the row loops of Sample, TopP, Entropy and KL,
// where a row's exponential pass takes the max of the row its goroutine
// takes next: on rows whose logits sit 100 apart (a max carried to the wrong row
// sends the exponentials to 0 or +Inf), on 1 and 3 goroutines, Sample
// agrees with the float64 reference, and TopP (in place or not),
// Entropy and KL agree with the same calls one row at a time bit for bit.
func TestRowsAhead(t *testing.T) {
	const v, rows = 700, 12
	x := batch(rows, v, 2, 11)
	for i := range x {
		x[i] += float32((i/v)%3-1) * 100
	}
	for _, procs := range []int{1, 3} {
		old := runtime.GOMAXPROCS(procs)
		for _, c := range configs {
			checkFilterAndSample(t, x, v, c)
		}
		got, inPlace, want := make([]float32, len(x)), slices.Clone(x), make([]float32, len(x))
		TopP(got, x, v, 0.9)
		TopP(inPlace, inPlace, v, 0.9)
		for r := range rows {
			TopP(want[r*v:(r+1)*v], x[r*v:(r+1)*v], v, 0.9)
		}
		if !slices.Equal(bitsOf(got), bitsOf(want)) || !slices.Equal(bitsOf(inPlace), bitsOf(want)) {
			t.Errorf("GOMAXPROCS=%d: TopP of the batch (in place or not) differs from TopP row by row", procs)
		}
		h, kl, wh, wkl := make([]float32, rows), make([]float32, rows), make([]float32, rows), make([]float32, rows)
		y := slices.Clone(x)
		slices.Reverse(y)
		Entropy(h, x, v, 0.8)
		KL(kl, x, y, v)
		for r := range rows {
			Entropy(wh[r:r+1], x[r*v:(r+1)*v], v, 0.8)
			KL(wkl[r:r+1], x[r*v:(r+1)*v], y[r*v:(r+1)*v], v)
		}
		if !slices.Equal(bitsOf(h), bitsOf(wh)) || !slices.Equal(bitsOf(kl), bitsOf(wkl)) {
			t.Errorf("GOMAXPROCS=%d: Entropy %v, KL %v of the batch; row by row %v, %v", procs, h, kl, wh, wkl)
		}
		runtime.GOMAXPROCS(old)
	}
}

// TestLogSoftmaxBatch checks LogSoftmax of a batch, in place and not, on
// 1, 2 and 3 goroutines and every kernel set, against LogSoftmax row by
// row, bit for bit: with AVX2 and SSE2 each row is written during its
// goroutine's next row, and rows end in part-blocks, hold NaN or no
// finite logit, or lie 100 apart.
func TestLogSoftmaxBatch(t *testing.T) {
	for _, v := range []int{17, 513, 3*4096 + 37} {
		const rows = 7
		x := batch(rows, v, 2, uint64(v))
		for i := range x {
			x[i] += float32((i/v)%3-1) * 100
		}
		for i := range v {
			x[2*v+i] = negInf
		}
		x[4*v+v/2] = float32(math.NaN())
		for _, isa := range vecmath.ISAs() {
			old := vecmath.ISA()
			vecmath.SetISA(isa)
			want := make([]float32, len(x))
			for r := range rows {
				LogSoftmax(want[r*v:(r+1)*v], x[r*v:(r+1)*v], v, 0.9)
			}
			for _, procs := range []int{1, 2, 3} {
				oldProcs := runtime.GOMAXPROCS(procs)
				got, inPlace := make([]float32, len(x)), slices.Clone(x)
				LogSoftmax(got, x, v, 0.9)
				LogSoftmax(inPlace, inPlace, v, 0.9)
				if !slices.Equal(bitsOf(got), bitsOf(want)) || !slices.Equal(bitsOf(inPlace), bitsOf(want)) {
					t.Errorf("%s V=%d GOMAXPROCS=%d: LogSoftmax of the batch (in place or not) differs from row by row", isa, v, procs)
				}
				runtime.GOMAXPROCS(oldProcs)
			}
			vecmath.SetISA(old)
		}
	}
}

// TestRowsAheadNaN: the max a row's predecessor takes for it is the one
// the row would take itself, NaN or not (vecmath.BlockMax), so rows that
// hold NaNs give the same results whichever row ran before them: TopP,
// Entropy and KL of the batch agree bit for bit with the same calls row
// by row, and Sample draws the same tokens on 1 and 3 goroutines (each
// goroutine's first row takes its own max), on every kernel set.
func TestRowsAheadNaN(t *testing.T) {
	for _, isa := range vecmath.ISAs() {
		old := vecmath.ISA()
		vecmath.SetISA(isa)
		t.Run(isa, checkRowsAheadNaN)
		vecmath.SetISA(old)
	}
}

func checkRowsAheadNaN(t *testing.T) {
	const v, rows = 1024, 9
	x := batch(rows, v, 2, 13)
	nan := float32(math.NaN())
	for r, pos := range []int{0, v - 1, 1, 16, 17, v / 2, 511, 512, 1000} {
		if r%3 != 0 {
			x[r*v+pos] = nan
		}
	}
	// Rows 4 and 5 hide their max behind NaNs: a lane's running max can
	// turn NaN and then restart below 100, leaving c under the max by
	// far more than the exponential's range.
	for _, r := range []int{4, 5} {
		row := x[r*v : (r+1)*v]
		for i := range row {
			row[i] = -100
		}
		row[0], row[4], row[8], row[16] = 100, nan, nan, nan
	}
	y := slices.Clone(x)
	slices.Reverse(y)
	old := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(old)
	batchOut := func() []uint32 {
		out, h, kl := make([]float32, len(x)), make([]float32, rows), make([]float32, rows)
		TopP(out, x, v, 0.9)
		Entropy(h, x, v, 1)
		KL(kl, x, y, v)
		return bitsOf(slices.Concat(out, h, kl))
	}
	got := batchOut()
	out, h, kl := make([]float32, len(x)), make([]float32, rows), make([]float32, rows)
	for r := range rows {
		TopP(out[r*v:(r+1)*v], x[r*v:(r+1)*v], v, 0.9)
		Entropy(h[r:r+1], x[r*v:(r+1)*v], v, 1)
		KL(kl[r:r+1], x[r*v:(r+1)*v], y[r*v:(r+1)*v], v)
	}
	if !slices.Equal(got, bitsOf(slices.Concat(out, h, kl))) {
		t.Errorf("TopP, Entropy or KL of a batch with NaN rows differ from row by row: entropy %v, row by row %v", got[len(x):len(x)+rows], bitsOf(h))
	}
	for _, c := range []SamplerConfig{{Temperature: 1, TopP: 0.9}, {Temperature: 0.7, TopP: 0.8}, {Temperature: 0.7}} {
		one, three := make([]int, rows), make([]int, rows)
		Sample(one, x, v, c, 5, 2)
		runtime.GOMAXPROCS(3)
		Sample(three, x, v, c, 5, 2)
		runtime.GOMAXPROCS(1)
		if !slices.Equal(one, three) {
			t.Errorf("%+v: tokens on 1 goroutine %v, on 3 %v", c, one, three)
		}
	}
}

// TestSampleIndependentOfBatch checks that a row's token depends on (seed,
// row id, step) only: sampling a prefix of the batch gives the same tokens.
func TestSampleIndependentOfBatch(t *testing.T) {
	const v = 50
	x := batch(9, v, 1, 3)
	c := SamplerConfig{Temperature: 1, TopP: 0.95}
	all, some := make([]int, 9), make([]int, 4)
	Sample(all, x, v, c, 1, 0)
	Sample(some, x[:4*v], v, c, 1, 0)
	if !slices.Equal(all[:4], some) {
		t.Errorf("tokens of rows 0..3: batch of 9 %v, batch of 4 %v", all[:4], some)
	}
	other := make([]int, 9)
	Sample(other, x, v, c, 1, 1)
	if slices.Equal(all, other) {
		t.Errorf("steps 0 and 1 drew the same tokens %v", all)
	}
}

// TestSampleFrequencies checks that Gumbel-max draws follow softmax: over
// 40000 steps the frequency of each of 4 tokens is within 4 standard
// errors of its probability.
func TestSampleFrequencies(t *testing.T) {
	x := []float32{0, 1, 2, -1}
	probs := probability.Softmax([]float64{0, 1, 2, -1})
	const n = 40000
	counts := make([]int, 4)
	tok := make([]int, 1)
	for step := range uint64(n) {
		Sample(tok, x, 4, SamplerConfig{Temperature: 1}, 123, step)
		counts[tok[0]]++
	}
	for i, p := range probs {
		f := float64(counts[i]) / n
		if se := math.Sqrt(p * (1 - p) / n); math.Abs(f-p) > 4*se {
			t.Errorf("token %d: frequency %.4f, want %.4f ± %.4f", i, f, p, 4*se)
		}
	}
}

func TestPanics(t *testing.T) {
	cases := []struct {
		name, want string
		f          func()
	}{
		{"shape", "rows: Softmax: len(x) = 5 is not a multiple of V = 2", func() { Softmax(make([]float32, 5), make([]float32, 5), 2, 1) }},
		{"temperature", "rows: LogSoftmax: temperature = -1", func() { LogSoftmax(make([]float32, 2), make([]float32, 2), 2, -1) }},
		{"target", "rows: CrossEntropy: targets[0] = 7", func() { CrossEntropy(make([]float32, 1), make([]float32, 2), 2, []int{7}, TorchDefaults) }},
		{"topk", "rows: TopK: k = 0", func() { TopK(make([]float32, 2), make([]float32, 2), 2, 0) }},
		{"topp", "rows: TopP: p = 0", func() { TopP(make([]float32, 2), make([]float32, 2), 2, 0) }},
	}
	for _, c := range cases {
		panictest.Check(t, c.name, c.f, c.want)
	}
}

func TestKeyOrder(t *testing.T) {
	inf := float32(math.Inf(1))
	vals := []float32{-inf, -3e38, -2, -1.5, -1e-40, 0, 1e-40, 1, 1.5, 2, 3e38, inf}
	for i := 1; i < len(vals); i++ {
		if key(vals[i-1]) >= key(vals[i]) {
			t.Errorf("key(%v) = %#x ≥ key(%v) = %#x", vals[i-1], key(vals[i-1]), vals[i], key(vals[i]))
		}
	}
	if negZero := float32(math.Copysign(0, -1)); key(negZero) != key(0) {
		t.Errorf("key(-0) = %#x, key(+0) = %#x, want equal", key(negZero), key(0))
	}
}

// bitsOf returns the bit patterns of x, so that NaNs compare equal.
func bitsOf(x []float32) []uint32 {
	b := make([]uint32, len(x))
	for i, v := range x {
		b[i] = math.Float32bits(v)
	}
	return b
}

// TestForRowsAhead checks forRowsAhead's schedule: every row once, and
// s.ahead.next naming the row the same goroutine takes next (nil after
// its last), so that the rows form one chain per goroutine; goroutine w
// starts at row w, so a batch of as many rows as goroutines has one row
// on each.
func TestForRowsAhead(t *testing.T) {
	old := runtime.GOMAXPROCS(3)
	defer runtime.GOMAXPROCS(old)
	const v = 4
	x := make([]float32, 50*v)
	for r := range 50 {
		x[r*v] = float32(r) // names the row
	}
	for _, n := range []int{1, 3, 50} {
		var mu sync.Mutex
		next := map[int]int{}
		forRowsAhead(n, rowsOf(x, v), func(r int, s *scratch) {
			nr := -1
			if s.ahead.next != nil {
				nr = int(s.ahead.next[0])
			}
			mu.Lock()
			if _, dup := next[r]; dup {
				t.Errorf("n=%d: row %d taken twice", n, r)
			}
			next[r] = nr
			mu.Unlock()
		})
		heads := map[int]bool{}
		for r := range next {
			heads[r] = true
		}
		for _, nr := range next {
			delete(heads, nr)
		}
		covered := 0
		for h := range heads {
			if h >= min(3, n) {
				t.Errorf("n=%d: a goroutine started at row %d", n, h)
			}
			for r := h; r >= 0 && covered <= n; r = next[r] {
				covered++
			}
		}
		if len(next) != n || covered != n || (n == 3 && len(heads) != 3) {
			t.Errorf("n=%d: next row of each row %v", n, next)
		}
	}
}
