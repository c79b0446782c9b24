package logprobs

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/bitsandlogits/course/pkg/probability"
)

func logs(p ...float64) []float64 {
	out := make([]float64, len(p))
	for i, x := range p {
		out[i] = math.Log(x)
	}
	return out
}

func close(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol || math.IsNaN(got) {
		t.Errorf("%s = %.17g, want %.17g (±%g)", what, got, want, tol)
	}
}

// The lesson's worked example: V = 6, top-2 = (0.5, 0.2). Golden values are
// scipy.stats.entropy of the two extremal distributions (SciPy 1.10):
// (0.5, 0.2, 0.2, 0.1, 0, 0) and (0.5, 0.2, 0.075 × 4).
func TestWorkedExample(t *testing.T) {
	top := logs(0.5, 0.2)
	b, err := FromTopK(top, 6)
	if err != nil {
		t.Fatal(err)
	}
	close(t, "tail", b.Tail.Lo, 0.3, 1e-15)
	close(t, "known", b.Known, -0.5*math.Log(0.5)-0.2*math.Log(0.2), 1e-15)
	close(t, "entropy lower bound", b.Entropy.Lo, 1.2206072645530175, 1e-14)
	close(t, "entropy upper bound", b.Entropy.Hi, 1.4455413224005407, 1e-14)
	lo, hi, err := Extremes(top, 6)
	if err != nil {
		t.Fatal(err)
	}
	wantLo, wantHi := []float64{0.5, 0.2, 0.2, 0.1, 0, 0}, []float64{0.5, 0.2, 0.075, 0.075, 0.075, 0.075}
	for i := range lo {
		close(t, fmt.Sprintf("lo[%d]", i), lo[i], wantLo[i], 1e-15)
		close(t, fmt.Sprintf("hi[%d]", i), hi[i], wantHi[i], 1e-15)
	}
	// Renormalised: (0.5, 0.2)/0.7 with V = 6. SciPy: entropy of p̃ and of
	// S·p̃ with four tail tokens of S·p̃_min, S = 1/(1 + 4·0.2/0.7).
	r, err := FromRatios(logs(0.5/0.7, 0.2/0.7), 6)
	if err != nil {
		t.Fatal(err)
	}
	close(t, "ratios: entropy lower bound", r.Entropy.Lo, 0.5982695885852573, 1e-14)
	close(t, "ratios: entropy upper bound", r.Entropy.Hi, 1.7094727765842133, 1e-14)
	close(t, "ratios: largest tail", r.Tail.Hi, 0.5333333333333334, 1e-15)
	if r.Tail.Lo != 0 {
		t.Errorf("ratios: smallest tail %v, want 0", r.Tail.Lo)
	}
}

// randomDist draws a distribution over v tokens, from nearly one-hot to
// nearly uniform, with some exact zeros and ties.
func randomDist(rng *rand.Rand, v int) []float64 {
	spread := []float64{0.1, 1, 3, 8}[rng.IntN(4)]
	logits := make([]float64, v)
	for i := range logits {
		logits[i] = spread * rng.NormFloat64()
		switch rng.IntN(20) {
		case 0:
			logits[i] = math.Inf(-1)
		case 1:
			logits[i] = 0
		}
	}
	logits[rng.IntN(v)] = 1
	return probability.LogSoftmax(logits)
}

func TestTrueEntropyLiesInBounds(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 1))
	for trial := range 2000 {
		v := 1 + rng.IntN(300)
		logp := randomDist(rng, v)
		h := probability.Entropy(probability.Softmax(logp))
		k := 1 + rng.IntN(v)
		top := TopK(logp, k)
		b, err := FromTopK(top, v)
		if err != nil {
			t.Fatalf("trial %d (V = %d, k = %d): %v", trial, v, k, err)
		}
		tol := 1e-12 * (1 + h)
		if h < b.Entropy.Lo-tol || h > b.Entropy.Hi+tol {
			t.Fatalf("trial %d (V = %d, k = %d): H = %.15g outside [%.15g, %.15g]", trial, v, k, h, b.Entropy.Lo, b.Entropy.Hi)
		}
		tail := 0.0
		for _, l := range logp {
			tail += math.Exp(l)
		}
		for _, l := range top {
			tail -= math.Exp(l)
		}
		close(t, fmt.Sprintf("trial %d: tail", trial), b.Tail.Lo, math.Max(0, tail), 1e-12)
		u, err := FromTopK(top, 0)
		if err != nil {
			t.Fatal(err)
		}
		if h < u.Entropy.Lo-tol || h > u.Entropy.Hi+tol {
			t.Fatalf("trial %d, V unknown: H = %v outside [%v, %v]", trial, h, u.Entropy.Lo, u.Entropy.Hi)
		}
	}
}

// Tightness: the constructed distributions are consistent with the report
// (same top-k, sum 1) and their entropies are the bounds.
func TestExtremesAttainTheBounds(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 2))
	for trial := range 500 {
		v := 2 + rng.IntN(200)
		logp := randomDist(rng, v)
		k := 1 + rng.IntN(v-1)
		top := TopK(logp, k)
		b, err := FromTopK(top, v)
		if err != nil {
			t.Fatal(err)
		}
		lo, hi, err := Extremes(top, v)
		if err != nil {
			t.Fatal(err)
		}
		for name, d := range map[string][]float64{"lo": lo, "hi": hi} {
			sum := 0.0
			for _, x := range d {
				sum += x
			}
			close(t, fmt.Sprintf("trial %d: sum of %s", trial, name), sum, 1, 1e-12)
			got := TopK(logs(d...), k)
			for i := range top {
				close(t, fmt.Sprintf("trial %d: %s's top-%d probability %d", trial, name, k, i), math.Exp(got[i]), math.Exp(top[i]), 1e-15)
			}
		}
		close(t, fmt.Sprintf("trial %d: H(lo)", trial), probability.Entropy(lo), b.Entropy.Lo, 1e-12)
		close(t, fmt.Sprintf("trial %d: H(hi)", trial), probability.Entropy(hi), b.Entropy.Hi, 1e-12)
	}
}

func TestFullReportHasWidthZero(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 3))
	for range 100 {
		v := 1 + rng.IntN(100)
		logp := randomDist(rng, v)
		b, err := FromTopK(TopK(logp, v), v)
		if err != nil {
			t.Fatal(err)
		}
		h := probability.Entropy(probability.Softmax(logp))
		close(t, "k = V: lower bound", b.Entropy.Lo, h, 1e-12)
		close(t, "k = V: upper bound", b.Entropy.Hi, h, 1e-12)
		if b.Entropy.Width() != 0 || b.Tail.Lo != 0 {
			t.Fatalf("k = V = %d: width %v, tail %v; want 0, 0", v, b.Entropy.Width(), b.Tail.Lo)
		}
	}
}

// FromRatios: for every share S of the top-k that the tail allows, the
// bounds of the absolute report S·p̃ lie inside the ratio bounds, and the
// scan reaches both ends.
func TestRatioBoundsCoverEveryTailMass(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 4))
	for trial := range 200 {
		v := 2 + rng.IntN(100)
		logp := randomDist(rng, v)
		k := 1 + rng.IntN(v-1)
		top := TopK(logp, k)
		lse := probability.LogSumExp(top)
		renorm := make([]float64, k)
		for i, l := range top {
			renorm[i] = l - lse
		}
		r, err := FromRatios(renorm, v)
		if err != nil {
			t.Fatal(err)
		}
		h := probability.Entropy(probability.Softmax(logp))
		if h < r.Entropy.Lo-1e-12 || h > r.Entropy.Hi+1e-12 {
			t.Fatalf("trial %d: H = %v outside ratio bounds [%v, %v]", trial, h, r.Entropy.Lo, r.Entropy.Hi)
		}
		close(t, "ratios: lower bound is H(p̃)", r.Entropy.Lo, probability.Entropy(probability.Softmax(renorm)), 1e-12)
		lo, hi := math.Inf(1), math.Inf(-1)
		for s := range 101 {
			m := r.Tail.Hi * float64(s) / 100
			scaled := make([]float64, k)
			for i, l := range renorm {
				scaled[i] = l + math.Log1p(-m)
			}
			b, err := FromTopK(scaled, v)
			if err != nil {
				t.Fatalf("trial %d, m = %v ≤ %v: %v", trial, m, r.Tail.Hi, err)
			}
			lo, hi = math.Min(lo, b.Entropy.Lo), math.Max(hi, b.Entropy.Hi)
		}
		close(t, fmt.Sprintf("trial %d: smallest lower bound over the tail masses", trial), lo, r.Entropy.Lo, 1e-12)
		close(t, fmt.Sprintf("trial %d: largest upper bound over the tail masses", trial), hi, r.Entropy.Hi, 1e-9)
	}
}

// Logprobs reported at temperature T: Untemper's weights renormalise to the
// T = 1 top-k renormalised, and the T = 1 entropy lies in FromRatios' bounds.
func TestUntemper(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 5))
	for range 200 {
		v := 2 + rng.IntN(100)
		logits := make([]float64, v)
		for i := range logits {
			logits[i] = 3 * rng.NormFloat64()
		}
		temp := []float64{0.3, 0.7, 1.5}[rng.IntN(3)]
		p1 := probability.LogSoftmax(logits)
		pt := probability.LogSoftmax(scale(logits, 1/temp))
		k := 1 + rng.IntN(v-1)
		w := Untemper(TopK(pt, k), temp)
		want := TopK(p1, k)
		lw, lt := probability.LogSumExp(w), probability.LogSumExp(want)
		for i := range w {
			close(t, "untempered weight, renormalised", w[i]-lw, want[i]-lt, 1e-9)
		}
		b, err := FromRatios(w, v)
		if err != nil {
			t.Fatal(err)
		}
		h := probability.Entropy(probability.Softmax(logits))
		if h < b.Entropy.Lo-1e-9 || h > b.Entropy.Hi+1e-9 {
			t.Fatalf("T = %v, V = %d, k = %d: H₁ = %v outside [%v, %v]", temp, v, k, h, b.Entropy.Lo, b.Entropy.Hi)
		}
	}
}

func scale(x []float64, c float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = c * v
	}
	return out
}

// A tail of 1e-12: −expm1(logsumexp) keeps it to the last digits, 1 − Σe^ℓ
// loses about 5 of them (Python: 1 − exp(log1p(−1e-12)) = 9.999778782798785e-13).
func TestTailKeepsSmallMasses(t *testing.T) {
	m, err := Tail([]float64{math.Log1p(-1e-12)})
	if err != nil {
		t.Fatal(err)
	}
	close(t, "Tail(log(1 − 1e-12))", m, 1e-12, 1e-27)
	naive := 1 - math.Exp(math.Log1p(-1e-12))
	if math.Abs(naive-1e-12) < 1e-17 {
		t.Errorf("the naive tail %v should be visibly off, or this test shows nothing", naive)
	}
}

// Rounded logprobs can sum above 1: within Slack that is a tail of 0, beyond
// it an error.
func TestRoundingAndErrors(t *testing.T) {
	m, err := Tail(logs(0.6, 0.4+1e-9))
	if err != nil || m != 0 {
		t.Errorf("Tail of a top summing to 1 + 1e-9 = %v, %v; want 0, nil", m, err)
	}
	if _, err := FromTopK([]float64{1e-9, math.Log(1e-9)}, 10); err != nil {
		t.Errorf("a logprob of +1e-9 (rounded 0) is rounding, got %v", err)
	}
	for name, c := range map[string]struct {
		top   []float64
		vocab int
	}{
		"sum 1.01":                    {logs(0.61, 0.4), 10},
		"empty":                       {nil, 10},
		"NaN":                         {[]float64{math.NaN()}, 10},
		"+Inf":                        {[]float64{math.Inf(1)}, 10},
		"logprob 0.1 > 0":             {[]float64{0.1}, 10},
		"all −Inf":                    {[]float64{math.Inf(-1)}, 10},
		"k > V":                       {logs(0.2, 0.2, 0.2), 2},
		"tail 0.5 in 2 tokens ≤ 0.2":  {logs(0.3, 0.2), 4},
		"tail with a 0 in the top-k":  {[]float64{math.Log(0.5), math.Inf(-1)}, 10},
		"tail with a 0, V unknown":    {[]float64{math.Log(0.5), math.Inf(-1)}, 0},
		"k = V and a tail of 0.1":     {logs(0.5, 0.4), 2},
		"ratios: all −Inf (FromTopK)": {[]float64{math.Inf(-1), math.Inf(-1)}, 10},
	} {
		if b, err := FromTopK(c.top, c.vocab); err == nil {
			t.Errorf("FromTopK(%s) = %+v, want an error", name, b)
		}
	}
	if _, err := FromRatios([]float64{math.Inf(-1)}, 5); err == nil {
		t.Error("FromRatios of an all −Inf top: want an error")
	}
	if _, err := FromRatios([]float64{3, 5, 7}, 2); err == nil {
		t.Error("FromRatios with k > V: want an error")
	}
}

// A zero probability in the top-k (a masked token) contributes 0·ln 0 = 0
// and forces the tail to be empty.
func TestZeroInTheTopK(t *testing.T) {
	b, err := FromTopK([]float64{0, math.Inf(-1)}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if b.Entropy.Lo != 0 || b.Entropy.Hi != 0 || b.Tail.Lo != 0 {
		t.Errorf("top (1, 0) of V = 5: %+v, want entropy [0, 0] and tail 0", b)
	}
}

func TestUnknownVocab(t *testing.T) {
	top := logs(0.5, 0.2)
	u, err := FromTopK(top, 0)
	if err != nil {
		t.Fatal(err)
	}
	big, _ := FromTopK(top, 1000)
	if !math.IsInf(u.Entropy.Hi, 1) || u.Entropy.Lo != big.Entropy.Lo {
		t.Errorf("V unknown: %+v; want the lower bound of any large V (%v) and +Inf", u.Entropy, big.Entropy.Lo)
	}
	r, _ := FromRatios(top, 0)
	if r.Tail.Hi != 1 || !math.IsInf(r.Entropy.Hi, 1) {
		t.Errorf("ratios, V unknown: %+v; want tail up to 1 and entropy up to +Inf", r)
	}
}

func TestTopK(t *testing.T) {
	got := TopK([]float64{-3, -1, -2, -1, -5}, 3)
	want := []float64{-1, -1, -2}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("TopK = %v, want %v", got, want)
		}
	}
}

func TestPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"TopK k = 0":       func() { TopK([]float64{0}, 0) },
		"TopK k > V":       func() { TopK([]float64{0}, 2) },
		"Untemper T = 0":   func() { Untemper([]float64{0}, 0) },
		"Untemper T = NaN": func() { Untemper([]float64{0}, math.NaN()) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

// Arbitrary distributions: the bounds never panic, are ordered and contain
// the true entropy; the ratio bounds contain the absolute ones.
func FuzzBoundsContainTheEntropy(f *testing.F) {
	f.Add([]byte{1, 2, 3, 200, 0, 9}, uint8(2))
	f.Add([]byte{0, 0, 0, 0}, uint8(1))
	f.Add([]byte{255}, uint8(0))
	f.Fuzz(func(t *testing.T, raw []byte, kb uint8) {
		if len(raw) == 0 {
			return
		}
		logits := make([]float64, len(raw))
		for i, b := range raw {
			logits[i] = float64(b) / 8
		}
		logp := probability.LogSoftmax(logits)
		k := 1 + int(kb)%len(raw)
		top := TopK(logp, k)
		b, err := FromTopK(top, len(raw))
		if err != nil {
			t.Fatal(err)
		}
		h := probability.Entropy(probability.Softmax(logits))
		// The two routes round differently: a tail of 1e-4 left from
		// 75 known terms over V = 2,509 put the absolute upper bound
		// 2.1e-12 above the ratio one (testdata/fuzz seed 9dcfc5da…).
		tol := 1e-10 * (1 + h)
		if !(b.Entropy.Lo <= b.Entropy.Hi) || h < b.Entropy.Lo-tol || h > b.Entropy.Hi+tol {
			t.Fatalf("H = %v, bounds %+v", h, b.Entropy)
		}
		r, err := FromRatios(top, len(raw))
		if err != nil {
			t.Fatal(err)
		}
		if b.Entropy.Lo < r.Entropy.Lo-tol || b.Entropy.Hi > r.Entropy.Hi+tol || b.Tail.Lo > r.Tail.Hi+1e-12 {
			t.Fatalf("absolute %+v not inside ratio bounds %+v", b, r)
		}
	})
}
