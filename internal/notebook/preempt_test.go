package notebook

import "testing"

// The course turns off asynchronous preemption only for simd builds and
// never overrides a GODEBUG that already decides it.
func TestNoAsyncPreempt(t *testing.T) {
	cases := []struct {
		experiment, godebug, want string
		set                       bool
	}{
		{"simd", "", "asyncpreemptoff=1", true},
		{"simd,aliastypeparams", "gctrace=1", "gctrace=1,asyncpreemptoff=1", true},
		{"", "", "", false},
		{"nosimd", "", "", false},
		{"simd", "asyncpreemptoff=0", "asyncpreemptoff=0", false},
	}
	for _, c := range cases {
		got, set := NoAsyncPreempt(c.experiment, c.godebug)
		if got != c.want || set != c.set {
			t.Errorf("NoAsyncPreempt(%q, %q) = %q, %v; want %q, %v", c.experiment, c.godebug, got, set, c.want, c.set)
		}
	}
}
