package probability

import (
	"fmt"
	"math"
)

// sumTolerance is how far from 1 the sum of a distribution may drift through
// rounding before it is rejected. Summing 10⁶ float64 values accumulates at
// most about 10⁻¹⁰ of error, so 1e-9 rejects only genuinely unnormalised input.
const sumTolerance = 1e-9

// checkNonEmpty panics if x is empty.
func checkNonEmpty(fn, name string, x []float64) {
	if len(x) == 0 {
		panic(fmt.Sprintf("probability: %s: %s is empty", fn, name))
	}
}

// checkSameLength panics if p and q differ in length.
func checkSameLength(fn string, p, q []float64) {
	if len(p) != len(q) {
		panic(fmt.Sprintf("probability: %s: length mismatch: len(p) = %d, len(q) = %d", fn, len(p), len(q)))
	}
}

// checkDistribution panics unless p is a probability vector: non-empty, every
// entry a non-negative number, entries summing to 1 within sumTolerance.
func checkDistribution(fn, name string, p []float64) {
	checkNonEmpty(fn, name, p)
	sum := 0.0
	for i, v := range p {
		if !(v >= 0) { // also catches NaN
			panic(fmt.Sprintf("probability: %s: %s[%d] = %v is not a probability", fn, name, i, v))
		}
		sum += v
	}
	if math.Abs(sum-1) > sumTolerance {
		panic(fmt.Sprintf("probability: %s: %s sums to %v, not 1", fn, name, sum))
	}
}

// checkProbability panics unless 0 ≤ p ≤ 1.
func checkProbability(fn, name string, p float64) {
	if !(p >= 0 && p <= 1) {
		panic(fmt.Sprintf("probability: %s: %s = %v is outside [0, 1]", fn, name, p))
	}
}
