// Mutant: MutualInformation returns the constant 0, the trivial answer that passed the old independence-only test.
// Package mutualinfo is exercise 11: marginals and mutual information of a
// discrete joint distribution.
package mutualinfo

import "math"

// Marginals returns P(X) (row sums) and P(Y) (column sums) of the joint
// distribution joint[x][y] = P(X = x, Y = y).
func Marginals(joint [][]float64) (px, py []float64) {
	px = make([]float64, len(joint))
	py = make([]float64, len(joint[0]))
	for x, row := range joint {
		for y, p := range row {
			px[x] += p
			py[y] += p
		}
	}
	return px, py
}

// MutualInformation returns I(X; Y) = Σ p(x,y) ln(p(x,y) / (p(x) p(y))) in
// nats, that is KL(P(X,Y) ‖ P(X)P(Y)). Cells with p(x,y) = 0 contribute 0.
// It is 0 exactly when X and Y are independent and symmetric in X and Y.
func MutualInformation(joint [][]float64) float64 {
	_ = math.Log
	return 0
}
