//go:build amd64 && goexperiment.simd

package vecmath

import "testing"

func BenchmarkKernelExpStore(b *testing.B) {
	x := randRow(512, 1)
	dst := make([]float32, 512)
	for b.Loop() {
		expStoreSIMD(dst, x, 1, -3)
	}
}
