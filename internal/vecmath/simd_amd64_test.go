//go:build amd64 && goexperiment.simd

package vecmath

import (
	"math"
	"simd/archsimd"
	"testing"
)

// TestExpKernelsAgree runs both vector exp kernels directly (the exported
// functions use only the widest one the CPU has) against the scalar one.
func TestExpKernelsAgree(t *testing.T) {
	kernels := map[string]func(dst, x []float32, a, c float32) float32{}
	if archsimd.X86.AVX2() && archsimd.X86.FMA() {
		kernels["avx2"] = expStoreSIMD
	}
	if archsimd.X86.AVX512() {
		kernels["avx512"] = expStoreAVX512
	}
	if len(kernels) == 0 {
		t.Skip("no AVX2+FMA on this CPU")
	}
	x := randRow(BlockLen, 3)
	x[5] = float32(math.Inf(-1))
	x[6] = -200
	want := make([]float32, len(x))
	ws := expStoreScalar(want, x, 1.3, 2)
	for name, k := range kernels {
		got := make([]float32, len(x))
		gs := k(got, x, 1.3, 2)
		if !relClose(float64(gs), float64(ws), 1e-6) {
			t.Errorf("%s: sum %v, scalar %v", name, gs, ws)
		}
		for i := range got {
			if ulps(got[i], want[i]) > 4 && !relClose(float64(got[i]), float64(want[i]), 2e-6) {
				t.Fatalf("%s: exp[%d] = %v, scalar %v", name, i, got[i], want[i])
			}
		}
		if got[5] != 0 || got[6] != 0 {
			t.Errorf("%s: exp(-Inf) = %v, exp(1.3·(-200-2)) = %v, want 0", name, got[5], got[6])
		}
	}
}
