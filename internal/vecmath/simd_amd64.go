//go:build amd64 && goexperiment.simd

package vecmath

import "simd/archsimd"

// The SIMD kernels take slices whose length is a multiple of lanes (16):
// two Float32x8 vectors per iteration, with two accumulators to hide the
// latency of the additions. Each kernel is a small function of its own:
// mixing these loops with scalar float code in one function made them
// run ten times slower.

func init() {
	if archsimd.X86.AVX2() && archsimd.X86.FMA() {
		simdEnabled = true
		maxSumKernel = maxSumSIMD
		expSumKernel = expSumSIMD
		expStoreKernel = expStoreSIMD
		expSumDotKernel = expSumDotSIMD
		expSumDiffKernel = expSumDiffSIMD
		scaleKernel = scaleSIMD
		affineKernel = affineSIMD
	}
}

// exp8 is Exp on eight lanes: the same Cephes reduction and polynomial,
// with fused multiply-adds. Lanes below expMin give 0.
func exp8(x archsimd.Float32x8) archsimd.Float32x8 {
	keep := x.GreaterEqual(archsimd.BroadcastFloat32x8(expMin))
	x = x.Min(archsimd.BroadcastFloat32x8(expMax)).Max(archsimd.BroadcastFloat32x8(expMin))
	n := x.Mul(archsimd.BroadcastFloat32x8(log2e)).RoundToEven()
	r := n.MulAdd(archsimd.BroadcastFloat32x8(-ln2Hi), x)
	r = n.MulAdd(archsimd.BroadcastFloat32x8(-ln2Lo), r)
	y := archsimd.BroadcastFloat32x8(expP0)
	y = y.MulAdd(r, archsimd.BroadcastFloat32x8(expP1))
	y = y.MulAdd(r, archsimd.BroadcastFloat32x8(expP2))
	y = y.MulAdd(r, archsimd.BroadcastFloat32x8(expP3))
	y = y.MulAdd(r, archsimd.BroadcastFloat32x8(expP4))
	y = y.MulAdd(r, archsimd.BroadcastFloat32x8(expP5))
	y = y.MulAdd(r.Mul(r), r.Add(archsimd.BroadcastFloat32x8(1)))
	pow2 := n.ConvertToInt32().Add(archsimd.BroadcastInt32x8(127)).ShiftAllLeft(23).AsFloat32x8()
	return y.Mul(pow2).Masked(keep)
}

// hsum8 adds the eight lanes of v.
func hsum8(v archsimd.Float32x8) float32 {
	var a [8]float32
	v.Store(&a)
	return ((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7]))
}

// hmax8 returns the largest lane of v.
func hmax8(v archsimd.Float32x8) float32 {
	var a [8]float32
	v.Store(&a)
	return max(max(max(a[0], a[1]), max(a[2], a[3])), max(max(a[4], a[5]), max(a[6], a[7])))
}

func maxSumSIMD(x []float32) (float32, float32) {
	m0 := archsimd.LoadFloat32x8Slice(x)
	m1 := m0
	var s0, s1 archsimd.Float32x8
	for i := 0; i < len(x); i += lanes {
		v0 := archsimd.LoadFloat32x8Slice(x[i:])
		v1 := archsimd.LoadFloat32x8Slice(x[i+8:])
		m0, m1 = m0.Max(v0), m1.Max(v1)
		s0, s1 = s0.Add(v0), s1.Add(v1)
	}
	return hmax8(m0.Max(m1)), hsum8(s0.Add(s1))
}

func expSumSIMD(x []float32, a, b float32) float32 {
	va, vb := archsimd.BroadcastFloat32x8(a), archsimd.BroadcastFloat32x8(b)
	var s0, s1 archsimd.Float32x8
	for i := 0; i < len(x); i += lanes {
		v0 := archsimd.LoadFloat32x8Slice(x[i:])
		v1 := archsimd.LoadFloat32x8Slice(x[i+8:])
		s0 = s0.Add(exp8(v0.MulAdd(va, vb)))
		s1 = s1.Add(exp8(v1.MulAdd(va, vb)))
	}
	return hsum8(s0.Add(s1))
}

func expStoreSIMD(dst, x []float32, a, b float32) float32 {
	va, vb := archsimd.BroadcastFloat32x8(a), archsimd.BroadcastFloat32x8(b)
	var s0, s1 archsimd.Float32x8
	for i := 0; i < len(x); i += lanes {
		e0 := exp8(archsimd.LoadFloat32x8Slice(x[i:]).MulAdd(va, vb))
		e1 := exp8(archsimd.LoadFloat32x8Slice(x[i+8:]).MulAdd(va, vb))
		e0.StoreSlice(dst[i:])
		e1.StoreSlice(dst[i+8:])
		s0, s1 = s0.Add(e0), s1.Add(e1)
	}
	return hsum8(s0.Add(s1))
}

func expSumDotSIMD(x []float32, a, b, c float32) (float32, float32) {
	va, vb, vc := archsimd.BroadcastFloat32x8(a), archsimd.BroadcastFloat32x8(b), archsimd.BroadcastFloat32x8(c)
	var zero, s0, s1, d0, d1 archsimd.Float32x8
	for i := 0; i < len(x); i += lanes {
		v0 := archsimd.LoadFloat32x8Slice(x[i:])
		v1 := archsimd.LoadFloat32x8Slice(x[i+8:])
		e0, e1 := exp8(v0.MulAdd(va, vb)), exp8(v1.MulAdd(va, vb))
		s0, s1 = s0.Add(e0), s1.Add(e1)
		d0 = d0.Add(e0.Mul(v0.Sub(vc)).Masked(e0.Greater(zero)))
		d1 = d1.Add(e1.Mul(v1.Sub(vc)).Masked(e1.Greater(zero)))
	}
	return hsum8(s0.Add(s1)), hsum8(d0.Add(d1))
}

func expSumDiffSIMD(x, y []float32, a, b, c float32) (float32, float32) {
	va, vb, vc := archsimd.BroadcastFloat32x8(a), archsimd.BroadcastFloat32x8(b), archsimd.BroadcastFloat32x8(c)
	var zero, s0, s1, d0, d1 archsimd.Float32x8
	for i := 0; i < len(x); i += lanes {
		v0 := archsimd.LoadFloat32x8Slice(x[i:])
		v1 := archsimd.LoadFloat32x8Slice(x[i+8:])
		w0 := archsimd.LoadFloat32x8Slice(y[i:])
		w1 := archsimd.LoadFloat32x8Slice(y[i+8:])
		e0, e1 := exp8(v0.MulAdd(va, vb)), exp8(v1.MulAdd(va, vb))
		s0, s1 = s0.Add(e0), s1.Add(e1)
		d0 = d0.Add(e0.Mul(v0.Sub(w0).Sub(vc)).Masked(e0.Greater(zero)))
		d1 = d1.Add(e1.Mul(v1.Sub(w1).Sub(vc)).Masked(e1.Greater(zero)))
	}
	return hsum8(s0.Add(s1)), hsum8(d0.Add(d1))
}

func scaleSIMD(x []float32, s float32) {
	vs := archsimd.BroadcastFloat32x8(s)
	for i := 0; i < len(x); i += lanes {
		archsimd.LoadFloat32x8Slice(x[i:]).Mul(vs).StoreSlice(x[i:])
		archsimd.LoadFloat32x8Slice(x[i+8:]).Mul(vs).StoreSlice(x[i+8:])
	}
}

func affineSIMD(dst, x []float32, a, b float32) {
	va, vb := archsimd.BroadcastFloat32x8(a), archsimd.BroadcastFloat32x8(b)
	for i := 0; i < len(x); i += lanes {
		archsimd.LoadFloat32x8Slice(x[i:]).MulAdd(va, vb).StoreSlice(dst[i:])
		archsimd.LoadFloat32x8Slice(x[i+8:]).MulAdd(va, vb).StoreSlice(dst[i+8:])
	}
}
