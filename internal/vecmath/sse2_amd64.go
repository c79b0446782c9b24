package vecmath

import "math"

// The SSE2 kernels (sse2_amd64.s) are the vector tier of x86-64 CPUs
// without AVX2: every amd64 CPU has SSE2. They are Go assembly because
// simd/archsimd emits VEX-encoded instructions, which need AVX even on
// four lanes. Each takes slices whose length is a multiple of lanes and
// works on four XMM vectors (sixteen floats) per step.

//go:noescape
func expStoreSSE2(dst, x []float32, a, c float32) float32

//go:noescape
func expStoreMaxSSE2(dst, x, next []float32, a, c float32) (float32, float32)

//go:noescape
func nextMaxSSE2(next []float32) float32

//go:noescape
func maxSSE2(x []float32) float32

//go:noescape
func maxSumSSE2(x []float32) (float32, float32)

//go:noescape
func scaleSSE2(x []float32, s float32)

//go:noescape
func shiftScaleSSE2(dst, x []float32, a, c, d float32)

//go:noescape
func dotShiftSSE2(e, x []float32, c float32) float32

//go:noescape
func dotDiffSSE2(e, x, y []float32, c float32) float32

//go:noescape
func firstAboveSSE2(x []float32, t float32) int

//go:noescape
func maskBelowSSE2(dst, x []float32, t float32)

//go:noescape
func atLeastSSE2(idx []int32, val, x []float32, t float32, base int32) (int, float32)

// sse2Consts holds each constant of the SSE2 exp kernels four times,
// one XMM register's worth, in the order of the Cephes arithmetic (the
// tests' expStoreCephes, which the kernels match lane for lane). The
// assembly reads the fields through go_asm.h's offsets.
type sse2Consts struct {
	lo, hi, log2e, magic   [4]float32 // expMin, expMax, log₂e, roundMagic
	bias                   [4]uint32  // 127 << 23: the exponent field of 2⁰
	ln2Hi, ln2Lo           [4]float32 // ln 2 in two parts
	p0, p1, p2, p3, p4, p5 [4]float32 // the Cephes polynomial P
	one                    [4]float32
	ninf                   [4]float32 // −Inf, for maskBelowSSE2
}

// sse2K points to the constants, 16-byte aligned: a legacy SSE
// instruction faults on a memory operand that is not.
var sse2K = newSSE2Consts()

func newSSE2Consts() *sse2Consts {
	k := alignedNew[sse2Consts](16)
	f := func(c float32) [4]float32 { return [4]float32{c, c, c, c} }
	*k = sse2Consts{
		lo: f(expMin), hi: f(expMax), log2e: f(log2e), magic: f(roundMagic),
		bias:  [4]uint32{127 << 23, 127 << 23, 127 << 23, 127 << 23},
		ln2Hi: f(ln2Hi), ln2Lo: f(ln2Lo),
		p0: f(expP0), p1: f(expP1), p2: f(expP2), p3: f(expP3), p4: f(expP4), p5: f(expP5),
		one: f(1), ninf: f(float32(math.Inf(-1))),
	}
	return k
}

// useSSE2 installs the SSE2 kernels. AppendSplit's stays scalar, which
// takes any length.
func useSSE2() {
	simdEnabled, overlapReads = true, true
	maxKernel, maxSumKernel = maxSSE2, maxSumSSE2
	expStoreKernel, expStoreMaxKernel, nextMaxKernel = expStoreSSE2, expStoreMaxSSE2, nextMaxSSE2
	dotShiftKernel, dotDiffKernel = dotShiftSSE2, dotDiffSSE2
	scaleKernel, shiftScaleKernel = scaleSSE2, shiftScaleSSE2
	firstAboveKernel, maskBelowKernel, atLeastKernel = firstAboveSSE2, maskBelowSSE2, atLeastSSE2
}
