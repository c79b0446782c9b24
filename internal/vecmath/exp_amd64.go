//go:build amd64 && goexperiment.simd

package vecmath

import (
	"simd/archsimd"
	"unsafe"
)

// The vector exp kernels read their constants from memory at every step
// instead of broadcasting them into registers before the loop. Go's
// register allocator gives vectors X0–X14 (X15 is the fixed zero), and
// thirteen broadcast constants plus the accumulators and temporaries did
// not fit: the loops spilled vectors to the stack and reloaded them at
// every step. A load from L1 costs less than a spill and its reload:
// AVX-512 folds a constant used once into its instruction as a memory
// operand, the two-vector AVX-512 loops load each constant once per step
// for both vectors, and under AVX2 each use is a plain load, which the
// load ports absorb. None of the four loops spills
// now (objdump of the test binary). With indexed loads a step costs three
// scalar instructions. The AVX-512 loops take two vectors per step, which
// overlaps two exponentials' chains of dependent instructions (11–14%
// faster than one); the AVX2 ones take one, because two vectors'
// temporaries spill from sixteen registers.
//
// exp8 and exp16 hold the arithmetic once for both kernels of their width.
// They must stay small enough to inline (`go build -gcflags=-m` reports
// "inlining call to exp16"): a call per vector halves the kernels' speed.

// expConsts holds each constant of the exp kernels as a whole vector V.
type expConsts[V any] struct {
	lo, hi, log2e          V // expMin, expMax, log₂e
	magic, magicBias       V // roundMagic, roundMagic + 127
	negLn2Hi, negLn2Lo     V // −ln 2 in two parts
	p0, p1, p2, p3, p4, p5 V // the Cephes polynomial P
	one                    V
}

func makeExpConsts[V any](splat func(float32) V) expConsts[V] {
	return expConsts[V]{
		lo: splat(expMin), hi: splat(expMax), log2e: splat(log2e),
		magic: splat(roundMagic), magicBias: splat(roundMagic + 127),
		negLn2Hi: splat(-ln2Hi), negLn2Lo: splat(-ln2Lo),
		p0: splat(expP0), p1: splat(expP1), p2: splat(expP2),
		p3: splat(expP3), p4: splat(expP4), p5: splat(expP5),
		one: splat(1),
	}
}

func splat8(c float32) (v [8]float32) {
	for i := range v {
		v[i] = c
	}
	return v
}

func splat16(c float32) (v [16]float32) {
	for i := range v {
		v[i] = c
	}
	return v
}

// The constant tables are aligned to their vector size: a vector load
// that crosses a cache line costs two, and an unaligned table made the
// AVX-512 loop 15% slower than the one it replaced.
var (
	exp8K  = alignedExpConsts(splat8)
	exp16K = alignedExpConsts(splat16)
)

// alignedExpConsts returns the constants in memory aligned to the size
// of V.
func alignedExpConsts[V any](splat func(float32) V) *expConsts[V] {
	var v V
	k := alignedNew[expConsts[V]](int(unsafe.Sizeof(v)))
	*k = makeExpConsts(splat)
	return k
}

func ld8(p *[8]float32) archsimd.Float32x8    { return archsimd.LoadFloat32x8(p) }
func ld16(p *[16]float32) archsimd.Float32x16 { return archsimd.LoadFloat32x16(p) }

// exp16 returns eᵛ = 2ⁿ·(1 + r·(1 + r·P(r))) on sixteen lanes, with
// n = round(v·log₂e) and r = v − n·ln 2 (the Cephes reduction and
// polynomial of exp.go's constants, in fused multiply-adds), and 0 in the
// lanes where keep is false. The caller computes keep = v ≥ expMin before
// it clamps v above, so that NaN lanes fail it. n is rounded by adding
// 1.5·2²³ in the multiply-add that forms v·log₂e and subtracting it
// again (it can differ from the unfused n of SSE2 only when v·log₂e is
// within an ulp of a half-integer; either n gives exp to 2 ulp), and 2ⁿ
// is applied by VSCALEFPS. Lanes below expMin are masked out, not
// clamped: what they compute (NaN for −Inf) never reaches the result,
// and the masked VSCALEFPS pays no penalty for their subnormal products
// (BenchmarkExpKernels/avx512/expStorelow runs as fast as expStore).
func exp16(v archsimd.Float32x16, keep archsimd.Mask32x16, k *expConsts[[16]float32]) archsimd.Float32x16 {
	n := v.MulAdd(ld16(&k.log2e), ld16(&k.magic)).Sub(ld16(&k.magic))
	r := n.MulAdd(ld16(&k.negLn2Hi), v)
	r = n.MulAdd(ld16(&k.negLn2Lo), r)
	y := ld16(&k.p0).MulAdd(r, ld16(&k.p1))
	y = y.MulAdd(r, ld16(&k.p2))
	y = y.MulAdd(r, ld16(&k.p3))
	y = y.MulAdd(r, ld16(&k.p4))
	y = y.MulAdd(r, ld16(&k.p5))
	y = y.MulAdd(r, ld16(&k.one))
	y = y.MulAdd(r, ld16(&k.one))
	return y.Scale(n).Masked(keep)
}

// exp8 is exp16 on eight lanes for AVX2, which has no VSCALEFPS: it adds
// 1.5·2²³ + 127 instead, so that the low mantissa bits of the sum t are
// n + 127, the exponent field of 2ⁿ, and multiplies by t shifted left
// by 23 bits. It zeroes the dropped lanes of v (so that their y is 1)
// and of 2ⁿ (so that their product is exactly 0) before the product, not
// after it: their products would otherwise be NaN (for −Inf) or
// subnormal (for v just below expMin), and a product with a subnormal
// result takes a microcode assist. Clamping v to expMin, as the kernel
// before this did, made every product in a clamped lane subnormal: on
// arguments just below expMin the loop ran 13 times slower than on others.
func exp8(v archsimd.Float32x8, keep archsimd.Mask32x8, k *expConsts[[8]float32]) archsimd.Float32x8 {
	v = v.Masked(keep)
	t := v.MulAdd(ld8(&k.log2e), ld8(&k.magicBias))
	n := t.Sub(ld8(&k.magicBias))
	r := n.MulAdd(ld8(&k.negLn2Hi), v)
	r = n.MulAdd(ld8(&k.negLn2Lo), r)
	y := ld8(&k.p0).MulAdd(r, ld8(&k.p1))
	y = y.MulAdd(r, ld8(&k.p2))
	y = y.MulAdd(r, ld8(&k.p3))
	y = y.MulAdd(r, ld8(&k.p4))
	y = y.MulAdd(r, ld8(&k.p5))
	y = y.MulAdd(r, ld8(&k.one))
	y = y.MulAdd(r, ld8(&k.one))
	return y.Mul(t.AsInt32x8().ShiftAllLeft(23).AsFloat32x8().Masked(keep))
}

// expStoreSIMD stores exp(a·(x − c)) for eight lanes at a time (AVX2) and
// returns their sum. Arguments above expMax are clamped to it. One
// accumulator suffices: a step takes longer than an addition's latency.
func expStoreSIMD(dst, x []float32, a, c float32) float32 {
	va, vc := archsimd.BroadcastFloat32x8(a), archsimd.BroadcastFloat32x8(c)
	k := exp8K
	var s archsimd.Float32x8
	dst = dst[:len(x)]
	for i := 0; i+8 <= len(x); i += 8 {
		v := archsimd.LoadFloat32x8((*[8]float32)(x[i : i+8])).Sub(vc).Mul(va)
		e := exp8(v.Min(ld8(&k.hi)), v.GreaterEqual(ld8(&k.lo)), k)
		e.Store((*[8]float32)(dst[i : i+8]))
		s = s.Add(e)
	}
	return hsum8(s)
}

// expStoreMaxSIMD is expStoreSIMD for c ≥ max x that also returns
// max(next), where len(next) = len(x): softmax reads the next chunk from
// memory while it computes the exponentials of this one, so that the
// loads overlap the arithmetic instead of waiting for it.
func expStoreMaxSIMD(dst, x, next []float32, a, c float32) (float32, float32) {
	va, vc := archsimd.BroadcastFloat32x8(a), archsimd.BroadcastFloat32x8(c)
	k := exp8K
	var s archsimd.Float32x8
	m := archsimd.LoadFloat32x8Slice(next)
	dst, next = dst[:len(x)], next[:len(x)]
	for i := 0; i+8 <= len(x); i += 8 {
		m = m.Max(archsimd.LoadFloat32x8((*[8]float32)(next[i : i+8])))
		v := archsimd.LoadFloat32x8((*[8]float32)(x[i : i+8])).Sub(vc).Mul(va)
		e := exp8(v, v.GreaterEqual(ld8(&k.lo)), k) // v ≤ 0: no clamp above
		e.Store((*[8]float32)(dst[i : i+8]))
		s = s.Add(e)
	}
	return hsum8(s), hmax8(m)
}

// nextMaxSIMD returns the max of next exactly as expStoreMaxSIMD takes it
// (from the first vector, one vector at a time, hmax8), so that a NaN in
// next shows or not alike: BlockMax stands in for that max with it.
func nextMaxSIMD(next []float32) float32 {
	m := archsimd.LoadFloat32x8Slice(next)
	for i := 0; i+8 <= len(next); i += 8 {
		m = m.Max(archsimd.LoadFloat32x8((*[8]float32)(next[i : i+8])))
	}
	return hmax8(m)
}

// expStoreAVX512 is expStoreSIMD on sixteen lanes (AVX-512), where the
// CPU has it: the exp is the hot loop of softmax, log-softmax and
// cross-entropy, and twice the lanes nearly halve its time. It takes two
// vectors per step, then one for a remainder of sixteen.
func expStoreAVX512(dst, x []float32, a, c float32) float32 {
	va, vc := archsimd.BroadcastFloat32x16(a), archsimd.BroadcastFloat32x16(c)
	k := exp16K
	var s0, s1 archsimd.Float32x16
	dst = dst[:len(x)]
	i := 0
	for ; i+32 <= len(x); i += 32 {
		v0 := archsimd.LoadFloat32x16((*[16]float32)(x[i : i+16])).Sub(vc).Mul(va)
		v1 := archsimd.LoadFloat32x16((*[16]float32)(x[i+16 : i+32])).Sub(vc).Mul(va)
		e0 := exp16(v0.Min(ld16(&k.hi)), v0.GreaterEqual(ld16(&k.lo)), k)
		e1 := exp16(v1.Min(ld16(&k.hi)), v1.GreaterEqual(ld16(&k.lo)), k)
		e0.Store((*[16]float32)(dst[i : i+16]))
		e1.Store((*[16]float32)(dst[i+16 : i+32]))
		s0, s1 = s0.Add(e0), s1.Add(e1)
	}
	if i+16 <= len(x) {
		v := archsimd.LoadFloat32x16((*[16]float32)(x[i : i+16])).Sub(vc).Mul(va)
		e := exp16(v.Min(ld16(&k.hi)), v.GreaterEqual(ld16(&k.lo)), k)
		e.Store((*[16]float32)(dst[i : i+16]))
		s0 = s0.Add(e)
	}
	return hsum16(s0.Add(s1))
}

// expStoreMaxAVX512 is expStoreMaxSIMD on sixteen lanes, two vectors
// per step.
func expStoreMaxAVX512(dst, x, next []float32, a, c float32) (float32, float32) {
	va, vc := archsimd.BroadcastFloat32x16(a), archsimd.BroadcastFloat32x16(c)
	k := exp16K
	var s0, s1 archsimd.Float32x16
	m := archsimd.LoadFloat32x16Slice(next)
	dst, next = dst[:len(x)], next[:len(x)]
	i := 0
	for ; i+32 <= len(x); i += 32 {
		m = m.Max(archsimd.LoadFloat32x16((*[16]float32)(next[i : i+16])))
		m = m.Max(archsimd.LoadFloat32x16((*[16]float32)(next[i+16 : i+32])))
		v0 := archsimd.LoadFloat32x16((*[16]float32)(x[i : i+16])).Sub(vc).Mul(va)
		v1 := archsimd.LoadFloat32x16((*[16]float32)(x[i+16 : i+32])).Sub(vc).Mul(va)
		e0 := exp16(v0, v0.GreaterEqual(ld16(&k.lo)), k) // v ≤ 0: no clamp above
		e1 := exp16(v1, v1.GreaterEqual(ld16(&k.lo)), k)
		e0.Store((*[16]float32)(dst[i : i+16]))
		e1.Store((*[16]float32)(dst[i+16 : i+32]))
		s0, s1 = s0.Add(e0), s1.Add(e1)
	}
	if i+16 <= len(x) {
		m = m.Max(archsimd.LoadFloat32x16((*[16]float32)(next[i : i+16])))
		v := archsimd.LoadFloat32x16((*[16]float32)(x[i : i+16])).Sub(vc).Mul(va)
		e := exp16(v, v.GreaterEqual(ld16(&k.lo)), k)
		e.Store((*[16]float32)(dst[i : i+16]))
		s0 = s0.Add(e)
	}
	return hsum16(s0.Add(s1)), hmax16(m)
}

// nextMaxAVX512 is nextMaxSIMD for expStoreMaxAVX512: two vectors per
// step, then one for a remainder of sixteen.
func nextMaxAVX512(next []float32) float32 {
	m := archsimd.LoadFloat32x16Slice(next)
	i := 0
	for ; i+32 <= len(next); i += 32 {
		m = m.Max(archsimd.LoadFloat32x16((*[16]float32)(next[i : i+16])))
		m = m.Max(archsimd.LoadFloat32x16((*[16]float32)(next[i+16 : i+32])))
	}
	if i+16 <= len(next) {
		m = m.Max(archsimd.LoadFloat32x16((*[16]float32)(next[i : i+16])))
	}
	return hmax16(m)
}
