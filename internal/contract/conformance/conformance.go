// Package conformance is the table of cases that both batched engines,
// pkg/rows and pkg/xla, must pass: the same values on small inputs and
// the same panics, message for message, on bad arguments. Each engine's
// tests call [Run] with itself as an [Engine].
package conformance

import (
	"fmt"
	"math"
	"testing"

	"github.com/bitsandlogits/course/pkg/rows"
)

// Engine is the API both engines implement. *xla.Engine is one; [Rows]
// adapts pkg/rows' functions, which return no error.
type Engine interface {
	Softmax(dst, x []float32, v int, temperature float32) error
	LogSoftmax(dst, x []float32, v int, temperature float32) error
	LogSumExp(dst, x []float32, v int) error
	Entropy(dst, x []float32, v int, temperature float32) error
	CrossEntropy(dst, logits []float32, v int, targets []int, opt rows.CrossEntropyOptions) error
	CrossEntropyLoss(logits []float32, v int, targets []int, opt rows.CrossEntropyOptions) (float64, error)
	KL(dst, p, q []float32, v int) error
	JS(dst, p, q []float32, v int) error
	KLEstimate(dst, logRatio []float32, e rows.Estimator) error
	PreferenceLoss(dst, policyChosen, policyRejected, refChosen, refRejected []float32, beta float32, kind rows.Preference) error
	TopK(dst, x []float32, v, k int) error
	TopP(dst, x []float32, v int, p float32) error
	MinP(dst, x []float32, v int, minP float32) error
	Filter(dst, x []float32, v int, cfg rows.SamplerConfig) error
	Sample(tokens []int, logits []float32, v int, cfg rows.SamplerConfig, seed, step uint64) error
}

// Case is one row of the table. Call runs the engine and returns the
// values to compare with Want (NaN matches NaN, infinities match
// exactly, others to 1e-5 relative or absolute). Panic, when set, is the
// message the call must panic with, after the engine's "NAME: " prefix.
type Case struct {
	Name  string
	Call  func(e Engine) ([]float64, error)
	Want  []float64
	Panic string
}

// Run runs every case of [Cases] on e as a subtest; name is the engine's
// panic prefix ("rows" or "xla").
func Run(t *testing.T, name string, e Engine) {
	for _, c := range Cases() {
		t.Run(c.Name, func(t *testing.T) { runCase(t, name, e, c) })
	}
}

func runCase(t *testing.T, name string, e Engine, c Case) {
	defer func() {
		r := recover()
		want := ""
		if c.Panic != "" {
			want = name + ": " + c.Panic
		}
		if got := fmt.Sprint(r); r != nil && got != want || r == nil && want != "" {
			t.Errorf("panic %q, want %q", fmt.Sprint(r), want)
		}
	}()
	got, err := c.Call(e)
	if err != nil {
		t.Fatal(err)
	}
	if c.Panic != "" {
		return // the deferred check reports the missing panic
	}
	if len(got) != len(c.Want) {
		t.Fatalf("got %v, want %v", got, c.Want)
	}
	for i := range got {
		if !same(got[i], c.Want[i]) {
			t.Errorf("got %v, want %v (element %d)", got, c.Want, i)
			return
		}
	}
}

// same reports whether a and b agree: both NaN, equal, or within 1e-5
// relative or absolute.
func same(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	if a == b {
		return true
	}
	return !math.IsInf(a, 0) && !math.IsInf(b, 0) && math.Abs(a-b) <= 1e-5*math.Max(1, math.Abs(b))
}

// f64 widens float32 results for comparison.
func f64[T float32 | int](xs []T) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = float64(x)
	}
	return out
}

// lse returns ln Σ exp(xᵢ) in float64.
func lse(x ...float64) float64 {
	m := math.Inf(-1)
	for _, v := range x {
		m = math.Max(m, v)
	}
	var s float64
	for _, v := range x {
		s += math.Exp(v - m)
	}
	return m + math.Log(s)
}

var (
	inf  = float32(math.Inf(1))
	nan  = float32(math.NaN())
	ninf = math.Inf(-1)
)
