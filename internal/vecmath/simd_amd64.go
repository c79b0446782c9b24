//go:build amd64 && goexperiment.simd

package vecmath

import (
	"math"
	"math/bits"
	"simd/archsimd"
)

// The SIMD kernels take slices whose length is a multiple of lanes (16):
// two Float32x8 vectors per iteration, with two accumulators to hide the
// latency of the additions. Each kernel is a small function of its own
// with no scalar float work inside the loop: mixing these loops with
// scalar float code in one function made them run ten times slower. The
// exp kernels are in exp_amd64.go.

// availableISAs lists the kernel sets this CPU runs, widest first. Every
// amd64 CPU runs SSE2.
func availableISAs() []string {
	var l []string
	if archsimd.X86.AVX512() && archsimd.X86.AVX2() && archsimd.X86.FMA() {
		l = append(l, "avx512")
	}
	if archsimd.X86.AVX2() && archsimd.X86.FMA() {
		l = append(l, "avx2")
	}
	return append(l, "sse2", "scalar")
}

// useSIMD installs the SSE2 kernels for "sse2"; otherwise the AVX2
// kernels, then for "avx512" the 16-lane ones.
func useSIMD(name string) {
	if name == "sse2" {
		useSSE2()
		return
	}
	simdEnabled, overlapReads = true, true
	maxKernel, maxSumKernel, expStoreKernel = maxSIMD, maxSumSIMD, expStoreSIMD
	expStoreMaxKernel, nextMaxKernel = expStoreMaxSIMD, nextMaxSIMD
	dotShiftKernel, dotDiffKernel = dotShiftSIMD, dotDiffSIMD
	scaleKernel, shiftScaleKernel = scaleSIMD, shiftScaleSIMD
	firstAboveKernel, maskBelowKernel, atLeastKernel = firstAboveSIMD, maskBelowSIMD, atLeastSIMD
	splitKernel = splitSIMD
	if name == "avx512" {
		overlapReads = false
		maxKernel, maxSumKernel, expStoreKernel = maxAVX512, maxSumAVX512, expStoreAVX512
		expStoreMaxKernel, nextMaxKernel = expStoreMaxAVX512, nextMaxAVX512
		dotShiftKernel, dotDiffKernel = dotShiftAVX512, dotDiffAVX512
		scaleKernel, shiftScaleKernel = scaleAVX512, shiftScaleAVX512
		firstAboveKernel, maskBelowKernel, atLeastKernel = firstAboveAVX512, maskBelowAVX512, atLeastAVX512
		splitKernel = splitAVX512
	}
}

// hsum8 adds the eight lanes of v. Like every kernel's exit, it first
// clears the upper halves of the vector registers (VZEROUPPER): scalar
// float code, which Go compiles to legacy SSE instructions, runs many
// times slower while they are dirty — on every later instruction, not
// just once.
//
// It adds in the registers, in three steps (lanes i and i+4, then
// adjacent pairs twice): a kernel called per block pays this per block,
// and a round trip through memory with eight dependent scalar additions
// made a 512-element block's expStoreMax a third slower with AVX-512
// (BenchmarkExpKernelBlocks).
func hsum8(v archsimd.Float32x8) float32 {
	q := v.GetLo().Add(v.GetHi())
	q = q.AddPairs(q)
	q = q.AddPairs(q)
	archsimd.ClearAVXUpperBits()
	return q.GetElem(0)
}

// hmax8 returns the largest lane of v, halving it in the registers, and
// clears the upper bits.
func hmax8(v archsimd.Float32x8) float32 {
	q := v.GetLo().Max(v.GetHi())
	var t [4]float32
	q.Store(&t)
	archsimd.ClearAVXUpperBits()
	return max(max(t[0], t[1]), max(t[2], t[3]))
}

func maxSIMD(x []float32) float32 {
	m0 := archsimd.LoadFloat32x8Slice(x)
	m1 := m0
	for i := 0; i < len(x); i += lanes {
		m0 = m0.Max(archsimd.LoadFloat32x8Slice(x[i:]))
		m1 = m1.Max(archsimd.LoadFloat32x8Slice(x[i+8:]))
	}
	var m [8]float32
	m0.Max(m1).Store(&m)
	archsimd.ClearAVXUpperBits()
	return max(max(max(m[0], m[1]), max(m[2], m[3])), max(max(m[4], m[5]), max(m[6], m[7])))
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
	var m, t [8]float32
	m0.Max(m1).Store(&m)
	s0.Add(s1).Store(&t)
	archsimd.ClearAVXUpperBits()
	return max(max(max(m[0], m[1]), max(m[2], m[3])), max(max(m[4], m[5]), max(m[6], m[7]))),
		((t[0] + t[1]) + (t[2] + t[3])) + ((t[4] + t[5]) + (t[6] + t[7]))
}

func dotShiftSIMD(e, x []float32, c float32) float32 {
	vc := archsimd.BroadcastFloat32x8(c)
	var zero, d0, d1 archsimd.Float32x8
	for i := 0; i < len(x); i += lanes {
		e0 := archsimd.LoadFloat32x8Slice(e[i:])
		e1 := archsimd.LoadFloat32x8Slice(e[i+8:])
		v0 := archsimd.LoadFloat32x8Slice(x[i:]).Sub(vc)
		v1 := archsimd.LoadFloat32x8Slice(x[i+8:]).Sub(vc)
		d0 = d0.Add(e0.Mul(v0).Masked(e0.Greater(zero)))
		d1 = d1.Add(e1.Mul(v1).Masked(e1.Greater(zero)))
	}
	return hsum8(d0.Add(d1))
}

func dotDiffSIMD(e, x, y []float32, c float32) float32 {
	vc := archsimd.BroadcastFloat32x8(c)
	var zero, d0, d1 archsimd.Float32x8
	for i := 0; i < len(x); i += lanes {
		e0 := archsimd.LoadFloat32x8Slice(e[i:])
		e1 := archsimd.LoadFloat32x8Slice(e[i+8:])
		v0 := archsimd.LoadFloat32x8Slice(x[i:]).Sub(archsimd.LoadFloat32x8Slice(y[i:])).Sub(vc)
		v1 := archsimd.LoadFloat32x8Slice(x[i+8:]).Sub(archsimd.LoadFloat32x8Slice(y[i+8:])).Sub(vc)
		d0 = d0.Add(e0.Mul(v0).Masked(e0.Greater(zero)))
		d1 = d1.Add(e1.Mul(v1).Masked(e1.Greater(zero)))
	}
	return hsum8(d0.Add(d1))
}

func scaleSIMD(x []float32, s float32) {
	vs := archsimd.BroadcastFloat32x8(s)
	for len(x) >= 16 {
		p, q := (*[8]float32)(x[:8]), (*[8]float32)(x[8:16])
		archsimd.LoadFloat32x8(p).Mul(vs).Store(p)
		archsimd.LoadFloat32x8(q).Mul(vs).Store(q)
		x = x[16:]
	}
	archsimd.ClearAVXUpperBits()
}

func shiftScaleSIMD(dst, x []float32, a, c, d float32) {
	va, vc, vd := archsimd.BroadcastFloat32x8(a), archsimd.BroadcastFloat32x8(c), archsimd.BroadcastFloat32x8(d)
	for i := 0; i < len(x); i += lanes {
		archsimd.LoadFloat32x8Slice(x[i:]).Sub(vc).MulAdd(va, vd).StoreSlice(dst[i:])
		archsimd.LoadFloat32x8Slice(x[i+8:]).Sub(vc).MulAdd(va, vd).StoreSlice(dst[i+8:])
	}
	archsimd.ClearAVXUpperBits()
}

// The AVX-512 kernels below take one Float32x16 per step and alternate
// two accumulators (s0, s1 = s1, s0+v), which hides the latency of the
// additions as the two-vector AVX2 loops do.

// hsum16 adds the sixteen lanes of v: its halves, then hsum8.
func hsum16(v archsimd.Float32x16) float32 { return hsum8(v.GetLo().Add(v.GetHi())) }

// hmax16 returns the largest lane of v: the max of its halves, then hmax8.
func hmax16(v archsimd.Float32x16) float32 { return hmax8(v.GetLo().Max(v.GetHi())) }

func maxAVX512(x []float32) float32 {
	m0 := archsimd.LoadFloat32x16Slice(x)
	m1 := m0
	for len(x) >= 32 {
		m0 = m0.Max(archsimd.LoadFloat32x16((*[16]float32)(x[:16])))
		m1 = m1.Max(archsimd.LoadFloat32x16((*[16]float32)(x[16:32])))
		x = x[32:]
	}
	if len(x) >= 16 {
		m0 = m0.Max(archsimd.LoadFloat32x16((*[16]float32)(x[:16])))
	}
	return hmax16(m0.Max(m1))
}

func maxSumAVX512(x []float32) (float32, float32) {
	m0 := archsimd.LoadFloat32x16Slice(x)
	m1 := m0
	var s0, s1 archsimd.Float32x16
	for len(x) >= 32 {
		v0 := archsimd.LoadFloat32x16((*[16]float32)(x[:16]))
		v1 := archsimd.LoadFloat32x16((*[16]float32)(x[16:32]))
		m0, m1 = m0.Max(v0), m1.Max(v1)
		s0, s1 = s0.Add(v0), s1.Add(v1)
		x = x[32:]
	}
	if len(x) >= 16 {
		v := archsimd.LoadFloat32x16((*[16]float32)(x[:16]))
		m0, s0 = m0.Max(v), s0.Add(v)
	}
	var t [16]float32
	s0.Add(s1).Store(&t)
	return hmax16(m0.Max(m1)), ((t[0] + t[1]) + (t[2] + t[3])) + ((t[4] + t[5]) + (t[6] + t[7])) +
		(((t[8] + t[9]) + (t[10] + t[11])) + ((t[12] + t[13]) + (t[14] + t[15])))
}

func dotShiftAVX512(e, x []float32, c float32) float32 {
	vc := archsimd.BroadcastFloat32x16(c)
	var zero, d0, d1 archsimd.Float32x16
	for i := 0; i < len(x); i += 16 {
		w := archsimd.LoadFloat32x16Slice(e[i:])
		v := archsimd.LoadFloat32x16Slice(x[i:]).Sub(vc)
		d0, d1 = d1, d0.Add(w.Mul(v).Masked(w.Greater(zero)))
	}
	return hsum16(d0.Add(d1))
}

func dotDiffAVX512(e, x, y []float32, c float32) float32 {
	vc := archsimd.BroadcastFloat32x16(c)
	var zero, d0, d1 archsimd.Float32x16
	for i := 0; i < len(x); i += 16 {
		w := archsimd.LoadFloat32x16Slice(e[i:])
		v := archsimd.LoadFloat32x16Slice(x[i:]).Sub(archsimd.LoadFloat32x16Slice(y[i:])).Sub(vc)
		d0, d1 = d1, d0.Add(w.Mul(v).Masked(w.Greater(zero)))
	}
	return hsum16(d0.Add(d1))
}

func scaleAVX512(x []float32, s float32) {
	vs := archsimd.BroadcastFloat32x16(s)
	for len(x) >= 32 {
		p, q := (*[16]float32)(x[:16]), (*[16]float32)(x[16:32])
		archsimd.LoadFloat32x16(p).Mul(vs).Store(p)
		archsimd.LoadFloat32x16(q).Mul(vs).Store(q)
		x = x[32:]
	}
	if len(x) >= 16 {
		p := (*[16]float32)(x[:16])
		archsimd.LoadFloat32x16(p).Mul(vs).Store(p)
	}
	archsimd.ClearAVXUpperBits()
}

func shiftScaleAVX512(dst, x []float32, a, c, d float32) {
	va, vc, vd := archsimd.BroadcastFloat32x16(a), archsimd.BroadcastFloat32x16(c), archsimd.BroadcastFloat32x16(d)
	dst = dst[:len(x)]
	for len(x) >= 16 {
		archsimd.LoadFloat32x16((*[16]float32)(x[:16])).Sub(vc).MulAdd(va, vd).Store((*[16]float32)(dst[:16]))
		x, dst = x[16:], dst[16:]
	}
	archsimd.ClearAVXUpperBits()
}

// The selection kernels below compare sixteen lanes at a time and turn
// the comparison into a bit mask (VMOVMSKPS or KMOVW), so that only the
// lanes that pass cost scalar work: top-k and top-p keep a few percent of
// a row at most.

func firstAboveSIMD(x []float32, t float32) int {
	vt := archsimd.BroadcastFloat32x8(t)
	for i := 0; i < len(x); i += lanes {
		lo := archsimd.LoadFloat32x8Slice(x[i:]).Greater(vt).ToBits()
		hi := archsimd.LoadFloat32x8Slice(x[i+8:]).Greater(vt).ToBits()
		if b := uint16(lo) | uint16(hi)<<8; b != 0 {
			archsimd.ClearAVXUpperBits()
			return i + bits.TrailingZeros16(b)
		}
	}
	archsimd.ClearAVXUpperBits()
	return len(x)
}

func maskBelowSIMD(dst, x []float32, t float32) {
	vt, ninf := archsimd.BroadcastFloat32x8(t), archsimd.BroadcastFloat32x8(float32(math.Inf(-1)))
	for i := 0; i < len(x); i += lanes {
		v0, v1 := archsimd.LoadFloat32x8Slice(x[i:]), archsimd.LoadFloat32x8Slice(x[i+8:])
		ninf.Merge(v0, v0.Less(vt)).StoreSlice(dst[i:])
		ninf.Merge(v1, v1.Less(vt)).StoreSlice(dst[i+8:])
	}
	archsimd.ClearAVXUpperBits()
}

// atLeastSIMD packs the indices and values of the passing lanes of each
// eight with VPERMD and a table of the 256 packings, storing all eight
// and advancing by their count (AVX2 has no compress instruction). idx
// and val need room for len(x)+16 entries (one bounds check per store).
func atLeastSIMD(idx []int32, val, x []float32, t float32, base int32) (int, float32) {
	vt := archsimd.BroadcastFloat32x8(t)
	iv := archsimd.LoadInt32x8((*[8]int32)(iota16[:8])).Add(archsimd.BroadcastInt32x8(base))
	step := archsimd.BroadcastInt32x8(8)
	var s0, s1 archsimd.Float32x8
	n := 0
	idx, val = idx[:len(x)+16], val[:len(x)+16]
	for i := 0; i+16 <= len(x); i += lanes {
		v0 := archsimd.LoadFloat32x8((*[8]float32)(x[i : i+8]))
		v1 := archsimd.LoadFloat32x8((*[8]float32)(x[i+8 : i+16]))
		m0, m1 := v0.GreaterEqual(vt), v1.GreaterEqual(vt)
		s0, s1 = s0.Add(v0.Masked(m0)), s1.Add(v1.Masked(m1))
		b0, b1 := m0.ToBits(), m1.ToBits()
		p0, p1 := archsimd.LoadUint32x8(&packings[b0]), archsimd.LoadUint32x8(&packings[b1])
		iv.Permute(p0).Store((*[8]int32)(idx[n : n+8]))
		v0.Permute(p0).Store((*[8]float32)(val[n : n+8]))
		n += bits.OnesCount8(b0)
		iv = iv.Add(step)
		iv.Permute(p1).Store((*[8]int32)(idx[n : n+8]))
		v1.Permute(p1).Store((*[8]float32)(val[n : n+8]))
		n += bits.OnesCount8(b1)
		iv = iv.Add(step)
	}
	return n, hsum8(s0.Add(s1))
}

// splitSIMD is splitScalar eight lanes at a time, packing with the table
// of atLeastSIMD. hi and mid need room for 8 more than the counts.
func splitSIMD(hi, mid, idx []int32, val []float32, tHi, tMid float32) (nh, nm int) {
	vh, vm := archsimd.BroadcastFloat32x8(tHi), archsimd.BroadcastFloat32x8(tMid)
	val = val[:len(idx)]
	for j := 0; j < len(idx); j += 8 {
		v, iv := archsimd.LoadFloat32x8Slice(val[j:]), archsimd.LoadInt32x8Slice(idx[j:])
		mh := v.GreaterEqual(vh)
		mm := v.GreaterEqual(vm).And(v.Less(vh))
		bh, bm := mh.ToBits(), mm.ToBits()
		iv.Permute(archsimd.LoadUint32x8(&packings[bh])).StoreSlice(hi[nh:])
		iv.Permute(archsimd.LoadUint32x8(&packings[bm])).StoreSlice(mid[nm:])
		nh += bits.OnesCount8(bh)
		nm += bits.OnesCount8(bm)
	}
	archsimd.ClearAVXUpperBits()
	return nh, nm
}

// packings[m] lists the set bits of m, lowest first (then zeros).
var packings = func() (p [256][8]uint32) {
	for m := range p {
		k := 0
		for b := range 8 {
			if m>>b&1 == 1 {
				p[m][k] = uint32(b)
				k++
			}
		}
	}
	return p
}()

func firstAboveAVX512(x []float32, t float32) int {
	vt := archsimd.BroadcastFloat32x16(t)
	for i := 0; i < len(x); i += 16 {
		if b := archsimd.LoadFloat32x16Slice(x[i:]).Greater(vt).ToBits(); b != 0 {
			archsimd.ClearAVXUpperBits()
			return i + bits.TrailingZeros16(b)
		}
	}
	archsimd.ClearAVXUpperBits()
	return len(x)
}

func maskBelowAVX512(dst, x []float32, t float32) {
	vt, ninf := archsimd.BroadcastFloat32x16(t), archsimd.BroadcastFloat32x16(float32(math.Inf(-1)))
	dst = dst[:len(x)]
	for len(x) >= 16 {
		v := archsimd.LoadFloat32x16((*[16]float32)(x[:16]))
		ninf.Merge(v, v.Less(vt)).Store((*[16]float32)(dst[:16]))
		x, dst = x[16:], dst[16:]
	}
	archsimd.ClearAVXUpperBits()
}

// atLeastAVX512 packs the indices and values of the passing lanes with
// VPCOMPRESSD and VCOMPRESSPS and stores all sixteen, advancing by their
// count: no branch per lane. idx and val need room for len(x)+16 entries,
// so that each store needs one bounds check (slice stores run slower).
func atLeastAVX512(idx []int32, val, x []float32, t float32, base int32) (int, float32) {
	vt := archsimd.BroadcastFloat32x16(t)
	iv := archsimd.LoadInt32x16(&iota16).Add(archsimd.BroadcastInt32x16(base))
	step := archsimd.BroadcastInt32x16(16)
	var s archsimd.Float32x16
	n := 0
	idx, val = idx[:len(x)+16], val[:len(x)+16]
	for i := 0; i+16 <= len(x); i += 16 {
		v := archsimd.LoadFloat32x16((*[16]float32)(x[i : i+16]))
		m := v.GreaterEqual(vt)
		s = s.Add(v.Masked(m))
		iv.Compress(m).Store((*[16]int32)(idx[n : n+16]))
		v.Compress(m).Store((*[16]float32)(val[n : n+16]))
		n += bits.OnesCount16(m.ToBits())
		iv = iv.Add(step)
	}
	return n, hsum16(s)
}

// splitAVX512 is splitScalar sixteen lanes at a time with VPCOMPRESSD.
// hi and mid need room for 16 more than the counts.
func splitAVX512(hi, mid, idx []int32, val []float32, tHi, tMid float32) (nh, nm int) {
	vh, vm := archsimd.BroadcastFloat32x16(tHi), archsimd.BroadcastFloat32x16(tMid)
	val = val[:len(idx)]
	for j := 0; j < len(idx); j += 16 {
		v, iv := archsimd.LoadFloat32x16Slice(val[j:]), archsimd.LoadInt32x16Slice(idx[j:])
		mh := v.GreaterEqual(vh)
		mm := v.GreaterEqual(vm).And(v.Less(vh))
		iv.Compress(mh).StoreSlice(hi[nh:])
		iv.Compress(mm).StoreSlice(mid[nm:])
		nh += bits.OnesCount16(mh.ToBits())
		nm += bits.OnesCount16(mm.ToBits())
	}
	archsimd.ClearAVXUpperBits()
	return nh, nm
}

var iota16 = [16]int32{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}
