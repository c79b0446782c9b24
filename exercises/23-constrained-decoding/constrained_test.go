package constrained_test

import (
	"fmt"
	"math"
	"slices"
	"testing"

	constrained "github.com/bitsandlogits/course/exercises/23-constrained-decoding"
	"github.com/bitsandlogits/course/exercises/internal/check"
)

const (
	maskLesson  = check.Lesson("lessons/23-constrained-decoding.md, section “The per-step mask”")
	deadLesson  = check.Lesson("lessons/23-constrained-decoding.md, section “Dead ends and the length budget”")
	exactLesson = check.Lesson("lessons/23-constrained-decoding.md, section “The exact conditional: the probability of eventually satisfying”")
)

// worked is the lesson's worked example: tokens a = 0, b = 1, strings of
// exactly two tokens, L = {aa, ba, bb} (aa|b(a|b)), p(a) = 0.6,
// p(· | a) = (0.1, 0.9), p(· | b) = (0.5, 0.5).
func worked() constrained.Problem {
	return constrained.Problem{
		DFA: constrained.DFA{Start: 0, Accept: []bool{false, false, false, true},
			Next: [][]int{{1, 2}, {3, -1}, {3, 3}, {-1, -1}}},
		Start:  []float64{0.6, 0.4},
		Rows:   [][]float64{{0.1, 0.9}, {0.5, 0.5}},
		EOS:    -1,
		MaxLen: 2,
	}
}

// abc is (ab|c)+ over a, b, c and EOS = 3, at most 5 tokens, with a fixed
// bigram; golden values from the brute force in
// testdata/golden/constrain_bruteforce.py (every string checked by
// Python's re.fullmatch).
func abc() constrained.Problem {
	return constrained.Problem{
		DFA: constrained.DFA{Start: 0, Accept: []bool{false, false, true},
			Next: [][]int{{1, -1, 2, -1}, {-1, 2, -1, -1}, {1, -1, 2, -1}}},
		Start:  []float64{0.5, 0.2, 0.3, 0},
		Rows:   [][]float64{{0.1, 0.3, 0.2, 0.4}, {0.3, 0.1, 0.4, 0.2}, {0.25, 0.25, 0.1, 0.4}},
		EOS:    3,
		MaxLen: 5,
	}
}

func TestMaskedSoftmax(t *testing.T) {
	for _, c := range []struct {
		name    string
		logits  []float64
		allowed []bool
		want    []float64
	}{
		{"renormalised over the allowed tokens: softmax(0, ln 3)", []float64{0, 2, math.Log(3), 1}, []bool{true, false, true, false}, []float64{0.25, 0, 0.75, 0}},
		{"a disallowed logit of 1e4 is ignored", []float64{1e4, 0, 0}, []bool{false, true, true}, []float64{0, 0.5, 0.5}},
		{"allowed logits of 1e4 (exp overflows without a shift)", []float64{1e4, 1e4 - math.Log(3), 0}, []bool{true, true, false}, []float64{0.75, 0.25, 0}},
		{"one allowed token gets everything", []float64{-50, 3, 7}, []bool{true, false, false}, []float64{1, 0, 0}},
	} {
		got := MaskedSoftmax(c.logits, c.allowed)
		if check.Finite(t, "MaskedSoftmax, "+c.name, got, maskLesson) {
			check.Slice(t, "MaskedSoftmax, "+c.name, got, c.want, 1e-12, maskLesson)
		}
	}
}

// The trap: an empty allowed set (or only −Inf logits allowed) has no
// distribution. Subtracting a maximum of −Inf gives NaN; the contract is nil.
func TestMaskedSoftmaxEmpty(t *testing.T) {
	inf := math.Inf(-1)
	for _, c := range []struct {
		name    string
		logits  []float64
		allowed []bool
	}{
		{"nothing allowed", []float64{1, 2, 3}, []bool{false, false, false}},
		{"only a −Inf logit allowed", []float64{inf, 2}, []bool{true, false}},
	} {
		got := MaskedSoftmax(c.logits, c.allowed)
		check.Invariant(t, "MaskedSoftmax, "+c.name+": nil, not NaN", got == nil, "got "+fmtSlice(got), maskLesson)
	}
}

// The trap: a token whose next state is not Dead but from which no accepted
// string can be finished in the tokens left must be masked too.
func TestAllowedLooksAhead(t *testing.T) {
	// aaa|b over a, b and EOS = 2: after "a" the state is alive but needs two more tokens.
	aaa := constrained.Problem{
		DFA: constrained.DFA{Start: 0, Accept: []bool{false, false, true, false},
			Next: [][]int{{1, 2, -1}, {3, -1, -1}, {-1, -1, -1}, {2, -1, -1}}},
		Start: []float64{0.9, 0.05, 0.05}, Rows: [][]float64{{0.5, 0.3, 0.2}, {0.5, 0.3, 0.2}, {0, 0, 1}}, EOS: 2, MaxLen: 3,
	}
	p := abc()
	for _, c := range []struct {
		name         string
		p            constrained.Problem
		state, tokns int
		want         []bool
	}{
		{"aaa|b, 3 tokens left: a and b", aaa, 0, 3, []bool{true, true, false}},
		{"aaa|b, 2 tokens left: only b (aaa needs 3)", aaa, 0, 2, []bool{false, true, false}},
		{"aaa|b after \"a\", 1 token left: nothing can finish", aaa, 1, 1, []bool{false, false, false}},
		{"(ab|c)+ at the start with 1 token left: c, not a (ab needs 2)", p, 0, 1, []bool{false, false, true, false}},
		{"(ab|c)+ at the start with 2 tokens left: a and c", p, 0, 2, []bool{true, false, true, false}},
		{"(ab|c)+ after \"a\" with 1 token left: b", p, 1, 1, []bool{false, true, false, false}},
		{"no tokens left: nothing", p, 2, 0, []bool{false, false, false, false}},
	} {
		got := Allowed(c.p, c.state, c.tokns)
		check.Invariant(t, "Allowed, "+c.name, slices.Equal(got, c.want), "expected "+fmtBools(c.want)+", got "+fmtBools(got), deadLesson)
	}
}

// EOS ends the string, so it is allowed exactly in accepting states.
func TestAllowedEOS(t *testing.T) {
	p := abc()
	for _, c := range []struct {
		name         string
		state, tokns int
		want         []bool
	}{
		{"after \"c\" (accepting), 2 left: a, c and EOS", 2, 2, []bool{true, false, true, true}},
		{"after \"c\" (accepting), 1 left: c and EOS", 2, 1, []bool{false, false, true, true}},
		{"after \"a\" (not accepting), 3 left: b only, no EOS", 1, 3, []bool{false, true, false, false}},
		{"at the start (the empty string is not accepted): no EOS", 0, 5, []bool{true, false, true, false}},
	} {
		got := Allowed(p, c.state, c.tokns)
		check.Invariant(t, "Allowed, "+c.name, slices.Equal(got, c.want), "expected "+fmtBools(c.want)+", got "+fmtBools(got), deadLesson)
	}
}

func TestSatisfy(t *testing.T) {
	w, p := worked(), abc()
	for _, c := range []struct {
		name                   string
		p                      constrained.Problem
		prev, state, remaining int
		want                   float64
	}{
		{"worked example, Z at the start: 0.6·0.1 + 0.4·1", w, -1, 0, 2, 0.46},
		{"worked example after a: Z(a) = p(a | a)", w, 0, 1, 1, 0.1},
		{"worked example after b: Z(b) = 1", w, 1, 2, 1, 1},
		{"worked example, string over and accepted", w, 0, 3, 0, 1},
		{"(ab|c)+ at the start, 5 tokens", p, -1, 0, 5, 0.21555000000000005},
		{"(ab|c)+ after \"c\", 4 left", p, 2, 2, 4, 0.48650000000000004},
		{"(ab|c)+ after \"a\", 4 left", p, 0, 1, 4, 0.1392},
		{"(ab|c)+ after \"a\", 0 left (not accepting)", p, 0, 1, 0, 0},
	} {
		check.Close(t, "Satisfy, "+c.name, Satisfy(c.p, c.prev, c.state, c.remaining), c.want, 1e-12, exactLesson)
	}
}

// The bias: a masked sampler draws the first token of the worked example
// with (0.6, 0.4); the exact conditional draws it with (0.06, 0.4)/0.46.
func TestExactNext(t *testing.T) {
	w, p := worked(), abc()
	for _, c := range []struct {
		name   string
		p      constrained.Problem
		prefix []int
		want   []float64
	}{
		{"worked example, first token (the mask gives 0.6, 0.4)", w, nil, []float64{0.06 / 0.46, 0.4 / 0.46}},
		{"worked example after a", w, []int{0}, []float64{1, 0}},
		{"worked example after b", w, []int{1}, []float64{0.5, 0.5}},
		{"(ab|c)+, first token (the mask gives 0.625, 0, 0.375, 0)", p, nil, []float64{0.3228949199721642, 0, 0.6771050800278359, 0}},
		{"(ab|c)+ after \"c\"", p, []int{2}, []float64{0.0755395683453237, 0, 0.10226104830421374, 0.8221993833504622}},
		{"(ab|c)+ after \"cc\"", p, []int{2, 2}, []float64{0.09045226130653267, 0, 0.10552763819095479, 0.8040201005025125}},
		{"(ab|c)+ after \"abc\"", p, []int{0, 1, 2}, []float64{0.14285714285714285, 0, 0.09523809523809523, 0.7619047619047619}},
	} {
		got := ExactNext(c.p, c.prefix)
		if check.Finite(t, "ExactNext, "+c.name, got, exactLesson) {
			check.Slice(t, "ExactNext, "+c.name, got, c.want, 1e-12, exactLesson)
		}
	}
	for _, c := range []struct {
		name   string
		prefix []int
	}{{"prefix \"b\" leaves the language", []int{1}}, {"prefix \"cabcc\": no tokens left", []int{2, 0, 1, 2, 2}}} {
		got := ExactNext(p, c.prefix)
		check.Invariant(t, "ExactNext, "+c.name+": nil", got == nil, "got "+fmtSlice(got), exactLesson)
	}
}

func fmtSlice(xs []float64) string { return fmt.Sprint(xs) }

func fmtBools(xs []bool) string { return fmt.Sprint(xs) }
