// Mutant: MutualInformation returns the constant 0, the trivial answer that passed the old independence-only test.
// Package mutualinfo is exercise 11: marginals and mutual information of a
// discrete joint distribution.

//go:build ignore

package mutualinfo

import "math"

// MutualInformation returns I(X; Y) = Σ p(x,y) ln(p(x,y) / (p(x) p(y))) in
// nats, that is KL(P(X,Y) ‖ P(X)P(Y)). Cells with p(x,y) = 0 contribute 0.
// It is 0 exactly when X and Y are independent and symmetric in X and Y.
func MutualInformation(joint [][]float64) float64 {
	_ = math.Log
	return 0
}
