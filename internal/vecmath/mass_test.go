package vecmath

import (
	"math"
	"math/rand/v2"
	"testing"
)

// massRow returns a row of n logits: normal values at a random scale,
// with runs of ties, −Inf entries and, in some rows, a value far outside.
func massRow(r *rand.Rand, n int) []float32 {
	x := make([]float32, n)
	scale := math.Exp(r.Float64()*8 - 4) // 0.018 … 55
	for i := range x {
		x[i] = float32(r.NormFloat64() * scale)
	}
	for range r.IntN(4) {
		i := r.IntN(n)
		for j := i; j < min(n, i+1+r.IntN(40)); j++ {
			x[j] = x[i] // a run of ties
		}
	}
	for range r.IntN(3) {
		x[r.IntN(n)] = float32(math.Inf(-1))
	}
	if r.IntN(4) == 0 {
		x[r.IntN(n)] = float32(r.NormFloat64() * 1e4)
	}
	return x
}

// TestExpStoreMass checks, on every kernel set this CPU has, that
// ExpStoreMass writes the exponentials and returns the sum of ExpStore
// to the bit, and, on AVX2 and AVX-512 (ok = true there only), the mass
// within 1e-6 relative of AppendAtLeast's, over
// rows with ties and −Inf, temperatures from 1/64 to 64, some exponents
// above 0 (sums that overflow to +Inf included), thresholds from 0 to 1,
// and lengths that are not multiples of 16 or of BlockLen.
func TestExpStoreMass(t *testing.T) {
	lengths := []int{1, 5, 16, 31, 48, 100, BlockLen - 1, BlockLen, BlockLen + 16, BlockLen + 17, 3*BlockLen + 40, 9000}
	limits := []float32{0x1p-12, 0x1p-13, 0x1p-24, 0, 0.5, 1}
	for _, isa := range ISAs() {
		withISA(t, isa, func() {
			r := rand.New(rand.NewPCG(7, 11))
			bad := 0
			for trial := range 600 {
				n := lengths[trial%len(lengths)]
				x := massRow(r, n)
				a := float32(math.Exp2(float64(r.IntN(13) - 6))) // 1/T for T in 1/64 … 64
				if trial%5 == 0 {
					a = 1
				}
				c := Max(x)
				if trial%17 == 0 {
					c -= 3 // some exponents above 0 (e > 1)
				}
				lim := limits[trial%len(limits)]
				want := make([]float32, n)
				wantSum := ExpStore(want, x, a, c)
				_, _, wantMass := AppendAtLeast(nil, nil, want, lim)
				got := make([]float32, n)
				sum, mass, fused := ExpStoreMass(got, x, a, c, lim)
				if !fused {
					mass = wantMass // no mass to check
				}
				ok := math.Float64bits(sum) == math.Float64bits(wantSum) && bitsEqual(got, want) &&
					fused == (isa == "avx512" || isa == "avx2") &&
					(mass == wantMass || relClose(mass, wantMass, 1e-6))
				if !ok && bad < 5 {
					bad++
					t.Errorf("%s: n=%d a=%g c=%g t=%g: sum %v, want %v; mass %v, want %v",
						isa, n, a, c, lim, sum, wantSum, mass, wantMass)
				}
			}
		})
	}
}

// bitsEqual reports whether a and b hold the same float32 bit patterns.
func bitsEqual(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
			return false
		}
	}
	return true
}

// BenchmarkTopPPasses times, on a 128000-token row like pkg/rows's
// benchmark rows (N(0, 3²)), the passes of top-p before its histogram:
// the exponentials alone, with the mass above the first guess, and one
// gather.
func BenchmarkTopPPasses(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 1))
	x := make([]float32, 128000)
	for i := range x {
		x[i] = float32(r.NormFloat64() * 3)
	}
	c, e := Max(x), make([]float32, len(x))
	idx, val := make([]int32, 0, len(x)+lanes), make([]float32, 0, len(x)+lanes)
	b.Run("exp", func(b *testing.B) {
		for b.Loop() {
			ExpStore(e, x, 1, c)
		}
	})
	b.Run("exp_mass", func(b *testing.B) {
		for b.Loop() {
			ExpStoreMass(e, x, 1, c, 0x1p-12)
		}
	})
	b.Run("gather", func(b *testing.B) {
		for b.Loop() {
			AppendAtLeast(idx, val, e, 0x1p-12)
		}
	})
}
