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
	n := float32(math.RoundToEven(float64(x * log2e)))
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

func maxScalar(x []float32) float32 {
	m := float32(math.Inf(-1))
	for _, v := range x {
		m = max(m, v)
	}
	return m
}

func maxSumScalar(x []float32) (float32, float32) {
	m := float32(math.Inf(-1))
	var s float32
	for _, v := range x {
		m = max(m, v)
		s += v
	}
	return m, s
}

func expStoreScalar(dst, x []float32, a, c float32) float32 {
	var s float32
	for i, v := range x {
		e := Exp(a * (v - c))
		dst[i] = e
		s += e
	}
	return s
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
