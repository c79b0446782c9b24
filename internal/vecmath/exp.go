package vecmath

import "math"

// Constants of the Cephes single-precision exp (expf.c), which the
// vector kernels evaluate: exp(x) = 2ⁿ·exp(r) with n = round(x·log₂e) and
// r = x − n·ln 2, where ln 2 is split into c1 + c2 so that n·c1 is exact;
// exp(r) on |r| ≤ ½ln 2 is 1 + r + r²·P(r). The error is below 2 ulp over
// the whole range.
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

// roundMagic is 1.5·2²³: for |v| < 2²², (v + roundMagic) − roundMagic is v
// rounded to the nearest integer, ties to even, in two float32 additions.
const roundMagic = 12582912

// The scalar kernels reduce further, with a table, since a lane at a time
// pays for every instruction: exp(x) = 2^(n/32)·exp(r) with
// n = round(x·32/ln 2) and r = x − n·(ln 2)/32, so |r| ≤ ln 2/64 ≈ 0.011,
// where the cubic 1 + r + r²/2 + r³/6 is exact to 6e−10. 2^(n/32) is
// 2^⌊n/32⌋ (exponent bits) times tab32Hi[n mod 32] + tab32Lo[n mod 32].
// A cubic instead of Cephes' degree-7 polynomial, for a table lookup,
// took the scalar exp kernel from 3.6–3.7 to 2.9–3.0 ns per element
// (BenchmarkExpKernels/scalar/expStore, the README's Xeon). It is also
// more accurate. Checked once on every float32 of [expMin, expMax], both
// are within 1 ulp of the correctly rounded exp; the table's relative
// error is at most 6.2e−8 against Cephes' 8.2e−8 (unfused), and 0.045 %
// of its results are not correctly rounded against 0.81 % (0.23 % against
// 4.1 % where |x| ≥ 2⁻²⁰: most float32s are smaller, and their exp is 1).
// TestExpAccuracy checks the table on a sample.
const (
	invLn2N = 32 / math.Ln2 // 32/ln 2, for n
	ln2NHi  = 0x1.62ep-6    // (ln 2)/32 to 12 bits: n·ln2NHi is exact for |n| < 2¹²
	ln2NLo  = float32(math.Ln2/32 - ln2NHi)
)

// tab32Hi[j] + tab32Lo[j] is 2^(j/32): hi is it rounded to float32, lo
// the rest, rounded. Adding lo to the small term before the last addition
// keeps hi's rounding out of the result.
var tab32Hi, tab32Lo = func() (hi, lo [32]float32) {
	for j := range hi {
		v := math.Exp2(float64(j) / 32)
		hi[j] = float32(v)
		lo[j] = float32(v - float64(hi[j]))
	}
	return hi, lo
}()

// Exp returns eˣ in float32 as the scalar kernels compute it (the table
// method above). Exp(x) = 0 for x < −87.34 (including −Inf), +Inf for
// x > 88.38, NaN for NaN. Within 1 ulp of the correctly rounded eˣ.
func Exp(x float32) float32 {
	var e [1]float32
	expStoreScalar(e[:], []float32{x}, 1, 0)
	return e[0]
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

// expStoreScalar is the portable exp kernel, with the table reduction
// above. Its two sums alternate so that each addition need not wait for
// the one before.
func expStoreScalar(dst, x []float32, a, c float32) float32 {
	var s0, s1 float32
	dst = dst[:len(x)]
	for i, v := range x {
		e := float32(0)
		switch v := a * (v - c); {
		case v >= expMin && v <= expMax:
			n := (v*invLn2N + roundMagic) - roundMagic
			r := v - n*ln2NHi
			r -= n * ln2NLo
			k := int32(n)
			j := k & 31
			p := r + (r*r)*(0.5+r*(1.0/6)) // exp(r) − 1
			e = (tab32Hi[j] + (tab32Hi[j]*p + tab32Lo[j])) * math.Float32frombits(uint32(k>>5+127)<<23)
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

// firstAboveScalar and maskBelowScalar take four elements per step: a
// top-k row is almost all below t, and with fewer loop branches the scan
// took 0.40–0.41 instead of 0.44–0.48 ns per element on a row in L2, the
// mask 0.42 instead of 0.46, and scalar top-k on the cold batch 7.0–7.2
// instead of 7.4–7.5 ms (the README's Xeon). Each compare (UCOMISS) still
// costs about a cycle.
func firstAboveScalar(x []float32, t float32) int {
	i := 0
	for ; i+4 <= len(x); i += 4 {
		v := (*[4]float32)(x[i : i+4])
		if v[0] > t || v[1] > t || v[2] > t || v[3] > t {
			break
		}
	}
	for ; i < len(x); i++ {
		if x[i] > t {
			return i
		}
	}
	return len(x)
}

func maskBelowScalar(dst, x []float32, t float32) {
	dst = dst[:len(x)]
	ninf := float32(math.Inf(-1))
	i := 0
	for ; i+4 <= len(x); i += 4 {
		v, d := (*[4]float32)(x[i:i+4]), (*[4]float32)(dst[i:i+4])
		w0, w1, w2, w3 := v[0], v[1], v[2], v[3]
		if w0 < t {
			w0 = ninf
		}
		if w1 < t {
			w1 = ninf
		}
		if w2 < t {
			w2 = ninf
		}
		if w3 < t {
			w3 = ninf
		}
		d[0], d[1], d[2], d[3] = w0, w1, w2, w3
	}
	for ; i < len(x); i++ {
		w := x[i]
		if w < t {
			w = ninf
		}
		dst[i] = w
	}
}

// atLeastScalar writes base+i into idx and xᵢ into val for each xᵢ ≥ t
// (both have room for all of x) and returns their count and sum. Like
// splitScalar, it writes every element and advances by 0 or 1, with no
// branch: a few percent of a top-p row pass, at unpredictable places, and
// a branch per element cost 0.86 ns per element on the README's Xeon, the
// writes 0.58. The sum, over val afterwards, adds in the same order.
func atLeastScalar(idx []int32, val, x []float32, t float32, base int32) (int, float32) {
	idx, val = idx[:len(x)], val[:len(x)]
	n := 0
	for i, v := range x {
		idx[n], val[n] = base+int32(i), v // n ≤ i < len(x)
		n += b2i(v >= t)
	}
	var s float32
	for _, v := range val[:n] {
		s += v
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
