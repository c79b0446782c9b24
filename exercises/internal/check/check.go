// Package check holds the assertions shared by the graded exercise tests.
// Every failure message says what was expected, what was got, which
// property broke, and where in the lessons the idea is explained, so a
// failing test teaches instead of just saying "wrong".
//
// Submissions cannot import this package (the grader's import allow-list
// refuses it) and the grader always uses its own pristine copy.
package check

import (
	"fmt"
	"math"
	"testing"
)

// Lesson names a lesson section, e.g. "lessons/02-softmax.md, section “log-sum-exp”".
type Lesson string

func (l Lesson) String() string { return "see " + string(l) }

// Close fails unless got is within tol of want, measured relative to
// max(1, |want|). Infinities must match exactly; NaN never matches.
func Close(t testing.TB, what string, got, want, tol float64, l Lesson) {
	t.Helper()
	if !near(got, want, tol) {
		t.Errorf("%s:\n    expected %.17g\n    got      %.17g%s\n    %v", what, want, got, diff(got, want, tol), l)
	}
}

// Slice checks got against want element by element with Close's rule.
func Slice(t testing.TB, what string, got, want []float64, tol float64, l Lesson) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: expected a slice of length %d, got length %d (%v)\n    %v", what, len(want), len(got), got, l)
		return
	}
	for i := range want {
		if !near(got[i], want[i], tol) {
			t.Errorf("%s: element %d is wrong\n    expected %v\n    got      %v%s\n    %v", what, i, want, got, diff(got[i], want[i], tol), l)
			return
		}
	}
}

// Invariant fails with the name of the broken property when ok is false.
func Invariant(t testing.TB, property string, ok bool, detail string, l Lesson) {
	t.Helper()
	if !ok {
		t.Errorf("invariant broken: %s\n    %s\n    %v", property, detail, l)
	}
}

// Finite fails when any element of xs is NaN or ±Inf: the usual sign of an
// overflowing exp or a 0·log 0 evaluated as 0·(−Inf).
func Finite(t testing.TB, what string, xs []float64, l Lesson) bool {
	t.Helper()
	for i, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			t.Errorf("%s: element %d is %v, want a finite number (overflow or 0·log 0?)\n    got %v\n    %v", what, i, x, xs, l)
			return false
		}
	}
	return true
}

// Kept returns the indices of the tokens a filter kept: those whose filtered
// logit is not −Inf.
func Kept(filtered []float64) []int {
	var idx []int
	for i, v := range filtered {
		if !math.IsInf(v, -1) {
			idx = append(idx, i)
		}
	}
	return idx
}

// Sum returns Σ xs.
func Sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// Unchanged fails when a function modified its input slice.
func Unchanged(t testing.TB, what string, got, original []float64) {
	t.Helper()
	for i := range original {
		if got[i] != original[i] && !(math.IsNaN(got[i]) && math.IsNaN(original[i])) {
			t.Errorf("%s modified its input: element %d was %v, is now %v (return a new slice instead)", what, i, original[i], got[i])
			return
		}
	}
}

func near(got, want, tol float64) bool {
	if math.IsNaN(got) || math.IsNaN(want) {
		return false
	}
	if math.IsInf(want, 0) || math.IsInf(got, 0) {
		return got == want
	}
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

func diff(got, want, tol float64) string {
	if math.IsNaN(got) || math.IsInf(got, 0) || math.IsInf(want, 0) {
		return ""
	}
	return fmt.Sprintf("\n    |got − want| = %.3g > tolerance %.1g", math.Abs(got-want), tol*math.Max(1, math.Abs(want)))
}
