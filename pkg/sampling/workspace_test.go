package sampling_test

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/bitsandlogits/course/internal/panictest"
	"github.com/bitsandlogits/course/pkg/probability"
	"github.com/bitsandlogits/course/pkg/sampling"
)

// refFilter is the filter chain written the plain way, as the definitions
// in the package documentation read: temperature, then top-k by a sorted
// copy, top-p by a stable sort of the probabilities, min-p by the
// softmax. The Workspace's in-place filters must equal it bit for bit.
func refFilter(logits []float64, c sampling.Config) []float64 {
	out := slices.Clone(logits)
	if c.Temperature == 0 {
		g := sampling.Greedy(logits)
		for i := range out {
			if i != g {
				out[i] = math.Inf(-1)
			}
		}
		return out
	}
	if c.Temperature != 1 {
		m := logits[probability.Argmax(logits)]
		if math.IsInf(m, 0) || math.IsNaN(m) {
			m = 0
		}
		for i := range out {
			out[i] = (out[i] - m) / c.Temperature
		}
	}
	mask := func(keep func(i int) bool) {
		for i := range out {
			if !keep(i) {
				out[i] = math.Inf(-1)
			}
		}
	}
	if c.TopK > 0 && len(out) == 0 {
		panic("sampling: TopK: logits is empty")
	}
	if c.TopK > 0 && c.TopK < len(out) {
		s := slices.Clone(out)
		slices.SortFunc(s, func(a, b float64) int { return cmp.Compare(b, a) })
		mask(func(i int) bool { return out[i] >= s[c.TopK-1] })
	}
	if c.TopP > 0 && c.TopP < 1 {
		p := probability.Softmax(out)
		order := make([]int, len(p))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(p[b], p[a]) })
		keep, cum := make([]bool, len(p)), 0.0
		for _, i := range order {
			keep[i], cum = true, cum+p[i]
			if cum >= c.TopP {
				break
			}
		}
		mask(func(i int) bool { return keep[i] })
	}
	if c.MinP > 0 {
		p := probability.Softmax(out)
		t := c.MinP * slices.Max(p)
		mask(func(i int) bool { return p[i] >= t })
	}
	return out
}

// randomRow returns n logits with many ties (values on a coarse grid),
// some −Inf, sorted in decreasing order when sorted is set.
func randomRow(r *rand.Rand, n int, sorted bool) []float64 {
	z := make([]float64, n)
	for i := range z {
		z[i] = math.Round(r.NormFloat64()*8) / 4
		if r.IntN(10) == 0 {
			z[i] = math.Inf(-1)
		}
	}
	z[r.IntN(n)] = 1 // at least one finite logit
	if sorted {
		slices.SortFunc(z, func(a, b float64) int { return cmp.Compare(b, a) })
	}
	return z
}

func randomConfig(r *rand.Rand) sampling.Config {
	c := sampling.Config{Temperature: []float64{0, 0.3, 1, 1.7}[r.IntN(4)]}
	if r.IntN(2) == 0 {
		c.TopK = 1 + r.IntN(12)
	}
	if r.IntN(2) == 0 {
		c.TopP = []float64{0.2, 0.5, 0.9, 1}[r.IntN(4)]
	}
	if r.IntN(2) == 0 {
		c.MinP = []float64{0.01, 0.1, 0.5, 1}[r.IntN(4)]
	}
	return c
}

func sameBits(a, b []float64) bool {
	return slices.EqualFunc(a, b, func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) })
}

// TestWorkspaceMatchesReference runs one Workspace over rows of changing
// length, sorted and unsorted, into a separate row and in place, and
// checks every result against refFilter and Sampler.Filter.
func TestWorkspaceMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var ws sampling.Workspace
	for trial := range 3000 {
		z := randomRow(r, 1+r.IntN(40), trial%2 == 0)
		c := randomConfig(r)
		want := refFilter(z, c)
		got, err := ws.Filter(make([]float64, len(z)), z, c)
		if err != nil {
			t.Fatal(err)
		}
		inPlace := slices.Clone(z)
		if _, err := ws.Filter(inPlace, inPlace, c); err != nil {
			t.Fatal(err)
		}
		if viaSampler := newSampler(t, c).Filter(z); !sameBits(got, want) || !sameBits(inPlace, want) || !sameBits(viaSampler, want) {
			t.Fatalf("%+v on %v:\n workspace %v\n in place  %v\n sampler   %v\n want      %v", c, z, got, inPlace, viaSampler, want)
		}
	}
}

// TestWorkspaceAllocatesNothing: after the first call on a row of a given
// length, filtering with every stage on allocates nothing, for sorted
// input (the O(V) path) and unsorted input alike.
func TestWorkspaceAllocatesNothing(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	c := sampling.Config{Temperature: 0.7, TopK: 30, TopP: 0.9, MinP: 0.01}
	for _, sorted := range []bool{true, false} {
		z := randomRow(r, 5000, sorted)
		dst := make([]float64, len(z))
		var ws sampling.Workspace
		if allocs := testing.AllocsPerRun(20, func() { ws.Filter(dst, z, c) }); allocs != 0 {
			t.Errorf("sorted %v: %v allocations per Filter, want 0", sorted, allocs)
		}
	}
}

func TestWorkspaceBadInput(t *testing.T) {
	var ws sampling.Workspace
	bad := sampling.Config{Temperature: -1, TopP: 2}
	_, want := sampling.New(bad)
	if _, err := ws.Filter(make([]float64, 2), []float64{1, 2}, bad); err == nil || err.Error() != want.Error() {
		t.Errorf("Filter(%+v) error %v, want New's %v", bad, err, want)
	}
	panictest.Check(t, "short dst", func() { ws.Filter(make([]float64, 1), []float64{1, 2}, sampling.Config{Temperature: 1}) },
		"Workspace.Filter", "len(dst) = 1", "len(logits) = 2")
	panictest.Check(t, "all -Inf", func() {
		ws.Filter(make([]float64, 2), []float64{math.Inf(-1), math.Inf(-1)}, sampling.Config{Temperature: 1, TopP: 0.5})
	}, "every one of the 2 logits is -Inf")
}

// outcome runs f and returns its result, or the message it panicked with.
func outcome(f func() []float64) (z []float64, msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	return f(), ""
}

// TestWorkspaceSpecialValues compares the Workspace with refFilter on rows
// of NaN, ±Inf, ±0, huge and tiny logits and the empty row, under every
// stage: the same bits, or a panic where refFilter panics (messages aside:
// the Workspace's name SoftmaxTo where refFilter's name Softmax).
func TestWorkspaceSpecialValues(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	rows := [][]float64{{}, {nan}, {nan, 1}, {inf, 1}, {-inf, -inf}, {-inf, 2, 2}, {0, math.Copysign(0, -1)},
		{1e308, -1e308, 5e-324}, {-800, 0, -745.2}, {nan, -inf, 3}}
	configs := []sampling.Config{{Temperature: 1}, {Temperature: 0}, {Temperature: 0.5}, {Temperature: 1, TopK: 1},
		{Temperature: 2, TopP: 0.5}, {Temperature: 1, MinP: 0.5}, {Temperature: 1e-300, TopK: 2, TopP: 0.9, MinP: 0.1}}
	var ws sampling.Workspace
	for _, z := range rows {
		for _, c := range configs {
			want, wantPanic := outcome(func() []float64 { return refFilter(z, c) })
			got, gotPanic := outcome(func() []float64 { return must(ws.Filter(make([]float64, len(z)), z, c)) })
			if (wantPanic == "") != (gotPanic == "") || !sameBits(got, want) {
				t.Errorf("%+v on %v: got %v (panic %q), want %v (panic %q)", c, z, got, gotPanic, want, wantPanic)
			}
		}
	}
}

func must(z []float64, err error) []float64 {
	if err != nil {
		panic(err)
	}
	return z
}
