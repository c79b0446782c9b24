package logprobs_test

import (
	"math"
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

// Rounded logprobs summing to 1 + 1e-9 with V > k: the tail is 0, so both
// bounds are the known part — finite, never NaN from the log of a negative
// tail. And a larger vocabulary only raises the upper bound.
func TestBoundsEdgeCases(t *testing.T) {
	b := EntropyBoundsBits(logs(0.5, 0.5+1e-9), 8)
	check.Close(t, "EntropyBoundsBits(ln 0.5, ln(0.5 + 1e-9)), V = 8: Lo", b.Lo, 1, 1e-8, tailLesson)
	check.Close(t, "EntropyBoundsBits(ln 0.5, ln(0.5 + 1e-9)), V = 8: Hi", b.Hi, 1, 1e-8, tailLesson)
	small, large := EntropyBoundsBits(logs(0.5, 0.2), 6), EntropyBoundsBits(logs(0.5, 0.2), 100006)
	check.Close(t, "EntropyBoundsBits: Lo does not depend on V", large.Lo, small.Lo, 1e-12, boundsLesson)
	check.Close(t, "EntropyBoundsBits(ln 0.5, ln 0.2), V = 100006: Hi = known − m·log₂(m/r)", large.Hi,
		-(0.5*math.Log2(0.5) + 0.2*math.Log2(0.2) + 0.3*math.Log2(0.3/100004)), 1e-12, boundsLesson)
	r := RenormalisedBoundsBits([]float64{0, -inf}, 5)
	check.Close(t, "RenormalisedBoundsBits(0, −Inf), V = 5: Lo", r.Lo, 0, 1e-12, unitsLesson)
	check.Close(t, "RenormalisedBoundsBits(0, −Inf), V = 5: Hi (nothing can hide below p̃_min = 0)", r.Hi, 0, 1e-12, unitsLesson)
	check.Close(t, "RenormalisedBoundsBits(0, −Inf), V = 5: MaxTail", r.MaxTail, 0, 1e-12, unitsLesson)
}
