// Mutant: MutualInformation computed from the correlation with the Gaussian formula −½ ln(1 − ρ²): the lesson's pitfall "MI is not correlation".
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
	// Treat the indices as values and use the Gaussian formula −½ ln(1 − ρ²).
	var ex, ey, exx, eyy, exy float64
	for x, row := range joint {
		for y, p := range row {
			fx, fy := float64(x), float64(y)
			ex += p * fx
			ey += p * fy
			exx += p * fx * fx
			eyy += p * fy * fy
			exy += p * fx * fy
		}
	}
	rho := (exy - ex*ey) / math.Sqrt((exx-ex*ex)*(eyy-ey*ey))
	return -0.5 * math.Log(1-rho*rho)
}
