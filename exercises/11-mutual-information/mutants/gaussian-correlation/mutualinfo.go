// Mutant: MutualInformation computed from the correlation with the Gaussian formula −½ ln(1 − ρ²): the lesson's pitfall "MI is not correlation".
// Package mutualinfo is exercise 11: marginals and mutual information of a
// discrete joint distribution.

//go:build ignore

package mutualinfo

import "math"

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
