package explorables

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/bitsandlogits/course/pkg/probability"
	"github.com/bitsandlogits/course/pkg/sampling"
)

func TestDecodeInvariants(t *testing.T) {
	z := Zipf(1000, 1.1)
	for _, cfg := range []DecodeConfig{
		{Temperature: 1, Draws: 1000, Seed: 1},
		{Temperature: 1.5, MinP: 0.1, Draws: 1000, Seed: 1},
		{Temperature: 1.5, MinP: 0.1, TemperatureLast: true, Draws: 1000, Seed: 1},
		{Temperature: 0.7, TopK: 5, TopP: 0.9, Draws: 500, Seed: 2},
	} {
		r := Decode(z, cfg, 15)
		sum := r.Other
		for _, tok := range r.Top {
			sum += tok.Count
			if tok.After == 0 && tok.Count > 0 {
				t.Errorf("%+v: token %d was cut but drawn %d times", cfg, tok.ID, tok.Count)
			}
		}
		if sum != cfg.Draws || r.V != 1000 || r.Kept < 1 || r.KeptMass > 1+1e-12 {
			t.Errorf("%+v: draws %d, V %d, kept %d, mass %v", cfg, sum, r.V, r.Kept, r.KeptMass)
		}
		if cfg.TopK == 0 && cfg.TopP == 0 && cfg.MinP == 0 && (r.Kept != 1000 || math.Abs(r.KeptMass-1) > 1e-12) {
			t.Errorf("%+v: no filter kept %d tokens, mass %v", cfg, r.Kept, r.KeptMass)
		}
	}
	// Temperature last keeps fewer tokens under min-p at T > 1 (chapter 09's claim).
	hf := Decode(z, DecodeConfig{Temperature: 1.5, MinP: 0.1, Draws: 1}, 1)
	last := Decode(z, DecodeConfig{Temperature: 1.5, MinP: 0.1, TemperatureLast: true, Draws: 1}, 1)
	if !(last.Kept < hf.Kept) {
		t.Errorf("min-p 0.1 at T = 1.5 kept %d (HF order), %d (temperature last)", hf.Kept, last.Kept)
	}
}

func TestDivergence(t *testing.T) {
	d := Divergence([]float64{2, 1, 1}, []float64{1, 1, 2})
	sum := 0.0
	for _, x := range d.TermPQ {
		sum += x
	}
	if math.Abs(sum-d.KLPQ) > 1e-15 || math.Abs(d.HPQ-d.HP-d.KLPQ) > 1e-15 || math.Abs(d.KLPQ-0.25*math.Log(2)) > 1e-15 {
		t.Errorf("%+v", d)
	}
}

func TestKLEstimators(t *testing.T) {
	r := KLEstimators(1, 100, 1)
	if math.Abs(r.Estimators[0].Bias) > 1e-12 || math.Abs(r.Estimators[2].Bias) > 1e-12 || r.Estimators[1].Bias <= 0 {
		t.Errorf("k1, k3 must be unbiased, k2 biased up: %+v", r.Estimators)
	}
	if !(r.Estimators[2].Variance < r.Estimators[0].Variance) {
		t.Errorf("k3's variance is not below k1's: %+v", r.Estimators)
	}
}

func TestCalibration(t *testing.T) {
	d := NewCalibrationData()
	before, after := d.At(1), d.At(d.FittedT)
	if !(after.ECE < before.ECE/3) || before.Accuracy != after.Accuracy || math.Abs(d.FittedT-2.5) > 0.2 {
		t.Errorf("ECE %v → %v, accuracy %v → %v, fitted T %v", before.ECE, after.ECE, before.Accuracy, after.Accuracy, d.FittedT)
	}
	if e := probability.ExpectedCalibrationError([]float64{1}, []bool{true}, 15); e != 0 {
		t.Error(e)
	}
}

// BenchmarkLabZipf50k is one update of the decoding lab at V = 50,000,
// cycling through the browser test's settings. Run it as WebAssembly too:
// GOOS=js GOARCH=wasm go test -exec=$(go env GOROOT)/lib/wasm/go_js_wasm_exec.
func BenchmarkLabZipf50k(b *testing.B) {
	lab := NewLab(Zipf(50_000, 1.1))
	settings := []DecodeConfig{
		{Temperature: 1}, {Temperature: 0.8, TopP: 0.95, TopK: 40}, {Temperature: 1.3, TopP: 0.9, MinP: 0.05, TemperatureLast: true},
		{Temperature: 2}, {Temperature: 0.5, TopP: 0.5}, {Temperature: 1.2, MinP: 0.02},
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		cfg := settings[i%len(settings)]
		cfg.Seed, cfg.Draws = 1, 1000
		lab.Decode(cfg, 15)
	}
}

// TestLabMatchesUnsorted checks the sorted, cached lab against the plain
// computation on the unsorted logits (Filter, then Softmax), on rows with
// ties, for both orders and every filter, on a shuffled row and on the
// same row already sorted (which NewLab does not sort again).
func TestLabMatchesUnsorted(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 0))
	z := make([]float64, 3000)
	for i := range z {
		z[i] = math.Round(rng.NormFloat64()*8) / 4 // many ties
	}
	labMatchesUnsorted(t, z)
	labMatchesUnsorted(t, slices.SortedFunc(slices.Values(z), func(a, b float64) int { return cmp.Compare(b, a) }))
}

func labMatchesUnsorted(t *testing.T, z []float64) {
	lab := NewLab(z)
	for _, cfg := range []DecodeConfig{
		{Temperature: 1}, {Temperature: 0}, {Temperature: 0.7, TopK: 20}, {Temperature: 1.3, TopP: 0.9},
		{Temperature: 1.5, MinP: 0.1, TemperatureLast: true}, {Temperature: 0.8, TopK: 40, TopP: 0.95, MinP: 0.02},
	} {
		cfg.Seed, cfg.Draws = 3, 2000
		got := lab.Decode(cfg, 15)
		before, after := probability.Softmax(z), probability.Softmax(Filter(z, cfg))
		kept, mass := 0, 0.0
		for i, p := range after {
			if p > 0 {
				kept++
				mass += before[i]
			}
		}
		if got.Kept != kept || !near12(got.KeptMass, mass) || !near12(got.EntropyBefore, probability.Entropy(before)) ||
			!near12(got.EntropyAfter, probability.Entropy(after)) {
			t.Errorf("%+v: kept %d mass %v H %v %v; unsorted: %d %v %v %v", cfg, got.Kept, got.KeptMass, got.EntropyBefore,
				got.EntropyAfter, kept, mass, probability.Entropy(before), probability.Entropy(after))
		}
		want := largestStable(before, 15)
		drawn := got.Other
		for j, tok := range got.Top {
			drawn += tok.Count
			if tok.ID != want[j] || !near12(tok.Before, before[tok.ID]) || !near12(tok.After, after[tok.ID]) {
				t.Errorf("%+v: row %d = %+v; unsorted: token %d, %v, %v", cfg, j, tok, want[j], before[want[j]], after[want[j]])
			}
		}
		if drawn != cfg.Draws {
			t.Errorf("%+v: %d draws counted", cfg, drawn)
		}
	}
}

// TestLabUpdateAllocates checks that an update at V = 50,000 allocates only
// its result (the top rows and the random stream), not rows of length V.
func TestLabUpdateAllocates(t *testing.T) {
	lab := NewLab(Zipf(50_000, 1.1))
	for _, cfg := range []DecodeConfig{{Temperature: 0.8, TopP: 0.95, TopK: 40}, {Temperature: 1.3, TopP: 0.9, MinP: 0.05, TemperatureLast: true}} {
		cfg.Seed, cfg.Draws = 1, 1000
		if n := testing.AllocsPerRun(5, func() { lab.Decode(cfg, 15) }); n > 2 {
			t.Errorf("%+v: %v allocations per update, want ≤ 2", cfg, n)
		}
	}
}

// TestLabDrawsAreCategorical checks that each draw is the token
// sampling.Categorical returns for the same uniform on the sorted distribution.
func TestLabDrawsAreCategorical(t *testing.T) {
	lab := NewLab(Zipf(5000, 1.1))
	cfg := DecodeConfig{Temperature: 1.2, TopP: 0.9, Seed: 5, Draws: 3000}
	got := lab.Decode(cfg, 10)
	after := probability.Softmax(Filter(lab.sorted, cfg))
	rng := rand.New(rand.NewPCG(cfg.Seed, 0))
	counts := make([]int, 10)
	other := 0
	for range cfg.Draws {
		if j := sampling.Categorical(after, rng.Float64()); j < 10 {
			counts[j]++
		} else {
			other++
		}
	}
	for j, tok := range got.Top {
		if tok.Count != counts[j] {
			t.Errorf("token %d drawn %d times, Categorical %d", tok.ID, tok.Count, counts[j])
		}
	}
	if got.Other != other {
		t.Errorf("other %d, Categorical %d", got.Other, other)
	}
}

func near12(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b)) }

// largestStable returns the indices of the n largest values, ties by lower index.
func largestStable(x []float64, n int) []int {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(x[b], x[a]) })
	return idx[:n]
}
