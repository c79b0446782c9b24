// Package vecmath holds the float32 kernels behind pkg/rows: max, sum,
// exp-and-sum, scaling and shift-and-scale over one contiguous slice, and
// the threshold scans of top-k and top-p.
//
// Every kernel has a portable scalar version. When the program is built
// with GOEXPERIMENT=simd on amd64, the kernels switch at start-up to the
// widest vector versions the CPU runs: 16-lane AVX-512 or 8-lane AVX2
// with FMA, written with simd/archsimd, or else 4-lane SSE2, which every
// amd64 CPU has, written in assembly (all but AppendSplit's kernel,
// which stays scalar there). The environment
// variable COURSE_ISA=avx2, sse2 or scalar caps the choice (to compare
// the paths on one machine); [ISA] reports the one taken. The vector
// versions share the Cephes polynomial for exp, and the scalar ones
// reduce by a table and a cubic instead, which costs a lane at a time
// fewer instructions (exp.go); every one is within 1 ulp of the correctly
// rounded exp, so results agree to a few ulp, and otherwise only the
// order of the additions differs. Two exceptions: for
// NaN inputs the scalar exp returns NaN, the vector ones 0 (a NaN lane
// fails the "≥ −87.3" test that keeps a lane), and the vector max may or
// may not return a NaN it saw; above expMax (88.38) the scalar exp returns
// +Inf while the vector ones clamp the argument to expMax (≈ 2.4e38).
//
// The kernels work on blocks: the exported functions split a slice into
// blocks of BlockLen elements, call the kernel on each block (whose sums
// stay in float32 over at most BlockLen terms) and add the block results
// in float64. This keeps sums over a 128000-token row accurate to about
// 1e-7 relative (float32 lanes sum at most 512 terms) while the inner
// loops stay in float32 lanes.
package vecmath

import (
	"math"
	"os"
	"slices"
)

// ChunkLen is the number of elements whose max is taken before their
// exponentials: a chunk (16 KiB) is read from memory by the cheap max
// loop, which keeps many loads in flight, and is still in L1 when the
// exp loop, which keeps few, reads it again.
const ChunkLen = 8 * BlockLen

// BlockLen is the number of elements one kernel call handles; it is a
// multiple of the SIMD width times the unroll factor.
const BlockLen = 512

// SIMD reports whether vector kernels (archsimd or SSE2) are in use.
func SIMD() bool { return simdEnabled }

var (
	simdEnabled bool
	isa         = "scalar"
)

// ISA names the kernels in use: "avx512", "avx2", "sse2" or "scalar".
func ISA() string { return isa }

// ISAs lists the kernel sets this build can run on this CPU, widest
// first; the last is always "scalar".
func ISAs() []string { return availableISAs() }

// SetISA switches every kernel to the named set, one of [ISAs], and
// reports whether it could. It is for tests and benchmarks that compare
// the paths; it must not run concurrently with any kernel.
func SetISA(name string) bool {
	if !slices.Contains(availableISAs(), name) {
		return false
	}
	useScalar()
	if name != "scalar" {
		useSIMD(name)
	}
	isa = name
	return true
}

// init takes the widest available kernels, or those COURSE_ISA names
// when this CPU has them.
func init() {
	if want := os.Getenv("COURSE_ISA"); want != "" && SetISA(want) {
		return
	}
	SetISA(availableISAs()[0])
}

// useScalar points every kernel at its portable version.
func useScalar() {
	simdEnabled, overlapReads = false, false
	maxKernel, maxSumKernel, expStoreKernel = maxScalar, maxSumScalar, expStoreScalar
	expStoreMaxKernel, nextMaxKernel = expStoreMaxScalar, maxScalar
	dotShiftKernel, dotDiffKernel = dotShiftScalar, dotDiffScalar
	scaleKernel, shiftScaleKernel = scaleScalar, shiftScaleScalar
	firstAboveKernel, maskBelowKernel, atLeastKernel = firstAboveScalar, maskBelowScalar, atLeastScalar
	splitKernel = splitScalar
}

// lanes is the number of elements the SIMD kernels take per iteration;
// they see only slices whose length is a multiple of it. The scalar
// kernels handle the rest.
const lanes = 16

// kernels are swapped for SIMD versions by an init function when available.
//
// Only expStoreKernel and expStoreMaxKernel evaluate exp: the other
// exp-based functions store a block of exponentials in a stack buffer and
// reduce it with a second, cheap kernel while it is still in L1. The two
// vector kernels of each width share one inlined exp helper; calling a
// helper that is not inlined, once per vector, halves their speed.
var (
	maxKernel         = maxScalar
	maxSumKernel      = maxSumScalar
	expStoreKernel    = expStoreScalar
	expStoreMaxKernel = expStoreMaxScalar
	nextMaxKernel     = maxScalar // expStoreMaxKernel's max of next, alone
	dotShiftKernel    = dotShiftScalar
	dotDiffKernel     = dotDiffScalar
	scaleKernel       = scaleScalar
	shiftScaleKernel  = shiftScaleScalar
	firstAboveKernel  = firstAboveScalar
	maskBelowKernel   = maskBelowScalar
	atLeastKernel     = atLeastScalar
	splitKernel       = splitScalar
)

// split returns the length of the SIMD-friendly prefix of an n-element
// block: all of it for the scalar kernels, a multiple of lanes otherwise.
func split(n int) int {
	if !simdEnabled {
		return n
	}
	return n - n%lanes
}

// MaxSum returns max(x) and Σ x. An empty slice gives (−Inf, 0); a NaN
// in x may or may not propagate to the max. O(len(x)).
func MaxSum(x []float32) (float32, float64) {
	m := float32(math.Inf(-1))
	var s float64
	for len(x) > 0 {
		n := min(len(x), BlockLen)
		k := split(n)
		if k > 0 {
			bm, bs := maxSumKernel(x[:k])
			m = max(m, bm)
			s += float64(bs)
		}
		if k < n {
			bm, bs := maxSumScalar(x[k:n])
			m = max(m, bm)
			s += float64(bs)
		}
		x = x[n:]
	}
	return m, s
}

// Max returns max(x); an empty slice gives −Inf, and a NaN in x may or
// may not propagate. O(len(x)).
func Max(x []float32) float32 {
	m := float32(math.Inf(-1))
	k := split(len(x))
	if k > 0 {
		m = maxKernel(x[:k])
	}
	if k < len(x) {
		m = max(m, maxScalar(x[k:]))
	}
	return m
}

// MaxSumExp returns m = max(x), Σ xᵢ and Σ exp(a·(xᵢ − m)) in one pass
// over x, for a > 0: the max and the sum of exponentials of a softmax
// without reading the row twice from memory ("online softmax"). Each
// chunk of ChunkLen elements is scanned for its max, then its
// exponentials are summed against the running max while it is in L1; when the max
// rises, the sum so far is rescaled by exp(a·(m_old − m_new)). −Inf
// entries add nothing; a row of −Inf gives (−Inf, −Inf, 0). O(len(x)).
func MaxSumExp(x []float32, a float32) (m float32, sum, sumExp float64) {
	return maxSumExp(x, a, true)
}

// MaxExp is [MaxSumExp] without Σ xᵢ: m = max(x) and Σ exp(a·(xᵢ − m)).
//
// With the AVX2 and SSE2 kernels (see overlapReads) each chunk's max is
// taken inside the loop that sums the exponentials of the chunk before
// it, so that its loads from memory overlap that arithmetic; the result
// is the same bit for bit.
func MaxExp(x []float32, a float32) (m float32, sumExp float64) {
	if overlapReads {
		return maxExpOverlapped(x, a, nil)
	}
	m, _, sumExp = maxSumExp(x, a, false)
	return m, sumExp
}

// overlapReads selects maxExpOverlapped, for the AVX2 and SSE2 kernels.
// Taking each chunk's max in a burst and then its exponentials leaves the
// memory idle during the arithmetic, and here the two times add up. On
// a cold [64, 128000] batch (2 cores, the Xeon of the README) the
// overlap took log-sum-exp from 3.3–3.5 to 2.6–3.0 ms with AVX2 and from
// 5.4–5.5 to 4.8–5.1 ms with SSE2; with AVX-512, whose exponential costs
// half AVX2's, the burst was faster in two runs of three (2.2 against 2.5 ms).
var overlapReads bool

// maxExpOverlapped is MaxExp with the max of chunk k+1 taken by the
// kernel that sums chunk k's exponentials (expStoreMax into a scratch
// block). The running max, and so every exponential and block sum, is the
// one maxSumExp computes. Block by block it also does prev, unless nil,
// the write pass of the row before (see [LogSoftmaxer]), as far as
// len(x) rounded up to a whole block: a longer pending row's rest is the
// caller's to write.
func maxExpOverlapped(x []float32, a float32, prev *rowWrite) (m float32, sumExp float64) {
	var tmp [BlockLen]float32
	m = float32(math.Inf(-1))
	bm := Max(x[:min(ChunkLen, len(x))]) // the max of the chunk at i
	for i := 0; i < len(x); i += ChunkLen {
		j := min(i+ChunkLen, len(x))
		m, sumExp = raise(m, bm, sumExp, a)
		next := x[j:min(j+ChunkLen, len(x))]
		if math.IsInf(float64(m), -1) {
			prev.to(j)
			bm = Max(next)
			continue
		}
		bm = float32(math.Inf(-1))
		for b := i; b < j; b += BlockLen {
			e := min(b+BlockLen, j)
			prev.to(e)
			s, nm := expStoreMax(tmp[:e-b], x[b:e], clip(next, b-i, e-i), nil, a, m, 0)
			sumExp += s
			bm = max(bm, nm)
		}
	}
	return m, sumExp
}

func maxSumExp(x []float32, a float32, withSum bool) (m float32, sum, sumExp float64) {
	var tmp [BlockLen]float32
	m = float32(math.Inf(-1))
	for len(x) > 0 {
		n := min(len(x), ChunkLen)
		var bm float32
		if withSum {
			var bs float64
			bm, bs = MaxSum(x[:n])
			sum += bs
		} else {
			bm = Max(x[:n])
		}
		m, sumExp = raise(m, bm, sumExp, a)
		if !math.IsInf(float64(m), -1) {
			for i := 0; i < n; i += BlockLen {
				j := min(i+BlockLen, n)
				sumExp += expBlock(tmp[:j-i], x[i:j], a, m)
			}
		}
		x = x[n:]
	}
	return m, sum, sumExp
}

// expBlock writes exp(a·(xᵢ − c)) into e (len(e) = len(x) ≤ BlockLen) and
// returns their sum.
func expBlock(e, x []float32, a, c float32) float64 {
	k := split(len(x))
	var s float64
	if k > 0 {
		s += float64(expStoreKernel(e[:k], x[:k], a, c))
	}
	if k < len(x) {
		s += float64(expStoreScalar(e[k:], x[k:], a, c))
	}
	return s
}

// ExpStore writes dstᵢ = exp(a·(xᵢ − c)) and returns Σ dstᵢ. Terms whose
// exponent is below about −87.3 are 0, so −Inf entries (masked tokens)
// add nothing. The argument is formed as (xᵢ − c)·a, not a·xᵢ + (−a·c):
// with c the row's max, xᵢ − c is exact for the tokens that matter, and no
// rounding of a large −a·c shifts every exponent. dst and x must have the
// same length. O(len(x)).
func ExpStore(dst, x []float32, a, c float32) float64 {
	if len(dst) != len(x) {
		panic("vecmath: ExpStore length mismatch")
	}
	var s float64
	for len(x) > 0 {
		n := min(len(x), BlockLen)
		s += expBlock(dst[:n], x[:n], a, c)
		x, dst = x[n:], dst[n:]
	}
	return s
}

// ExpStoreNext is [ExpStore] for c ≥ max x that also returns the max of
// next, for a next of at most len(x) elements: the max of the row a
// caller takes next, read in the exponential loop itself so that its
// loads from memory overlap the arithmetic instead of following it. For
// a next as long as x the max is BlockMax(next), bit for bit, NaN or
// not. dst and the sum are ExpStore's bit for bit (the vector kernels
// skip the clamp at expMax, hence c ≥ max x). O(len(x)).
func ExpStoreNext(dst, x, next []float32, a, c float32) (sum float64, nextMax float32) {
	if len(dst) != len(x) || len(next) > len(x) {
		panic("vecmath: ExpStoreNext length mismatch")
	}
	return expStoreMax(dst, x, next, nil, a, c, 0)
}

// BlockMax returns max(x) as the Next functions take the max of a next
// as long as their x: block by block from the start of x, each block
// reduced by the same vector steps as the exponential kernel that reads
// it, combined in order by Go's max, which propagates NaN. Whether a NaN
// in x shows in the result depends, as for [Max], on where it lies, but
// a caller may use a Next function's max in place of BlockMax(next) and
// get the same bits. O(len(x)).
func BlockMax(x []float32) float32 {
	m := float32(math.Inf(-1))
	for i := 0; i < len(x); i += BlockLen {
		j := min(i+BlockLen, len(x))
		if split(j-i) == j-i {
			m = max(m, nextMaxKernel(x[i:j]))
		} else {
			m = max(m, Max(x[i:j]))
		}
	}
	return m
}

// ExpSumDot returns Σ eᵢ and Σ eᵢ·(xᵢ − c) with eᵢ = exp(a·(xᵢ − c));
// terms with eᵢ = 0 add nothing to the second sum, even when xᵢ = −Inf.
// Used for the entropy of a softmax row, with c = max x so that the
// products stay small; c must be ≥ max x (the kernels skip the clamp at
// expMax). O(len(x)).
func ExpSumDot(x []float32, a, c float32) (sum, dot float64) {
	sum, dot, _ = ExpSumDotNext(x, nil, a, c)
	return sum, dot
}

// ExpSumDotNext is [ExpSumDot] for c ≥ max x that also returns the max
// of next, as [ExpStoreNext] does; the sums are ExpSumDot's bit for bit.
func ExpSumDotNext(x, next []float32, a, c float32) (sum, dot float64, nextMax float32) {
	if len(next) > len(x) {
		panic("vecmath: ExpSumDotNext length mismatch")
	}
	return expDotNext(x, nil, next, a, c, 0)
}

// ExpSumDiff returns Σ eᵢ and Σ eᵢ·(xᵢ − yᵢ − d) with eᵢ = exp(a·(xᵢ − c));
// terms with eᵢ = 0 add nothing to the second sum. Used for KL(p‖q) from
// two logit rows, with c = max x (c must be ≥ max x, as for
// [ExpSumDot]). x and y must have the same length. O(len(x)).
func ExpSumDiff(x, y []float32, a, c, d float32) (sum, dot float64) {
	sum, dot, _ = ExpSumDiffNext(x, y, nil, a, c, d)
	return sum, dot
}

// ExpSumDiffNext is [ExpSumDiff] for c ≥ max x that also returns the
// max of next, as [ExpStoreNext] does; the sums are ExpSumDiff's bit for
// bit.
func ExpSumDiffNext(x, y, next []float32, a, c, d float32) (sum, dot float64, nextMax float32) {
	if len(y) != len(x) || len(next) > len(x) {
		panic("vecmath: ExpSumDiff length mismatch")
	}
	return expDotNext(x, y, next, a, c, d)
}

// expDotNext is ExpSumDotNext (y nil) and ExpSumDiffNext: block by block,
// the exponentials into a scratch block, then their dot product with the
// block of x while it is in L1.
func expDotNext(x, y, next []float32, a, c, d float32) (sum, dot float64, nextMax float32) {
	var tmp [BlockLen]float32
	nextMax = float32(math.Inf(-1))
	for i := 0; i < len(x); i += BlockLen {
		j := min(i+BlockLen, len(x))
		e := tmp[:j-i]
		s, m := expStoreMax(e, x[i:j], clip(next, i, j), nil, a, c, 0)
		sum, nextMax = sum+s, max(nextMax, m)
		var yb []float32
		if y != nil {
			yb = y[i:j]
		}
		dot += blockDot(e, x[i:j], yb, c, d)
	}
	return sum, dot, nextMax
}

// blockDot returns Σ eᵢ·(xᵢ − c), or with y Σ eᵢ·(xᵢ − yᵢ − d), over the
// eᵢ > 0 of one block: the vector kernel on its whole vectors, the scalar
// one on the rest.
func blockDot(e, x, y []float32, c, d float32) float64 {
	k := split(len(x))
	var s float64
	switch {
	case y == nil && k > 0:
		s = float64(dotShiftKernel(e[:k], x[:k], c))
	case k > 0:
		s = float64(dotDiffKernel(e[:k], x[:k], y[:k], d))
	}
	switch {
	case y == nil && k < len(x):
		s += float64(dotShiftScalar(e[k:], x[k:], c))
	case k < len(x):
		s += float64(dotDiffScalar(e[k:], x[k:], y[k:], d))
	}
	return s
}

// raise returns the running max and sum of exponentials once a chunk
// whose max is bm has been seen: if bm is above the max m so far, the sum
// so far is rescaled by exp(a·(m − bm)).
func raise(m, bm float32, sum float64, a float32) (float32, float64) {
	if bm > m {
		if sum > 0 {
			sum *= math.Exp(float64(a) * float64(m-bm))
		}
		m = bm
	}
	return m, sum
}

// clip returns the elements of s in [i, j) that s has: a block of a
// next row that may be shorter than the row, or absent.
func clip(s []float32, i, j int) []float32 { return s[min(i, len(s)):min(j, len(s))] }

// Scale multiplies every element of x by s in place. O(len(x)).
func Scale(x []float32, s float32) {
	k := split(len(x))
	if k > 0 {
		scaleKernel(x[:k], s)
	}
	scaleScalar(x[k:], s)
}

// ShiftScale writes dstᵢ = a·(xᵢ − c) + d: a log-softmax row is
// ShiftScale(dst, x, 1/T, max x, −ln S), and the subtraction comes first
// so that a large max is not rounded into the offset. dst and x must have
// the same length; dst may be x. O(len(x)).
func ShiftScale(dst, x []float32, a, c, d float32) {
	if len(dst) != len(x) {
		panic("vecmath: ShiftScale length mismatch")
	}
	k := split(len(x))
	if k > 0 {
		shiftScaleKernel(dst[:k], x[:k], a, c, d)
	}
	shiftScaleScalar(dst[k:], x[k:], a, c, d)
}

// FirstAbove returns the index of the first xᵢ > t, or len(x) if there
// is none (NaNs are never above). Top-k scans a row with it for the few
// values that beat its heap's minimum. O(index returned).
func FirstAbove(x []float32, t float32) int {
	k := split(len(x))
	if k > 0 {
		if i := firstAboveKernel(x[:k], t); i < k {
			return i
		}
	}
	return k + firstAboveScalar(x[k:], t)
}

// MaskBelow writes dstᵢ = −Inf where xᵢ < t and dstᵢ = xᵢ elsewhere (NaNs
// are kept). dst and x must have the same length; dst may be x. O(len(x)).
func MaskBelow(dst, x []float32, t float32) {
	if len(dst) != len(x) {
		panic("vecmath: MaskBelow length mismatch")
	}
	k := split(len(x))
	if k > 0 {
		maskBelowKernel(dst[:k], x[:k], t)
	}
	maskBelowScalar(dst[k:], x[k:], t)
}

// AppendAtLeast appends to idx, in increasing order, the indices i with
// xᵢ ≥ t, and to val the xᵢ themselves, and returns both extended slices
// and Σ xᵢ over them. Top-p uses it to gather the tokens whose
// probability is above a guess of the cut, as a dense list its later
// passes read without going back through the indices. O(len(x)).
func AppendAtLeast(idx []int32, val, x []float32, t float32) ([]int32, []float32, float64) {
	if len(x) > math.MaxInt32 {
		panic("vecmath: AppendAtLeast slice too long for int32 indices")
	}
	idx = slices.Grow(idx, len(x)+lanes) // the kernels store whole vectors
	val = slices.Grow(val, len(x)+lanes)
	var sum float64
	for base := 0; base < len(x); base += BlockLen {
		blk := x[base:min(base+BlockLen, len(x))]
		k := split(len(blk))
		oi, ov := idx[len(idx):cap(idx)], val[len(val):cap(val)]
		var n int
		var s float32
		if k > 0 {
			n, s = atLeastKernel(oi, ov, blk[:k], t, int32(base))
		}
		n2, s2 := atLeastScalar(oi[n:], ov[n:], blk[k:], t, int32(base+k))
		idx, val = idx[:len(idx)+n+n2], val[:len(val)+n+n2]
		sum += float64(s) + float64(s2)
	}
	return idx, val, sum
}

// AppendSplit goes through the pairs (idxⱼ, valⱼ) in order and appends
// idxⱼ to hi where valⱼ ≥ tHi, and to mid where tMid ≤ valⱼ < tHi; the
// others (and NaNs) go nowhere. It returns the extended hi and mid. Top-p
// splits its candidates with it into the tokens certainly in the nucleus
// and those of the bucket where the cut falls. O(len(idx)).
func AppendSplit(hi, mid, idx []int32, val []float32, tHi, tMid float32) ([]int32, []int32) {
	if len(idx) != len(val) {
		panic("vecmath: AppendSplit length mismatch")
	}
	hi, mid = slices.Grow(hi, len(idx)+lanes), slices.Grow(mid, len(idx)+lanes)
	k := split(len(idx))
	var nh, nm int
	if k > 0 {
		nh, nm = splitKernel(hi[len(hi):cap(hi)], mid[len(mid):cap(mid)], idx[:k], val[:k], tHi, tMid)
	}
	nh2, nm2 := splitScalar(hi[len(hi)+nh:cap(hi)], mid[len(mid)+nm:cap(mid)], idx[k:], val[k:], tHi, tMid)
	return hi[:len(hi)+nh+nh2], mid[:len(mid)+nm+nm2]
}
