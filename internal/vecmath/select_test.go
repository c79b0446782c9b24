package vecmath

import (
	"math"
	"slices"
	"testing"
)

// TestSelectionKernels checks FirstAbove, MaskBelow and AppendAtLeast on
// every kernel set against plain loops, for lengths with scalar tails and
// several blocks, including −Inf, NaN and values equal to the threshold.
func TestSelectionKernels(t *testing.T) {
	for _, name := range ISAs() {
		withISA(t, name, func() {
			for _, n := range []int{0, 5, 16, 31, BlockLen + 7, 3*BlockLen + 40} {
				x := randRow(n, uint64(n)+3)
				if n > 20 {
					x[3], x[9], x[17] = float32(math.Inf(-1)), float32(math.NaN()), 2
				}
				for _, thr := range []float32{2, 6, float32(math.Inf(1)), float32(math.Inf(-1))} {
					checkSelection(t, name, x, thr)
				}
			}
		})
	}
}

func checkSelection(t *testing.T, isa string, x []float32, thr float32) {
	t.Helper()
	first := len(x)
	var want []int32
	var wantSum float64
	mask := make([]float32, len(x))
	for i, v := range x {
		if v > thr && first == len(x) {
			first = i
		}
		if v >= thr {
			want = append(want, int32(i))
			wantSum += float64(v)
		}
		mask[i] = v
		if v < thr {
			mask[i] = float32(math.Inf(-1))
		}
	}
	if got := FirstAbove(x, thr); got != first {
		t.Errorf("%s n=%d t=%v: FirstAbove = %d, want %d", isa, len(x), thr, got, first)
	}
	prefix := []int32{-1}
	got, sum := AppendAtLeast(prefix, x, thr)
	if !slices.Equal(got, append(prefix, want...)) || !relClose(sum, wantSum, 1e-6) && !(math.IsInf(sum, 0) && sum == wantSum) {
		t.Errorf("%s n=%d t=%v: AppendAtLeast = %d indices, sum %v; want %d, %v", isa, len(x), thr, len(got)-1, sum, len(want), wantSum)
	}
	dst := make([]float32, len(x))
	MaskBelow(dst, x, thr)
	for i := range dst {
		if math.Float32bits(dst[i]) != math.Float32bits(mask[i]) {
			t.Fatalf("%s n=%d t=%v: MaskBelow[%d] = %v, want %v", isa, len(x), thr, i, dst[i], mask[i])
		}
	}
}
