// Mutant: MutualInformation uses log₂: the answer is in bits, the contract (and the lesson's first pitfall, mixing units) says nats.
// Package mutualinfo is exercise 11: marginals and mutual information of a
// discrete joint distribution.

//go:build ignore

package mutualinfo

import "math"

// MutualInformation returns I(X; Y) = Σ p(x,y) ln(p(x,y) / (p(x) p(y))) in
// nats, that is KL(P(X,Y) ‖ P(X)P(Y)). Cells with p(x,y) = 0 contribute 0.
// It is 0 exactly when X and Y are independent and symmetric in X and Y.
func MutualInformation(joint [][]float64) float64 {
	px, py := Marginals(joint)
	mi := 0.0
	for x, row := range joint {
		for y, p := range row {
			if p > 0 {
				mi += p * math.Log2(p/(px[x]*py[y]))
			}
		}
	}
	return mi
}
