//go:build amd64 && goexperiment.simd

package vecmath

import (
	"maps"
	"math"
	"os"
	"os/exec"
	"simd/archsimd"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// expKernels are the vector exp kernels of one kernel set.
type expKernels struct {
	store    func(dst, x []float32, a, c float32) float32
	storeMax func(dst, x, next []float32, a, c float32) (float32, float32)
}

// vectorExpKernels returns the vector exp kernels this CPU runs, by kernel
// set: SSE2 always.
func vectorExpKernels() map[string]expKernels {
	isas := map[string]expKernels{"sse2": {expStoreSSE2, expStoreMaxSSE2}}
	if archsimd.X86.AVX2() && archsimd.X86.FMA() {
		isas["avx2"] = expKernels{expStoreSIMD, expStoreMaxSIMD}
	}
	if archsimd.X86.AVX512() {
		isas["avx512"] = expKernels{expStoreAVX512, expStoreMaxAVX512}
	}
	return isas
}

// TestExpKernelsAgree runs every vector exp kernel directly (the exported
// functions use only the widest one the CPU has) against the scalar one.
func TestExpKernelsAgree(t *testing.T) {
	kernels := map[string]func(dst, x []float32, a, c float32) float32{}
	for name, k := range vectorExpKernels() {
		kernels[name] = k.store
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

// BenchmarkExpKernels times each exp kernel, the scalar one included, on
// 4,096 elements that stay in L1, one call per iteration: the cost of the
// arithmetic alone. "low" inputs all give exponents below expMin, whose
// lanes are masked out; they must not run slower.
func BenchmarkExpKernels(b *testing.B) {
	isas := vectorExpKernels()
	isas["scalar"] = expKernels{expStoreScalar, expStoreMaxScalar}
	x, next := randRow(4096, 5), randRow(4096, 6)
	for i := range x {
		x[i] -= 20 // below the max, as softmax calls it
	}
	low := make([]float32, len(x))
	for i := range low {
		low[i] = -87.5 - float32(i%13)
	}
	dst := make([]float32, len(x))
	for _, name := range []string{"scalar", "sse2", "avx2", "avx512"} {
		k, ok := isas[name]
		if !ok {
			continue
		}
		for _, in := range []struct {
			name string
			x    []float32
		}{{"", x}, {"low", low}} {
			b.Run(name+"/expStore"+in.name, func(b *testing.B) {
				b.SetBytes(int64(4 * len(x)))
				for b.Loop() {
					k.store(dst, in.x, 1, 0)
				}
			})
			b.Run(name+"/expStoreMax"+in.name, func(b *testing.B) {
				b.SetBytes(int64(4 * len(x)))
				for b.Loop() {
					k.storeMax(dst, in.x, next, 1, 0)
				}
			})
		}
	}
}

// BenchmarkExpKernelBlocks times the exp kernels of the kernel set in use
// (the widest, unless COURSE_ISA narrows it) on 4,096 elements in L1,
// called once ("whole") and once per BlockLen elements ("blocks"), as
// the row functions call them: the difference is
// the cost of each call's exit, whose horizontal sum and max
// (hsum8/hsum16, hmax8/hmax16) once made a block's expStoreMax a third
// slower than the whole.
func BenchmarkExpKernelBlocks(b *testing.B) {
	x, next := randRow(4096, 5), randRow(4096, 6)
	for i := range x {
		x[i] -= 20
	}
	dst := make([]float32, len(x))
	for _, bl := range []struct {
		name string
		n    int
	}{{"whole", len(x)}, {"blocks", BlockLen}} {
		b.Run(ISA()+"/expStore/"+bl.name, func(b *testing.B) {
			b.SetBytes(int64(4 * len(x)))
			for b.Loop() {
				for i := 0; i < len(x); i += bl.n {
					expStoreKernel(dst[i:i+bl.n], x[i:i+bl.n], 1, 0)
				}
			}
		})
		b.Run(ISA()+"/expStoreMax/"+bl.name, func(b *testing.B) {
			b.SetBytes(int64(4 * len(x)))
			for b.Loop() {
				for i := 0; i < len(x); i += bl.n {
					expStoreMaxKernel(dst[i:i+bl.n], x[i:i+bl.n], next[i:i+bl.n], 1, 0)
				}
			}
		})
	}
}

// TestExpKernelsSweep measures the largest relative error of each exp
// kernel against float64 math.Exp over a dense sweep of [−87, 0] (every
// 2⁻¹² apart, and the float32 neighbours of each point): the argument is
// exact, so this is the error of the reduction and polynomial alone.
func TestExpKernelsSweep(t *testing.T) {
	kernels := map[string]func(dst, x []float32, a, c float32) float32{"scalar": expStoreScalar}
	for name, k := range vectorExpKernels() {
		kernels[name] = k.store
	}
	var x []float32
	for v := -87.0; v <= 0; v += 1.0 / 4096 {
		f := float32(v)
		x = append(x, math.Nextafter32(f, -100), f, math.Nextafter32(f, 0))
	}
	x = x[:len(x)&^(lanes-1)]
	got := make([]float32, len(x))
	for _, name := range slices.Sorted(maps.Keys(kernels)) {
		k := kernels[name]
		worst, at := 0.0, float32(0)
		for i := 0; i < len(x); i += BlockLen {
			j := min(i+BlockLen, len(x))
			k(got[i:j], x[i:j], 1, 0)
		}
		for i, v := range x {
			want := math.Exp(float64(v))
			if e := math.Abs(float64(got[i])-want) / want; e > worst {
				worst, at = e, v
			}
		}
		t.Logf("%s: max relative error %.3g at x = %v", name, worst, at)
		if worst > 1e-7 {
			t.Errorf("%s: max relative error %.3g at x = %v, want ≤ 1e-7", name, worst, at)
		}
	}
}

// TestExpKernelsDroppedLanes checks that both vector exp kernels of each
// set give exactly 0 for NaN, −Inf and every argument below expMin (as
// the package documents), and exp to 2e-6 in the lanes around them.
func TestExpKernelsDroppedLanes(t *testing.T) {
	isas := vectorExpKernels()
	nan, inf := float32(math.NaN()), float32(math.Inf(1))
	x := make([]float32, 80) // 16 past a multiple of 32: the AVX-512 loops' tail
	for i := range x {
		x[i] = -float32(i) * 1.2 // 0 down to −94.8: the last few below expMin
	}
	x[3], x[9], x[20] = nan, -inf, math.Nextafter32(expMin, -inf)
	for name, k := range isas {
		dst, dstMax := make([]float32, len(x)), make([]float32, len(x))
		k.store(dst, x, 1, 0)
		k.storeMax(dstMax, x, x, 1, 0)
		for i, v := range x {
			want := 0.0
			if v >= expMin {
				want = math.Exp(float64(v))
			}
			for _, got := range []float32{dst[i], dstMax[i]} {
				if (want == 0 && got != 0) || !relClose(float64(got), want, 2e-6) {
					t.Errorf("%s: exp(%v) = %v, want %v", name, v, got, want)
				}
			}
		}
	}
}

// TestExpConstsAligned checks that each constant vector of the exp
// kernels sits within one cache line.
func TestExpConstsAligned(t *testing.T) {
	if p := uintptr(unsafe.Pointer(exp8K)); p%32 != 0 {
		t.Errorf("exp8K at %#x, not 32-byte aligned", p)
	}
	if p := uintptr(unsafe.Pointer(exp16K)); p%64 != 0 {
		t.Errorf("exp16K at %#x, not 64-byte aligned", p)
	}
}

// TestExpStoreClampsAbove: the store kernels clamp a·(x − c) above at
// expMax (the maximum is not subtracted there), and with a ≠ 1 and c ≠ 0
// agree with the scalar kernel lane by lane and in the returned sum. The
// kernels take whole vectors only: both blocks are multiples of 32.
func TestExpStoreClampsAbove(t *testing.T) {
	inf := float32(math.Inf(1))
	high, mid := make([]float32, 32), make([]float32, 64)
	for i := range high {
		high[i] = 88 - float32(i)
	}
	high[0], high[1], high[2], high[3], high[4] = 88.3762, 88.5, 100, inf, 1e30
	for i := range mid {
		mid[i] = 60 - 2*float32(i)
	}
	top := float64(expReduced(expMax))
	for name, k := range vectorExpKernels() {
		store := k.store
		dst := make([]float32, len(high))
		store(dst, high, 1, 0)
		for i, v := range high {
			if want := min(math.Exp(float64(v)), top); !relClose(float64(dst[i]), want, 4e-7) {
				t.Errorf("%s: exp(%v) = %v, want %v (clamped at exp(expMax) = %v)", name, v, dst[i], want, top)
			}
		}
		got, want := make([]float32, len(mid)), make([]float32, len(mid))
		gotSum, wantSum := store(got, mid, 1.3, 2), expStoreScalar(want, mid, 1.3, 2)
		for i := range want {
			if !relClose(float64(got[i]), float64(want[i]), 4e-7) {
				t.Errorf("%s: exp(1.3·(%v − 2)) = %v, scalar %v", name, mid[i], got[i], want[i])
			}
		}
		if !relClose(float64(gotSum), float64(wantSum), 1e-6) {
			t.Errorf("%s: sum %v, scalar %v", name, gotSum, wantSum)
		}
	}
}

// TestWithoutAVX runs this package's kernel tests again in QEMU's
// user-mode emulation of a Nehalem CPU (SSE4.2, no AVX), where the sse2
// kernels must be the widest set and the default: QEMU faults on any
// AVX instruction, so the tier is shown to run where it is meant to,
// not just beside the wider ones. TestISAEnv is left out: it re-runs
// the test binary without QEMU.
func TestWithoutAVX(t *testing.T) {
	if v := os.Getenv("GOAMD64"); v != "" && v != "v1" && v != "v2" {
		t.Skipf("GOAMD64=%s: the Go runtime itself refuses to start on an emulated Nehalem", v)
	}
	qemu, err := exec.LookPath("qemu-x86_64")
	if err != nil {
		t.Skip("qemu-x86_64 not found: this test needs Debian's qemu-user (scripts/install-deps.sh installs it)")
	}
	run := "^(TestISAsAgree|TestSelectionKernels|TestAppendSplit|TestKernelsAgainstFloat64|TestSSE2.*|TestExpKernels.*)$"
	cmd := exec.Command(qemu, "-cpu", "Nehalem", os.Args[0], "-test.run="+run, "-test.v")
	cmd.Env = slices.DeleteFunc(os.Environ(), func(e string) bool { return strings.HasPrefix(e, "COURSE_ISA=") })
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("under qemu-x86_64 -cpu Nehalem: %v\n%s", err, out)
	}
	if want := "ISAs on this CPU and build: [sse2 scalar] (default sse2)"; !strings.Contains(string(out), want) {
		t.Errorf("under qemu-x86_64 -cpu Nehalem, no %q in\n%s", want, out)
	}
}
