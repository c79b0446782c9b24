package vecmath

import "math"

// Constants of the Cephes single-precision exp (expf.c): exp(x) =
// 2ⁿ·exp(r) with n = round(x·log₂e) and r = x − n·ln 2, where ln 2 is split
// into c1 + c2 so that n·c1 is exact; exp(r) on |r| ≤ ½ln 2 is
// 1 + r + r²·P(r). The error is below 2 ulp over the whole range.
const (
	expMax = 88.3762626647949  // above: +Inf
	expMin = -87.3365478515625 // below: 0 (no subnormal results)
	log2e  = 1.44269504088896341
	ln2Hi  = 0.693359375
	ln2Lo  = -2.12194440e-4
	expP0  = 1.9875691500e-4
	expP1  = 1.3981999507e-3
	expP2  = 8.3334519073e-3
	expP3  = 4.1665795894e-2
	expP4  = 1.6666665459e-1
	expP5  = 5.0000001201e-1
)

// Exp returns eˣ in float32 with the same polynomial as the SIMD kernels.
// Exp(x) = 0 for x < −87.34 (including −Inf), +Inf for x > 88.38, NaN for
// NaN. Accurate to 2 ulp elsewhere.
func Exp(x float32) float32 {
	switch {
	case x != x:
		return x
	case x > expMax:
		return float32(math.Inf(1))
	case x < expMin:
		return 0
	}
	return expReduced(x)
}

// roundMagic is 1.5·2²³: for |v| < 2²², (v + roundMagic) − roundMagic is v
// rounded to the nearest integer, ties to even, in two float32 additions.
const roundMagic = 12582912

// expReduced is Exp for x in [expMin, expMax].
func expReduced(x float32) float32 {
	t := x*log2e + roundMagic
	n := t - roundMagic
	r := x - n*ln2Hi
	r -= n * ln2Lo
	y := float32(expP0)
	y = y*r + expP1
	y = y*r + expP2
	y = y*r + expP3
	y = y*r + expP4
	y = y*r + expP5
	y = y*(r*r) + r + 1
	return y * math.Float32frombits(uint32(int32(n)+127)<<23)
}

// maxScalar compares rather than calling the max builtin, whose NaN and
// signed-zero rules cost a branch-heavy sequence per element, and keeps
// four running maxima so that the compares do not wait on each other.
func maxScalar(x []float32) float32 {
	inf := float32(math.Inf(-1))
	m0, m1, m2, m3 := inf, inf, inf, inf
	n := len(x) &^ 3
	for i := 0; i < n; i += 4 {
		if x[i] > m0 {
			m0 = x[i]
		}
		if x[i+1] > m1 {
			m1 = x[i+1]
		}
		if x[i+2] > m2 {
			m2 = x[i+2]
		}
		if x[i+3] > m3 {
			m3 = x[i+3]
		}
	}
	for _, v := range x[n:] {
		if v > m0 {
			m0 = v
		}
	}
	return max(m0, m1, m2, m3)
}

func maxSumScalar(x []float32) (float32, float32) {
	var s0, s1 float32
	n := len(x) &^ 1
	for i := 0; i < n; i += 2 {
		s0 += x[i]
		s1 += x[i+1]
	}
	if n < len(x) {
		s0 += x[n]
	}
	return maxScalar(x), s0 + s1
}

// expStoreScalar is the portable exp kernel. Its two sums alternate so
// that each addition need not wait for the one before.
func expStoreScalar(dst, x []float32, a, c float32) float32 {
	var s0, s1 float32
	dst = dst[:len(x)]
	for i, v := range x {
		e := float32(0)
		switch v := a * (v - c); {
		case v >= expMin && v <= expMax:
			// expReduced written out: Go does not inline it.
			n := (v*log2e + roundMagic) - roundMagic
			r := v - n*ln2Hi
			r -= n * ln2Lo
			y := ((((expP0*r+expP1)*r+expP2)*r+expP3)*r+expP4)*r + expP5
			e = (y*(r*r) + r + 1) * math.Float32frombits(uint32(int32(n)+127)<<23)
		case v > expMax:
			e = float32(math.Inf(1))
		case v != v:
			e = v
		}
		dst[i] = e
		s0, s1 = s1, s0+e
	}
	return s0 + s1
}

// expStoreMaxScalar is expStoreScalar that also returns max(next).
func expStoreMaxScalar(dst, x, next []float32, a, c float32) (float32, float32) {
	return expStoreScalar(dst, x, a, c), maxScalar(next)
}

// dotShiftScalar returns Σ eᵢ·(xᵢ − c) over the eᵢ > 0.
func dotShiftScalar(e, x []float32, c float32) float32 {
	var d float32
	for i, w := range e {
		if w > 0 {
			d += w * (x[i] - c)
		}
	}
	return d
}

// dotDiffScalar returns Σ eᵢ·(xᵢ − yᵢ − c) over the eᵢ > 0.
func dotDiffScalar(e, x, y []float32, c float32) float32 {
	var d float32
	for i, w := range e {
		if w > 0 {
			d += w * (x[i] - y[i] - c)
		}
	}
	return d
}

func scaleScalar(x []float32, s float32) {
	for i := range x {
		x[i] *= s
	}
}

func shiftScaleScalar(dst, x []float32, a, c, d float32) {
	for i, v := range x {
		dst[i] = a*(v-c) + d
	}
}

func firstAboveScalar(x []float32, t float32) int {
	for i, v := range x {
		if v > t {
			return i
		}
	}
	return len(x)
}

func maskBelowScalar(dst, x []float32, t float32) {
	dst = dst[:len(x)]
	for i, v := range x {
		if v < t {
			v = float32(math.Inf(-1))
		}
		dst[i] = v
	}
}

// atLeastScalar writes base+i into idx and xᵢ into val for each xᵢ ≥ t
// (both have room for all of x) and returns their count and sum.
func atLeastScalar(idx []int32, val, x []float32, t float32, base int32) (int, float32) {
	n := 0
	var s float32
	for i, v := range x {
		if v >= t {
			idx[n], val[n] = base+int32(i), v
			n++
			s += v
		}
	}
	return n, s
}

// splitScalar writes idxⱼ to hi where valⱼ ≥ tHi and to mid where
// tMid ≤ valⱼ < tHi (both have room for all of idx), and returns the two
// counts. It writes every index to both lists and advances each by 0 or
// 1, with no branch: which list a token joins is unpredictable.
func splitScalar(hi, mid, idx []int32, val []float32, tHi, tMid float32) (nh, nm int) {
	val = val[:len(idx)]
	hi, mid = hi[:len(idx)], mid[:len(idx)]
	for j, i := range idx {
		v := val[j]
		hi[nh], mid[nm] = i, i // nh, nm ≤ j < len(idx)
		h, m := v >= tHi, v >= tMid && v < tHi
		nh += b2i(h)
		nm += b2i(m)
	}
	return nh, nm
}

// b2i is 1 for true and 0 for false, without a branch.
func b2i(b bool) int {
	var i int
	if b {
		i = 1
	}
	return i
}
