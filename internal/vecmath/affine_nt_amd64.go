//go:build amd64 && goexperiment.simd

package vecmath

import "unsafe"

// affineNTAVX2 is implemented in affine_nt_amd64.s.
//
//go:noescape
func affineNTAVX2(dst, x *float32, n int, a, b float32)

// ntMinLen is the shortest output written with non-temporal stores: they
// pay off only for outputs too large to stay in cache until they are read.
const ntMinLen = 32 << 10

// affineStream is Affine for large outputs: the 32-byte-aligned middle of
// dst is written with non-temporal stores, the edges by the usual kernel.
// It reports false (doing nothing) when dst is too short for it.
func affineStream(dst, x []float32, a, b float32) bool {
	if !simdEnabled || len(dst) < ntMinLen {
		return false
	}
	head := int((32 - uintptr(unsafe.Pointer(&dst[0]))%32) % 32 / 4)
	if uintptr(unsafe.Pointer(&dst[0]))%4 != 0 {
		return false
	}
	mid := (len(dst) - head) &^ 7
	affineScalar(dst[:head], x[:head], a, b)
	affineNTAVX2(&dst[head], &x[head], mid, a, b)
	Affine(dst[head+mid:], x[head+mid:], a, b)
	return true
}
