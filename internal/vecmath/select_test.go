package vecmath

import (
	"math"
	"slices"
	"testing"
)

// TestSelectionKernels checks FirstAbove, MaskBelow and AppendAtLeast on
// every kernel set against plain loops, for lengths with scalar tails and
// several blocks, including −Inf, NaN and values equal to the threshold.
// BlockLen + 85 and 2·BlockLen + 499 end in blocks whose vector part (80
// and 496 lanes) takes atLeastSSE2's 64-lane steps and then its 16-lane
// ones; a threshold of −Inf passes a lane in every group.
func TestSelectionKernels(t *testing.T) {
	for _, name := range ISAs() {
		withISA(t, name, func() {
			for _, n := range []int{0, 5, 16, 31, BlockLen + 7, BlockLen + 85, 2*BlockLen + 499, 3*BlockLen + 40} {
				x := randRow(n, uint64(n)+3)
				if n > 20 {
					x[3], x[9], x[17] = float32(math.Inf(-1)), float32(math.NaN()), 2
				}
				for _, thr := range []float32{2, 6, float32(math.Inf(1)), float32(math.Inf(-1))} {
					checkSelection(t, name, x, thr)
				}
			}
			// One value above the threshold, at each of the last eight
			// places: every lane of the last group of four or sixteen,
			// and of a scalar tail of any length.
			for _, n := range []int{6, 23, 32, BlockLen + 6, BlockLen + 19} {
				for back := 1; back <= min(8, n); back++ {
					x := make([]float32, n)
					x[n-back] = 3
					checkSelection(t, name, x, 1)
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
	got, vals, sum := AppendAtLeast(prefix, []float32{7, 8}, x, thr)
	if !slices.Equal(got, append(prefix, want...)) || !relClose(sum, wantSum, 1e-6) && !(math.IsInf(sum, 0) && sum == wantSum) {
		t.Errorf("%s n=%d t=%v: AppendAtLeast = %d indices, sum %v; want %d, %v", isa, len(x), thr, len(got)-1, sum, len(want), wantSum)
	}
	wantVals := []float32{7, 8}
	for _, i := range want {
		wantVals = append(wantVals, x[i])
	}
	if !slices.Equal(vals, wantVals) {
		t.Errorf("%s n=%d t=%v: AppendAtLeast values = %v…, want %v…", isa, len(x), thr, vals[:min(len(vals), 5)], wantVals[:min(len(wantVals), 5)])
	}
	dst := make([]float32, len(x))
	MaskBelow(dst, x, thr)
	for i := range dst {
		if math.Float32bits(dst[i]) != math.Float32bits(mask[i]) {
			t.Fatalf("%s n=%d t=%v: MaskBelow[%d] = %v, want %v", isa, len(x), thr, i, dst[i], mask[i])
		}
	}
}

// TestAppendSplit checks AppendSplit on every kernel set against a plain
// loop, on lengths with scalar tails, with values on both thresholds,
// zeros, subnormals, +Inf and NaN.
func TestAppendSplit(t *testing.T) {
	for _, name := range ISAs() {
		withISA(t, name, func() {
			for _, n := range []int{0, 5, 16, 31, 100, BlockLen + 7} {
				val := randRow(n, uint64(n)+11)
				idx := make([]int32, n)
				for j := range idx {
					idx[j] = int32(3*j + 1)
					val[j] = float32(math.Abs(float64(val[j])))
				}
				if n > 20 {
					val[2], val[5], val[7], val[11], val[13], val[19] = 4, 2, 0, 0x1p-140, float32(math.Inf(1)), float32(math.NaN())
				}
				for _, th := range [][2]float32{{4, 2}, {0x1p-126, 0}, {float32(math.Inf(1)), 4}, {1, 1}} {
					checkSplit(t, name, idx, val, th[0], th[1])
				}
			}
		})
	}
}

func checkSplit(t *testing.T, isa string, idx []int32, val []float32, tHi, tMid float32) {
	t.Helper()
	wantHi, wantMid := []int32{-1}, []int32{-2, -3}
	for j, v := range val {
		switch {
		case v >= tHi:
			wantHi = append(wantHi, idx[j])
		case v >= tMid:
			wantMid = append(wantMid, idx[j])
		}
	}
	hi, mid := AppendSplit([]int32{-1}, []int32{-2, -3}, idx, val, tHi, tMid)
	if !slices.Equal(hi, wantHi) || !slices.Equal(mid, wantMid) {
		t.Errorf("%s n=%d thresholds %v, %v: AppendSplit = %d, %d indices; want %d, %d", isa, len(idx), tHi, tMid, len(hi), len(mid), len(wantHi), len(wantMid))
	}
}
