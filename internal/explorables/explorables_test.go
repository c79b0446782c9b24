package explorables

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/bitsandlogits/course/pkg/probability"
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

func BenchmarkDecodeZipf50k(b *testing.B) {
	z := Zipf(50_000, 1.1)
	for b.Loop() {
		Decode(z, DecodeConfig{Temperature: 0.8, TopP: 0.95, Draws: 1000, Seed: 1}, 15)
	}
}

func TestLargest(t *testing.T) {
	x := []float64{0.1, 0.5, 0.2, 0.5, 0.05, 0.9, 0.2}
	if got := fmt.Sprint(largest(x, 4)); got != "[5 1 3 2]" {
		t.Errorf("largest = %s, want [5 1 3 2]", got)
	}
	if got := fmt.Sprint(largest(x, 10)); got != "[5 1 3 2 6 0 4]" {
		t.Errorf("largest(all) = %s", got)
	}
}

// TestDrawerTwoStages checks that the two-stage draw used above 4,096 kept
// tokens has the right distribution: the frequencies of 200,000 draws are
// within 5 standard errors of the probabilities, and a zero-mass block is never drawn.
func TestDrawerTwoStages(t *testing.T) {
	probs := probability.Softmax(Zipf(10_000, 1.1))
	for i := 256; i < 512; i++ {
		probs[i] = 0
	}
	s := 0.0
	for _, p := range probs {
		s += p
	}
	for i := range probs {
		probs[i] /= s
	}
	d := newDrawer(probs)
	if d.blocks == nil {
		t.Fatal("10,000 tokens drawn in one stage")
	}
	const n = 200_000
	counts := make([]int, len(probs))
	rng := rand.New(rand.NewPCG(3, 0))
	for range n {
		counts[d.draw(rng)]++
	}
	for _, i := range []int{0, 1, 9, 255, 300, 600, 9_999} {
		want := probs[i] * n
		if math.Abs(float64(counts[i])-want) > 5*math.Sqrt(want)+1e-9 {
			t.Errorf("token %d drawn %d times, expected %.1f", i, counts[i], want)
		}
	}
}
