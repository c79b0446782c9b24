// Mutant: MutualInformation pairs p(x) with the column sums and p(y) with the row sums (px[y]·py[x]); on a table whose row and column marginals agree it looks right.
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
				mi += p * math.Log(p/(px[y]*py[x]))
			}
		}
	}
	return mi
}
