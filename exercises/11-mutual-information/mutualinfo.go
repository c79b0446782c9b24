// Package mutualinfo is exercise 11: marginals and mutual information of a
// discrete joint distribution.
package mutualinfo

// Marginals returns P(X) (row sums) and P(Y) (column sums) of the joint
// distribution joint[x][y] = P(X = x, Y = y).
func Marginals(joint [][]float64) (px, py []float64) {
	panic("TODO: implement Marginals (see README.md)")
}

// MutualInformation returns I(X; Y) in nats for the joint distribution
// joint[x][y] = P(X = x, Y = y): how far, in KL divergence, the joint is
// from the product of its own marginals. Cells with P(x, y) = 0 contribute
// nothing. It is 0 exactly when X and Y are independent.
func MutualInformation(joint [][]float64) float64 {
	panic("TODO: implement MutualInformation (see README.md)")
}
