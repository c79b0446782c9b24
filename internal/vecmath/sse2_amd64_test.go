package vecmath

import (
	"encoding/binary"
	"fmt"
	"math"
	"runtime/debug"
	"slices"
	"testing"
	"unsafe"
)

// unfusedScalar reports whether scalar Go code (expStoreCephes) rounds
// after every multiplication, as the SSE2 kernels do: the compiler fuses
// a·b + c into one FMA only for GOAMD64=v3 and above.
func unfusedScalar() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "GOAMD64" {
			return s.Value == "v1" || s.Value == "v2"
		}
	}
	return true // v1, the default, is not recorded by every build
}

// expReduced is the Cephes exp of exp.go's constants, for x in
// [expMin, expMax], one float32 operation at a time: the arithmetic that
// the vector kernels run on every lane.
func expReduced(x float32) float32 {
	n := (x*log2e + roundMagic) - roundMagic
	r := x - n*ln2Hi
	r -= n * ln2Lo
	y := ((((expP0*r+expP1)*r+expP2)*r+expP3)*r+expP4)*r + expP5
	return (y*(r*r) + r + 1) * math.Float32frombits(uint32(int32(n)+127)<<23)
}

// expStoreCephes writes exp(a·(xᵢ − c)) as the SSE2 kernels compute each
// lane, unfused: expReduced in [expMin, expMax], and outside it what
// expStoreScalar writes (0 below, +Inf above, NaN for NaN).
func expStoreCephes(dst, x []float32, a, c float32) {
	expStoreScalar(dst, x, a, c)
	for i, v := range x {
		if v := a * (v - c); v >= expMin && v <= expMax {
			dst[i] = expReduced(v)
		}
	}
}

// sameFloat reports whether got is want bit for bit (any NaN for NaN),
// or within 1 ulp when scalar Go code is built with FMA.
func sameFloat(got, want float32, exact bool) bool {
	if want != want {
		return got != got
	}
	if exact {
		return math.Float32bits(got) == math.Float32bits(want)
	}
	return ulps(got, want) <= 1
}

// specialRow is a row of n normal values with −Inf, +Inf, NaN, +0 and
// −0 at fixed places in its first 16 and its last 16 elements.
func specialRow(n int, seed uint64) []float32 {
	x := randRow(n, seed)
	inf := float32(math.Inf(1))
	for _, i := range []int{1, 6, n - 3} {
		x[i] = -inf
	}
	x[2], x[n-7] = inf, inf
	x[9], x[n-1] = float32(math.NaN()), float32(math.NaN())
	x[4], x[n-10] = 0, float32(math.Copysign(0, -1))
	return x
}

// TestSSE2ExpMatchesCephes: expStoreSSE2 and expStoreMaxSSE2 do
// expStoreCephes' float32 operations in the same order, so every lane
// with expMin ≤ a·(x − c) ≤ expMax gives its result bit for bit;
// the lanes below, −Inf and NaN give +0, and the lanes above exp(expMax)
// (the clamp of the vector kernels). The sweep crosses both ends of the
// range. On the same row shifted below c, both kernels' sums agree with
// the reference lanes' to 1e-6, and expStoreMax's max of next is exact.
func TestSSE2ExpMatchesCephes(t *testing.T) {
	exact := unfusedScalar()
	var x []float32
	for v := float32(-90); v < 90; v += 0.0071 {
		x = append(x, v)
	}
	x = append(x[:len(x)&^(lanes-1)-lanes], specialRow(lanes, 1)...)
	next := randRow(len(x), 2)
	next[len(next)-5] = 50
	top := expReduced(expMax)
	for _, ac := range [][2]float32{{1, 0}, {1.3, 2}, {0.7, -1}} {
		a, c := ac[0], ac[1]
		want := make([]float32, len(x))
		expStoreCephes(want, x, a, c)
		got := make([]float32, len(x)+lanes)
		expStoreSSE2(got, x, a, c)
		for i, v := range x {
			w := want[i]
			switch arg := (v - c) * a; {
			case arg != arg || arg < expMin:
				w = 0
			case arg > expMax:
				w = top
			}
			if !sameFloat(got[i], w, exact) {
				t.Fatalf("a=%v c=%v: exp(a·(%v − c)) = %v (%#x), want %v (%#x)", a, c, v, got[i],
					math.Float32bits(got[i]), w, math.Float32bits(w))
			}
		}
		for i, g := range got[len(x):] {
			if g != 0 {
				t.Fatalf("a=%v c=%v: wrote %v past the end at %d", a, c, g, len(x)+i)
			}
		}
		// expStoreMax needs c ≥ max x: shift the row below c, where
		// no lane is clamped and the sums are finite.
		y := make([]float32, len(x))
		for i, v := range x {
			y[i] = min(v, 0) + c
		}
		ref := make([]float32, len(y))
		expStoreCephes(ref, y, a, c)
		var refSum float64
		for i, r := range ref {
			if r != r {
				ref[i] = 0 // NaN: the vector kernels drop the lane
			}
			refSum += float64(ref[i])
		}
		e1, e2 := make([]float32, len(y)), make([]float32, len(y))
		s1 := expStoreSSE2(e1, y, a, c)
		s2, m2 := expStoreMaxSSE2(e2, y, next, a, c)
		for i := range y {
			if !sameFloat(e1[i], ref[i], exact) || !sameFloat(e2[i], ref[i], exact) {
				t.Fatalf("a=%v c=%v: exp(a·(%v − c)) = %v (expStore), %v (expStoreMax), Cephes %v", a, c, y[i], e1[i], e2[i], ref[i])
			}
		}
		if !relClose(float64(s1), refSum, 1e-6) || !relClose(float64(s2), refSum, 1e-6) || m2 != 50 {
			t.Errorf("a=%v c=%v: sums %v, %v, max(next) %v; want %v, 50", a, c, s1, s2, m2, refSum)
		}
	}
}

// TestSSE2MaxSum checks maxSSE2 and maxSumSSE2 against the scalar
// kernels (the sum against float64 to 1e-6·Σ|xᵢ|) on rows with −Inf, +Inf and signed zeros, on rows of −Inf
// alone and of zeros alone, on a NaN (which, as with the other vector
// kernels, may or may not reach the max, but always reaches the sum),
// and on an empty slice.
func TestSSE2MaxSum(t *testing.T) {
	inf := float32(math.Inf(1))
	negInf, zeros, withNaN := make([]float32, 48), make([]float32, 32), randRow(64, 7)
	for i := range negInf {
		negInf[i] = -inf
	}
	for i := 1; i < len(zeros); i += 2 {
		zeros[i] = float32(math.Copysign(0, -1))
	}
	withNaN[37] = float32(math.NaN())
	rows := map[string][]float32{"random": randRow(BlockLen, 3), "negInf": negInf, "zeros": zeros, "withNaN": withNaN}
	for _, n := range []int{16, 32, 64} {
		x := specialRow(n, uint64(n))
		x[9], x[n-1] = 0, 1 // no NaN
		rows[fmt.Sprint("special", n)] = x
	}
	for name, x := range rows {
		m, s := maxSumSSE2(x)
		m1 := maxSSE2(x)
		wm, ws := maxSumScalar(x)
		if name == "withNaN" {
			wm = maxScalar(append(x[:37:37], x[38:]...))
			if m == m && m != wm || m1 == m1 && m1 != wm || s == s {
				t.Errorf("%s: maxSum = (%v, %v), max = %v; want max %v or NaN, sum NaN", name, m, s, m1, wm)
			}
			continue
		}
		var exact, abs float64
		for _, v := range x {
			exact, abs = exact+float64(v), abs+math.Abs(float64(v))
		}
		if m != wm || m1 != wm || !(math.Abs(float64(s)-exact) <= 1e-6*abs) && !sameFloat(s, ws, true) {
			t.Errorf("%s: maxSum = (%v, %v), max = %v; scalar (%v, %v)", name, m, s, m1, wm, ws)
		}
	}
	for p := range 64 { // the max in each lane of each of the four vectors
		x := make([]float32, 64)
		x[p] = 1
		if m, s := maxSumSSE2(x); m != 1 || s != 1 || maxSSE2(x) != 1 {
			t.Errorf("max at %d: maxSum = (%v, %v), max = %v, want 1", p, m, s, maxSSE2(x))
		}
	}
	if m, s := maxSumSSE2(nil); !math.IsInf(float64(m), -1) || s != 0 {
		t.Errorf("maxSumSSE2(empty) = (%v, %v), want (−Inf, 0)", m, s)
	}
	if m := maxSSE2(nil); !math.IsInf(float64(m), -1) {
		t.Errorf("maxSSE2(empty) = %v, want −Inf", m)
	}
	if s, m := expStoreMaxSSE2(nil, nil, nil, 1, 0); s != 0 || !math.IsInf(float64(m), -1) {
		t.Errorf("expStoreMaxSSE2(empty) = (%v, %v), want (0, −Inf)", s, m)
	}
}

// TestSSE2ScaleShiftScale: scaleSSE2 and shiftScaleSSE2 round as the
// scalar kernels do (one product; a difference, a product and a sum),
// so they agree bit for bit, signed zeros and infinities included, and
// write nothing past len(x).
func TestSSE2ScaleShiftScale(t *testing.T) {
	exact := unfusedScalar()
	x := specialRow(64, 11)
	for _, s := range []float32{3, -0.5, 0, float32(math.Copysign(0, -1))} {
		got, want := append([]float32(nil), x...), append([]float32(nil), x...)
		got = append(got, 1)
		scaleSSE2(got[:len(x)], s)
		scaleScalar(want, s)
		for i := range want {
			if !sameFloat(got[i], want[i], true) {
				t.Fatalf("scale by %v: [%d] %v·s = %v, scalar %v", s, i, x[i], got[i], want[i])
			}
		}
		if got[len(x)] != 1 {
			t.Errorf("scale by %v wrote past the end", s)
		}
	}
	for _, p := range [][3]float32{{0.5, 1.25, -2}, {-1, 0, 0}, {1, float32(math.Copysign(0, -1)), float32(math.Copysign(0, -1))}, {1.1, 3, 1e-3}} {
		got, want := make([]float32, len(x)+1), make([]float32, len(x))
		got[len(x)] = 1
		shiftScaleSSE2(got[:len(x)], x, p[0], p[1], p[2])
		shiftScaleScalar(want, x, p[0], p[1], p[2])
		for i := range want {
			if !sameFloat(got[i], want[i], exact) {
				t.Fatalf("shiftScale %v: [%d] %v → %v, scalar %v", p, i, x[i], got[i], want[i])
			}
		}
		if got[len(x)] != 1 {
			t.Errorf("shiftScale %v wrote past the end", p)
		}
	}
}

// TestSSE2ConstsAligned: the SSE2 kernels use the constants as memory
// operands, which legacy SSE instructions require 16-byte aligned.
func TestSSE2ConstsAligned(t *testing.T) {
	if p := uintptr(unsafe.Pointer(sse2K)); p%16 != 0 {
		t.Errorf("sse2K at %#x, not 16-byte aligned", p)
	}
	if sse2K.bias[3] != 127<<23 || sse2K.p5[0] != expP5 || sse2K.one[2] != 1 {
		t.Errorf("sse2K = %+v", *sse2K)
	}
}

// FuzzSSE2Kernels compares every SSE2 kernel with its scalar twin on
// arbitrary float32 bit patterns (NaN, ±Inf, subnormals, signed zeros)
// and arbitrary a, c and threshold: lanes, indices and maxima as the
// tests above state them, sums to within their float32 rounding.
func FuzzSSE2Kernels(f *testing.F) {
	f.Add(make([]byte, 64), float32(1), float32(0), float32(0))
	f.Add(rowBytes(specialRow(48, 1)), float32(1.3), float32(2), float32(-0.5))
	f.Add(rowBytes(randRow(512, 2)), float32(0.7), float32(5), float32(3))
	f.Add(rowBytes(randRow(176, 4)), float32(1), float32(0), float32(-1)) // 64-lane steps, then 16
	f.Fuzz(func(t *testing.T, raw []byte, a, c, thr float32) {
		x := make([]float32, max(lanes, min(len(raw)/4, BlockLen))&^(lanes-1))
		for i := range x {
			if 4*i+4 <= len(raw) {
				x[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
			}
		}
		fuzzExp(t, x, a, c)
		fuzzMaxSum(t, x)
		fuzzLanes(t, x, a, c, thr)
		fuzzSelect(t, x, thr)
	})
}

func rowBytes(x []float32) []byte {
	b := make([]byte, 4*len(x))
	for i, v := range x {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(v))
	}
	return b
}

// sumBound is 2⁻¹⁷·Σ|tᵢ|, above the worst rounding of a float32 sum of at
// most BlockLen terms in eight or more lanes (64 additions a lane, three
// to combine the lanes, 2⁻²⁴ each); ok is false where that sum could
// overflow float32 on the way, or a term is not finite.
func sumBound(terms []float64) (sum, bound float64, ok bool) {
	var abs float64
	for _, v := range terms {
		sum, abs = sum+v, abs+math.Abs(v)
	}
	return sum, abs * 0x1p-17, abs < 1e37
}

// checkScalarExp checks the scalar kernel (the table method) against
// cephes, expStoreCephes' output for the same x, a and c: each is within
// 1 ulp of the correctly rounded exp in [expMin, expMax], so within 2 of
// each other; outside it the scalar kernel gives exactly 0 below, +Inf
// above and NaN for NaN.
func checkScalarExp(t *testing.T, x, cephes []float32, a, c float32) {
	t.Helper()
	got := make([]float32, len(x))
	expStoreScalar(got, x, a, c)
	for i, v := range x {
		g, arg := got[i], (v-c)*a
		var ok bool
		switch {
		case arg != arg:
			ok = g != g
		case arg < expMin:
			ok = math.Float32bits(g) == 0
		case arg > expMax:
			ok = math.IsInf(float64(g), 1)
		default:
			ok = ulps(g, cephes[i]) <= 2
		}
		if !ok {
			t.Fatalf("scalar exp((%v − %v)·%v) = %v, Cephes %v", v, c, a, g, cephes[i])
		}
	}
}

func fuzzExp(t *testing.T, x []float32, a, c float32) {
	exact, top := unfusedScalar(), expReduced(expMax)
	got, want := make([]float32, len(x)), make([]float32, len(x))
	s := expStoreSSE2(got, x, a, c)
	expStoreCephes(want, x, a, c)
	checkScalarExp(t, x, want, a, c)
	terms := make([]float64, len(x))
	for i, v := range x {
		switch arg := (v - c) * a; {
		case arg != arg || arg < expMin:
			want[i] = 0
		case arg > expMax:
			want[i] = top
		}
		if !sameFloat(got[i], want[i], exact) {
			t.Fatalf("exp((%v − %v)·%v) = %v, Cephes %v", v, c, a, got[i], want[i])
		}
		terms[i] = float64(want[i])
	}
	if ref, bound, ok := sumBound(terms); ok && math.Abs(float64(s)-ref) > bound {
		t.Errorf("expStore sum %v, lanes add to %v", s, ref)
	}
	// expStoreMax for the row clipped at c, with a > 0 as softmax calls
	// it (no argument above 0), and the max of x.
	if !(a > 0) {
		return
	}
	y := make([]float32, len(x))
	for i, v := range x {
		y[i] = min(v, c)
	}
	withMax := make([]float32, len(x))
	s1 := expStoreSSE2(got, y, a, c)
	s2, m := expStoreMaxSSE2(withMax, y, x, a, c)
	for i := range y {
		if math.Float32bits(withMax[i]) != math.Float32bits(got[i]) {
			t.Fatalf("expStoreMax lane %d = %v, expStore %v", i, withMax[i], got[i])
		}
	}
	if !sameFloat(s1, s2, true) || !slices.ContainsFunc(x, isNaN) && m != maxScalar(x) {
		t.Errorf("expStoreMax = (%v, %v), want (%v, %v)", s2, m, s1, maxScalar(x))
	}
}

func isNaN(v float32) bool { return v != v }

func fuzzMaxSum(t *testing.T, x []float32) {
	m, s := maxSumSSE2(x)
	if !slices.ContainsFunc(x, isNaN) && (m != maxScalar(x) || maxSSE2(x) != m) {
		t.Errorf("maxSum max %v, max %v; scalar %v", m, maxSSE2(x), maxScalar(x))
	}
	terms := make([]float64, len(x))
	for i, v := range x {
		terms[i] = float64(v)
	}
	if ref, bound, ok := sumBound(terms); ok && math.Abs(float64(s)-ref) > bound {
		t.Errorf("maxSum sum %v, want %v", s, ref)
	}
}

// fuzzLanes checks scale and shift-scale lane by lane, and the two dot
// products (over the lanes' exponentials, as ExpSumDot and ExpSumDiff
// call them) against their float32 terms.
func fuzzLanes(t *testing.T, x []float32, a, c, d float32) {
	got, want := slices.Clone(x), slices.Clone(x)
	scaleSSE2(got, a)
	scaleScalar(want, a)
	shifted, wantShifted := make([]float32, len(x)), make([]float32, len(x))
	shiftScaleSSE2(shifted, x, a, c, d)
	shiftScaleScalar(wantShifted, x, a, c, d)
	for i := range x {
		if !sameFloat(got[i], want[i], true) || !sameFloat(shifted[i], wantShifted[i], unfusedScalar()) {
			t.Fatalf("x = %v: scale %v (scalar %v), shift-scale %v (scalar %v)", x[i], got[i], want[i], shifted[i], wantShifted[i])
		}
	}
	e, y := make([]float32, len(x)), slices.Clone(x)
	expStoreSSE2(e, x, 1, c)
	slices.Reverse(y)
	shift, diff := make([]float64, len(x)), make([]float64, len(x))
	for i, w := range e {
		if w > 0 {
			shift[i], diff[i] = float64(w*(x[i]-c)), float64(w*(x[i]-y[i]-d))
		}
	}
	if ref, bound, ok := sumBound(shift); ok && math.Abs(float64(dotShiftSSE2(e, x, c))-ref) > bound {
		t.Errorf("dotShift %v, terms add to %v", dotShiftSSE2(e, x, c), ref)
	}
	if ref, bound, ok := sumBound(diff); ok && math.Abs(float64(dotDiffSSE2(e, x, y, d))-ref) > bound {
		t.Errorf("dotDiff %v, terms add to %v", dotDiffSSE2(e, x, y, d), ref)
	}
}

// fuzzSelect checks firstAbove, maskBelow and atLeast exactly, and
// atLeast's sum against its values.
func fuzzSelect(t *testing.T, x []float32, thr float32) {
	if got, want := firstAboveSSE2(x, thr), firstAboveScalar(x, thr); got != want {
		t.Errorf("firstAbove %v = %d, scalar %d", thr, got, want)
	}
	got, want := make([]float32, len(x)), make([]float32, len(x))
	maskBelowSSE2(got, x, thr)
	maskBelowScalar(want, x, thr)
	for i := range x {
		if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
			t.Fatalf("maskBelow %v: [%d] %v → %v, scalar %v", thr, i, x[i], got[i], want[i])
		}
	}
	idx, wantIdx := make([]int32, len(x)+lanes), make([]int32, len(x))
	val, wantVal := make([]float32, len(x)+lanes), make([]float32, len(x))
	n, s := atLeastSSE2(idx, val, x, thr, 1000)
	wn, _ := atLeastScalar(wantIdx, wantVal, x, thr, 1000)
	terms := make([]float64, wn)
	for j := range wn {
		terms[j] = float64(wantVal[j])
	}
	if n != wn || !slices.Equal(idx[:n], wantIdx[:wn]) || !slices.Equal(val[:n], wantVal[:wn]) {
		t.Fatalf("atLeast %v: %d indices %v, scalar %d %v", thr, n, idx[:n], wn, wantIdx[:wn])
	}
	if ref, bound, ok := sumBound(terms); ok && math.Abs(float64(s)-ref) > bound {
		t.Errorf("atLeast %v: sum %v, values add to %v", thr, s, ref)
	}
}
