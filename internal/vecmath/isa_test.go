package vecmath

import (
	"maps"
	"math"
	"os"
	"os/exec"
	"slices"
	"testing"
)

// withISA runs fn with the named kernels installed, then restores the
// kernels that were in use.
func withISA(t *testing.T, name string, fn func()) {
	t.Helper()
	old := ISA()
	if !SetISA(name) {
		t.Fatalf("SetISA(%q) = false, ISAs() = %v", name, ISAs())
	}
	defer SetISA(old)
	fn()
}

// TestISAsAgree runs every exported function on every kernel set this
// CPU has (AVX-512, AVX2, SSE2, scalar) and checks each against the
// scalar result: softmax within 4e-6 relative (its float32 block sums
// add in another order), shift-scale within 1 ulp (one fused
// multiply-add), sums within 1e-5 relative or 1e-4 absolute.
func TestISAsAgree(t *testing.T) {
	isas := ISAs()
	if isas[len(isas)-1] != "scalar" {
		t.Fatalf("ISAs() = %v, want scalar last", isas)
	}
	t.Logf("ISAs on this CPU and build: %v (default %s)", isas, ISA())
	type out struct {
		max, msum       float32
		sum, se, sd, dd float64
		soft, shift     []float32
	}
	run := func(x, y []float32) out {
		var o out
		o.max = Max(x)
		var s float64
		o.msum, s = MaxSum(x)
		o.sum = s
		_, _, o.se = MaxSumExp(x, 0.7)
		_, o.sd = ExpSumDot(x, 1.1, o.max)
		_, o.dd = ExpSumDiff(x, y, 1, o.max, 0.5)
		o.soft = make([]float32, len(x))
		SoftmaxRow(o.soft, x, 1.3)
		o.shift = make([]float32, len(x))
		ShiftScale(o.shift, x, 0.5, o.max, -2)
		Scale(o.shift, 3)
		return o
	}
	for _, n := range []int{16, 33, BlockLen + 17, 4*BlockLen + 48, 2*ChunkLen + 80} {
		x, y := randRow(n, uint64(n)), randRow(n, uint64(n)+1)
		x[n/3] = float32(math.Inf(-1))
		var want out
		withISA(t, "scalar", func() { want = run(x, y) })
		for _, name := range isas[:len(isas)-1] {
			var got out
			withISA(t, name, func() { got = run(x, y) })
			if got.max != want.max || got.msum != want.msum {
				t.Errorf("%s n=%d: Max %v, MaxSum max %v; scalar %v", name, n, got.max, got.msum, want.max)
			}
			for _, p := range [][3]float64{{got.sum, want.sum, 1e-5}, {got.se, want.se, 1e-6}, {got.sd, want.sd, 1e-5}, {got.dd, want.dd, 1e-5}} {
				if p[0] != p[1] && !relClose(p[0], p[1], p[2]) && !(math.Abs(p[0]-p[1]) <= 1e-4) { // equal infinities pass, NaN fails
					t.Errorf("%s n=%d: sum %v, scalar %v", name, n, p[0], p[1])
				}
			}
			for i := range x {
				if !relClose(float64(got.soft[i]), float64(want.soft[i]), 4e-6) || ulps(got.shift[i], want.shift[i]) > 1 {
					t.Fatalf("%s n=%d i=%d: softmax %v / %v, shift-scale %v / %v", name, n, i,
						got.soft[i], want.soft[i], got.shift[i], want.shift[i])
				}
			}
		}
	}
}

// TestISAEnv checks that COURSE_ISA caps the kernels chosen at start-up:
// the test binary re-runs itself with each available name set.
func TestISAEnv(t *testing.T) {
	if want := os.Getenv("VECMATH_TEST_WANT"); want != "" {
		if ISA() != want {
			t.Fatalf("COURSE_ISA=%s: ISA() = %s", os.Getenv("COURSE_ISA"), ISA())
		}
		return
	}
	cases := map[string]string{"bogus": ISAs()[0]}
	for _, name := range ISAs() {
		cases[name] = name
	}
	for _, env := range slices.Sorted(maps.Keys(cases)) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestISAEnv$")
		cmd.Env = append(os.Environ(), "COURSE_ISA="+env, "VECMATH_TEST_WANT="+cases[env])
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("COURSE_ISA=%s: %v\n%s", env, err, b)
		}
	}
}
