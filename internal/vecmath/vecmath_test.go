package vecmath

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// ulps returns the distance between a and b in units in the last place.
func ulps(a, b float32) int64 {
	ia, ib := int64(math.Float32bits(a)), int64(math.Float32bits(b))
	if ia > ib {
		return ia - ib
	}
	return ib - ia
}

// TestExpAccuracy compares Exp (the scalar kernels' table method) with
// float64 math.Exp on every 127th float32 of [expMin, expMax], 17 million
// arguments: none may be more than 1 ulp off, the relative error must
// stay within 1.1·2⁻²⁴ (correct rounding gives at most 2⁻²⁴), and at most
// 0.1 % may differ from the correctly rounded value (0.044 % do; with the
// cubic's r³/7 instead of r³/6, 1 % do, and the error reaches 8.9e−8).
func TestExpAccuracy(t *testing.T) {
	var worstUlp int64
	var worstRel float64
	var at float32
	misses, n := 0, 0
	check := func(x float32) {
		got, want := Exp(x), math.Exp(float64(x))
		if d := ulps(got, float32(want)); d > worstUlp {
			worstUlp, at = d, x
		}
		if got != float32(want) {
			misses++
		}
		if want >= 0x1p-126 { // normal: a relative error means something
			worstRel = max(worstRel, math.Abs(float64(got)-want)/want)
		}
		n++
	}
	for b := uint32(0); b <= math.Float32bits(expMax); b += 127 {
		check(math.Float32frombits(b))
	}
	for b := uint32(0); b <= math.Float32bits(-expMin); b += 127 {
		check(-math.Float32frombits(b))
	}
	if worstUlp > 1 || worstRel > 1.1*0x1p-24 || misses*1000 > n {
		t.Errorf("Exp: worst %d ulp (at x = %v), worst relative error %.3g, %d of %d not correctly rounded; want ≤ 1 ulp, ≤ %.3g, ≤ 0.1 %%",
			worstUlp, at, worstRel, misses, n, 1.1*0x1p-24)
	}
	inf := float32(math.Inf(1))
	if Exp(-inf) != 0 || Exp(-100) != 0 || Exp(inf) != inf || Exp(89) != inf || Exp(0) != 1 {
		t.Errorf("Exp edge cases: exp(-Inf)=%v exp(-100)=%v exp(Inf)=%v exp(89)=%v exp(0)=%v",
			Exp(-inf), Exp(-100), Exp(inf), Exp(89), Exp(0))
	}
	if nan := float32(math.NaN()); Exp(nan) == Exp(nan) {
		t.Error("Exp(NaN) is not NaN")
	}
}

func randRow(n int, seed uint64) []float32 {
	r := rand.New(rand.NewPCG(seed, 1))
	x := make([]float32, n)
	for i := range x {
		x[i] = float32(r.NormFloat64() * 4)
	}
	return x
}

func relClose(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*math.Max(math.Abs(a), math.Abs(b))+1e-30
}

// TestKernelsAgainstFloat64 checks the exported functions (SIMD kernels
// when built with GOEXPERIMENT=simd) against plain float64 loops, for
// lengths that exercise the block split and the scalar tails.
func TestKernelsAgainstFloat64(t *testing.T) {
	t.Logf("SIMD kernels: %v", SIMD())
	for _, n := range []int{1, 7, 16, 17, 100, BlockLen, BlockLen + 33, 3*BlockLen + 5} {
		x := randRow(n, uint64(n))
		y := randRow(n, uint64(n)+7)
		x[n/2] = float32(math.Inf(-1)) // a masked token
		const a, c, d = 0.7, 1.5, -0.25
		var wm, ws, we, wd, wdiff float64 // float64 references
		wm = math.Inf(-1)
		for i, v := range x {
			wm = math.Max(wm, float64(v))
			ws += float64(v)
			e := math.Exp(a * (float64(v) - c))
			we += e
			if e > 0 {
				wd += e * (float64(v) - c)
				wdiff += e * (float64(v) - float64(y[i]) - d)
			}
		}
		m, s := MaxSum(x)
		if float64(m) != wm || !math.IsInf(s, -1) {
			t.Errorf("n=%d MaxSum = (%v, %v), want (%v, -Inf)", n, m, s, wm)
		}
		x2 := append([]float32(nil), x...)
		x2[n/2] = 1
		ws = 0 // x has −Inf; the sum of x2 is finite
		for _, v := range x2 {
			ws += float64(v)
		}
		if _, s := MaxSum(x2); math.Abs(s-ws) > 1e-5*float64(n) {
			t.Errorf("n=%d MaxSum sum = %v, want %v", n, s, ws)
		}
		dst := make([]float32, n)
		if got := ExpStore(dst, x, a, c); !relClose(got, we, 1e-6) {
			t.Errorf("n=%d ExpStore sum = %v, want %v", n, got, we)
		}
		for i, v := range x {
			// float32 rounding of a·(v−c) alone moves exp by up to ~1e-6 relative.
			if want := math.Exp(a * (float64(v) - c)); !relClose(float64(dst[i]), want, 2e-6) {
				t.Fatalf("n=%d ExpStore[%d] = %v, want %v", n, i, dst[i], want)
			}
		}
		if gs, gd := ExpSumDot(x, a, c); !relClose(gs, we, 1e-6) || !relClose(gd, wd, 1e-5) {
			t.Errorf("n=%d ExpSumDot = (%v, %v), want (%v, %v)", n, gs, gd, we, wd)
		}
		if gs, gd := ExpSumDiff(x, y, a, c, d); !relClose(gs, we, 1e-6) || !relClose(gd, wdiff, 1e-5) {
			t.Errorf("n=%d ExpSumDiff = (%v, %v), want (%v, %v)", n, gs, gd, we, wdiff)
		}
		ShiftScale(dst, x2, 2, 0.5, 1)
		for i, v := range x2 {
			if dst[i] != 2*(v-0.5)+1 {
				t.Fatalf("n=%d ShiftScale[%d] = %v, want %v", n, i, dst[i], 2*(v-0.5)+1)
			}
		}
		Scale(dst, 0.5)
		for i, v := range x2 {
			if want := (2*(v-0.5) + 1) * 0.5; dst[i] != want {
				t.Fatalf("n=%d Scale[%d] = %v, want %v", n, i, dst[i], want)
			}
		}
	}
}

func BenchmarkMaxSumExp128K(b *testing.B) {
	x := randRow(128000, 1)
	b.SetBytes(int64(4 * len(x)))
	for b.Loop() {
		MaxSumExp(x, 1)
	}
}

func BenchmarkMaxSum128K(b *testing.B) {
	x := randRow(128000, 1)
	b.SetBytes(int64(4 * len(x)))
	for b.Loop() {
		MaxSum(x)
	}
}

func TestMaxSumExp(t *testing.T) {
	for _, n := range []int{1, 17, BlockLen, 3*BlockLen + 7, 3*ChunkLen + 7} {
		// Increasing blocks force the running max to rise and the sum to rescale.
		x := randRow(n, uint64(n))
		for i := range x {
			x[i] += float32(i / BlockLen * 20)
		}
		if n > 1 {
			x[0] = float32(math.Inf(-1))
		}
		const a = 0.8
		wm := math.Inf(-1)
		for _, v := range x {
			wm = math.Max(wm, float64(v))
		}
		var ws, we float64
		for _, v := range x {
			ws += float64(v)
			we += math.Exp(a * (float64(v) - wm))
		}
		m, s, e := MaxSumExp(x, a)
		if float64(m) != wm || (n > 1) != math.IsInf(s, -1) || !relClose(e, we, 1e-6) {
			t.Errorf("n=%d MaxSumExp = (%v, %v, %v), want (%v, -Inf, %v)", n, m, s, e, wm, we)
		}
	}
	if m, _, e := MaxSumExp([]float32{float32(math.Inf(-1)), float32(math.Inf(-1))}, 1); !math.IsInf(float64(m), -1) || e != 0 {
		t.Errorf("MaxSumExp(all -Inf) = %v, %v; want -Inf, 0", m, e)
	}
}

func TestSoftmaxRow(t *testing.T) {
	// 2·ChunkLen + BlockLen + 37: the last chunk, read ahead while the one
	// before it is exponentiated, ends in a partial block of 37.
	for _, n := range []int{1, 5, BlockLen, 3*BlockLen + 11, 2*ChunkLen + BlockLen + 37, 300 * BlockLen} {
		x := randRow(n, uint64(n)+1)
		for i := range x {
			x[i] += float32(i/BlockLen) * 0.05 // rising block maxima force rescaling
		}
		if n > 2 {
			x[1] = float32(math.Inf(-1))
		}
		if n > 2*ChunkLen {
			for i := range ChunkLen { // a first chunk of masked tokens only
				x[i] = float32(math.Inf(-1))
			}
			for i := 2 * ChunkLen; i < n; i++ { // exp(1.3·80) overflows if this chunk's max is missed
				x[i] += 80
			}
		}
		const a = 1.3
		m := math.Inf(-1)
		for _, v := range x {
			m = math.Max(m, float64(v))
		}
		var s float64
		for _, v := range x {
			s += math.Exp(a * (float64(v) - m))
		}
		got := make([]float32, n)
		SoftmaxRow(got, x, a)
		for i, v := range x {
			if want := math.Exp(a*(float64(v)-m)) / s; !relClose(float64(got[i]), want, 1e-5) { // the parity bound of pkg/rows
				t.Fatalf("n=%d softmax[%d] = %v, want %v", n, i, got[i], want)
			}
		}
	}
	got := make([]float32, 2)
	SoftmaxRow(got, []float32{float32(math.Inf(-1)), float32(math.Inf(-1))}, 1)
	if !math.IsNaN(float64(got[0])) {
		t.Errorf("softmax of an all -Inf row = %v, want NaN", got)
	}
}

// TestMaxExpOverlapped: on every kernel set, the overlapped MaxExp (the
// AVX2 and SSE2 tiers') gives the chunked one's max and sum, on rows
// whose chunk maxima rise (the sum is rescaled), rows that open with a
// run of −Inf longer than a chunk, rows ending in a partial block, and
// all −Inf.
func TestMaxExpOverlapped(t *testing.T) {
	inf := float32(math.Inf(-1))
	var rows [][]float32
	for _, n := range []int{1, 17, BlockLen, 3*BlockLen + 7, ChunkLen + 5, 3*ChunkLen + BlockLen + 37} {
		x, z := randRow(n, uint64(n)+3), randRow(n, uint64(n)+4)
		for i := range x {
			x[i] += float32(i/BlockLen) * 0.3
			z[i] += float32(i/BlockLen) * 0.02 // small rises
		}
		rows = append(rows, x, z)
		y := slices.Clone(x)
		for i := range y[:min(len(y), ChunkLen+BlockLen+3)] {
			y[i] = inf
		}
		rows = append(rows, y)
	}
	rows = append(rows, []float32{inf, inf, inf}, nil)
	for _, isa := range ISAs() {
		withISA(t, isa, func() {
			for _, x := range rows {
				wm, _, ws := maxSumExp(x, 0.9, false)
				m, s := maxExpOverlapped(x, 0.9, nil)
				if m != wm || s != ws {
					t.Errorf("%s n=%d: maxExpOverlapped = (%v, %v), maxSumExp = (%v, %v)", isa, len(x), m, s, wm, ws)
				}
			}
		})
	}
}

// TestExpStoreNext: on every kernel set, ExpStoreNext, ExpSumDotNext and
// ExpSumDiffNext give ExpStore's, ExpSumDot's and ExpSumDiff's results
// bit for bit and the exact max of next, for next as long as x, shorter
// (ending inside a block), empty, and holding −Inf; and for a next as
// long as x with NaNs, ±Inf and ±0 anywhere, the max BlockMax gives, bit
// for bit.
func TestExpStoreNext(t *testing.T) {
	for _, isa := range ISAs() {
		withISA(t, isa, func() {
			for _, n := range []int{1, 17, BlockLen, 3*BlockLen + 7, ChunkLen + 37} {
				x, y := randRow(n, uint64(n)+5), randRow(n, uint64(n)+7)
				x[n-1] = float32(math.Inf(-1))
				x[0] = 1
				c := Max(x)
				for _, k := range []int{n, n / 2, 0} {
					next := randRow(k, uint64(k)+6)
					if k > 2 {
						next[1] = float32(math.Inf(-1))
						next[k-1] = 9
					}
					checkNext(t, fmt.Sprintf("%s n=%d len(next)=%d", isa, n, k), x, y, next, c)
				}
				for pos := 0; pos < n; pos += max(1, n/23) {
					next := randRow(n, uint64(pos))
					next[pos] = float32(math.NaN())
					next[(pos+5)%n] = float32(math.Inf(1))
					next[(pos+9)%n] = float32(math.Copysign(0, -1))
					checkBlockMax(t, fmt.Sprintf("%s n=%d NaN at %d", isa, n, pos), x, y, next, c)
				}
			}
		})
	}
}

// checkBlockMax checks that the three Next functions return
// BlockMax(next) bit for bit, next being as long as x.
func checkBlockMax(t *testing.T, name string, x, y, next []float32, c float32) {
	t.Helper()
	want := math.Float32bits(BlockMax(next))
	_, m1 := ExpStoreNext(make([]float32, len(x)), x, next, 0.7, c)
	_, _, m2 := ExpSumDotNext(x, next, 0.7, c)
	_, _, m3 := ExpSumDiffNext(x, y, next, 0.7, c, 0.25)
	for _, m := range []float32{m1, m2, m3} {
		if math.Float32bits(m) != want {
			t.Errorf("%s: Next functions' max %v %v %v, BlockMax %v", name, m1, m2, m3, BlockMax(next))
			return
		}
	}
}

func checkNext(t *testing.T, name string, x, y, next []float32, c float32) {
	t.Helper()
	wm := float32(math.Inf(-1))
	for _, v := range next {
		wm = max(wm, v)
	}
	want, got := make([]float32, len(x)), make([]float32, len(x))
	ws := ExpStore(want, x, 0.7, c)
	s, m := ExpStoreNext(got, x, next, 0.7, c)
	if s != ws || !slices.Equal(bitsOf(got), bitsOf(want)) || m != wm {
		t.Errorf("%s: ExpStoreNext sum %v (ExpStore %v), max %v (want %v), rows equal %v",
			name, s, ws, m, wm, slices.Equal(bitsOf(got), bitsOf(want)))
	}
	s1, d1 := ExpSumDot(x, 0.7, c)
	s2, d2, m2 := ExpSumDotNext(x, next, 0.7, c)
	if s1 != s2 || d1 != d2 || m2 != wm {
		t.Errorf("%s: ExpSumDotNext = (%v, %v, %v), ExpSumDot = (%v, %v), max %v", name, s2, d2, m2, s1, d1, wm)
	}
	s1, d1 = ExpSumDiff(x, y, 0.7, c, 0.25)
	s2, d2, m2 = ExpSumDiffNext(x, y, next, 0.7, c, 0.25)
	if s1 != s2 || d1 != d2 || m2 != wm {
		t.Errorf("%s: ExpSumDiffNext = (%v, %v, %v), ExpSumDiff = (%v, %v), max %v", name, s2, d2, m2, s1, d1, wm)
	}
}
