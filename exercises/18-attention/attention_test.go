package attention_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	attention "github.com/bitsandlogits/course/exercises/18-attention"
	"github.com/bitsandlogits/course/exercises/internal/check"
)

const (
	scaleLesson  = check.Lesson("lessons/18-attention.md, section “Why divide by the square root of d”")
	maskLesson   = check.Lesson("lessons/18-attention.md, section “Causal masking with minus-infinity logits”")
	onlineLesson = check.Lesson("lessons/18-attention.md, section “The online softmax of flash attention”")
)

var (
	inf = math.Inf(1)
	e   = math.Exp
)

func TestScaledScores(t *testing.T) {
	for _, c := range []struct {
		name string
		q    []float64
		keys [][]float64
		want []float64
	}{
		{"d = 4: q·k/2", []float64{1, 0, 1, 0}, [][]float64{{1, 0, 0, 0}, {1, 0, 1, 0}, {0, 0, 0, 0}}, []float64{0.5, 1, 0}},
		{"d = 1: no scaling", []float64{3}, [][]float64{{2}, {-1}}, []float64{6, -3}},
		{"d = 16: q·k = 16 scaled to 4 (not 1: divide by √d, not d)", ones(16), [][]float64{ones(16)}, []float64{4}},
		{"d = 9, negative entries", []float64{1, -1, 2, 0, 0, 0, 0, 0, 3}, [][]float64{{1, 1, 1, 1, 1, 1, 1, 1, 1}, {0, 0, 0, 0, 0, 0, 0, 0, -2}},
			[]float64{5.0 / 3, -2}},
	} {
		check.Slice(t, "ScaledScores, "+c.name, ScaledScores(c.q, c.keys), c.want, 1e-14, scaleLesson)
	}
}

func TestMaskedSoftmax(t *testing.T) {
	for _, c := range []struct {
		name    string
		scores  []float64
		visible []bool
		want    []float64
	}{
		{"all visible: softmax(0, ln 3)", []float64{0, math.Log(3)}, []bool{true, true}, []float64{0.25, 0.75}},
		// SciPy: softmax([2, 1, −1]) placed at the visible positions.
		{"one masked position gets weight 0", []float64{2, 1, 0.1, -1}, []bool{true, true, false, true},
			[]float64{0.7053845126982412, 0.25949646034241913, 0, 0.03511902695933973}},
		{"a masked score larger than every visible one is ignored", []float64{0, 1e4, 0}, []bool{true, false, true}, []float64{0.5, 0, 0.5}},
		{"causal row i = 0: only the first position", []float64{-3, 7, 7}, []bool{true, false, false}, []float64{1, 0, 0}},
		{"scores of 1e4 (exp overflows without a shift)", []float64{1e4, 1e4, 1e4 - math.Log(2)}, []bool{true, true, true}, []float64{0.4, 0.4, 0.2}},
	} {
		w := MaskedSoftmax(c.scores, c.visible)
		if check.Finite(t, "MaskedSoftmax, "+c.name, w, maskLesson) {
			check.Slice(t, "MaskedSoftmax, "+c.name, w, c.want, 1e-12, maskLesson)
		}
	}
}

// The trap: a query that may see nothing. Its softmax is 0/0; subtracting
// the maximum computes −Inf − (−Inf) = NaN, which would spread through the
// next layer. The contract is all zeros.
func TestMaskedSoftmaxNothingVisible(t *testing.T) {
	for _, c := range []struct {
		name    string
		scores  []float64
		visible []bool
	}{
		{"every position masked", []float64{1, 2, 3}, []bool{false, false, false}},
		{"visible scores all −Inf", []float64{-inf, -inf}, []bool{true, true}},
	} {
		w := MaskedSoftmax(c.scores, c.visible)
		check.Slice(t, "MaskedSoftmax, "+c.name+" (want zeros, not NaN)", w, make([]float64, len(c.scores)), 0, maskLesson)
	}
}

func TestOnlineSteps(t *testing.T) {
	// scores (1, 3, 2, 5), values (1, 2, 3, 4). In blocks of 2: the first
	// block has max 3; the second raises it to 5, so the first block's
	// sums are rescaled by e^(3−5) before the new terms are added.
	l1, o1 := e(-2)+1, e(-2)+2
	l3, o3 := e(-2)+1+e(-1), e(-2)+2+3*e(-1)
	for _, c := range []struct {
		name  string
		block int
		want  []attention.State
	}{
		{"block 2", 2, []attention.State{{Max: 3, Norm: l1, Out: o1}, {Max: 5, Norm: l1*e(-2) + e(-3) + 1, Out: o1*e(-2) + 3*e(-3) + 4}}},
		{"block 3", 3, []attention.State{{Max: 3, Norm: l3, Out: o3}, {Max: 5, Norm: l3*e(-2) + 1, Out: o3*e(-2) + 4}}},
		{"block 4 (one block: the plain stable softmax)", 4, []attention.State{{Max: 5, Norm: e(-4) + e(-2) + e(-3) + 1, Out: e(-4) + 2*e(-2) + 3*e(-3) + 4}}},
	} {
		got := OnlineSteps([]float64{1, 3, 2, 5}, []float64{1, 2, 3, 4}, c.block)
		checkStates(t, "OnlineSteps((1, 3, 2, 5), (1, 2, 3, 4), "+c.name+")", got, c.want)
	}
}

// The trap: the first block is entirely masked. The running maximum is
// still −Inf there, and exp(−Inf − (−Inf)) is NaN; the state must stay
// (−Inf, 0, 0) and the masked values (9) must not leak into the output.
func TestOnlineMaskedFirstBlock(t *testing.T) {
	scores, values := []float64{-inf, -inf, 0, 1}, []float64{9, 9, 1, 2}
	got := OnlineSteps(scores, values, 2)
	checkStates(t, "OnlineSteps((−Inf, −Inf, 0, 1), (9, 9, 1, 2), block 2)", got,
		[]attention.State{{Max: -inf}, {Max: 1, Norm: e(-1) + 1, Out: e(-1) + 2}})
	check.Close(t, "OnlineAttention((−Inf, −Inf, 0, 1), (9, 9, 1, 2), 2)", OnlineAttention(scores, values, 2), (e(-1)+2)/(e(-1)+1), 1e-14, onlineLesson)
}

// OnlineAttention equals the full softmax-weighted sum for every block size.
func TestOnlineEqualsFull(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 18))
	for trial := range 60 {
		n := 1 + rng.IntN(30)
		s, v := make([]float64, n), make([]float64, n)
		spread := []float64{1, 20, 500}[trial%3]
		for j := range s {
			s[j], v[j] = spread*rng.NormFloat64(), rng.NormFloat64()
		}
		want := full(s, v)
		for _, block := range []int{1, 2, 5, n} {
			check.Close(t, fmt.Sprintf("trial %d: OnlineAttention with %d scores of spread %g, block %d", trial, n, spread, block),
				OnlineAttention(s, v, block), want, 1e-12*(1+math.Abs(want)), onlineLesson)
		}
		if t.Failed() {
			return
		}
	}
}

// full is Σ softmax(s)_j v_j, the stable way, all at once.
func full(s, v []float64) float64 {
	m := math.Inf(-1)
	for _, x := range s {
		m = math.Max(m, x)
	}
	z, o := 0.0, 0.0
	for j, x := range s {
		z += e(x - m)
		o += e(x-m) * v[j]
	}
	return o / z
}

func checkStates(t *testing.T, what string, got, want []attention.State) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d states, want %d (one per block) — %s", what, len(got), len(want), onlineLesson)
		return
	}
	for i := range want {
		w := fmt.Sprintf("%s, state after block %d", what, i+1)
		if math.IsInf(want[i].Max, -1) {
			check.Invariant(t, w+": Max is −Inf before any visible score", math.IsInf(got[i].Max, -1), fmt.Sprintf("Max = %v", got[i].Max), onlineLesson)
		} else {
			check.Close(t, w+": Max", got[i].Max, want[i].Max, 0, onlineLesson)
		}
		check.Close(t, w+": Norm", got[i].Norm, want[i].Norm, 1e-14, onlineLesson)
		check.Close(t, w+": Out", got[i].Out, want[i].Out, 1e-14, onlineLesson)
	}
}

func ones(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = 1
	}
	return x
}
