package probability

import (
	"fmt"
	"math"
)

// checkJoint panics unless joint is a non-empty rectangular table of
// non-negative numbers summing to 1 within 1e-9.
func checkJoint(fn string, joint [][]float64) {
	if len(joint) == 0 || len(joint[0]) == 0 {
		panic(fmt.Sprintf("probability: %s: joint table is empty", fn))
	}
	sum := 0.0
	for i, row := range joint {
		if len(row) != len(joint[0]) {
			panic(fmt.Sprintf("probability: %s: joint table is ragged: row %d has %d columns, row 0 has %d", fn, i, len(row), len(joint[0])))
		}
		for j, v := range row {
			if !(v >= 0) {
				panic(fmt.Sprintf("probability: %s: joint[%d][%d] = %v is not a probability", fn, i, j, v))
			}
			sum += v
		}
	}
	if math.Abs(sum-1) > sumTolerance {
		panic(fmt.Sprintf("probability: %s: joint table sums to %v, not 1", fn, sum))
	}
}

// Marginals returns the marginal distributions of a joint table whose rows are
// the values of X and whose columns are the values of Y:
//
//	P(X = i) = Σⱼ joint[i][j],  P(Y = j) = Σᵢ joint[i][j].
//
// It panics unless joint is a rectangular, non-negative table summing to 1.
// Time O(|X|·|Y|).
func Marginals(joint [][]float64) (px, py []float64) {
	return marginals("Marginals", joint)
}

// marginals is Marginals reporting bad tables in the name of fn.
func marginals(fn string, joint [][]float64) (px, py []float64) {
	checkJoint(fn, joint)
	px = make([]float64, len(joint))
	py = make([]float64, len(joint[0]))
	for i, row := range joint {
		for j, v := range row {
			px[i] += v
			py[j] += v
		}
	}
	return px, py
}

// MutualInformation returns the information X and Y share, in nats, from
// their joint table (rows: values of X, columns: values of Y):
//
//	I(X; Y) = Σᵢⱼ P(i,j) ln( P(i,j) / (P(i) P(j)) )
//	        = KL( P(X,Y) ‖ P(X)P(Y) ) = H(X) − H(X | Y) = H(Y) − H(Y | X).
//
// It is 0 exactly when X and Y are independent and at most min(H(X), H(Y)),
// reached when one determines the other. Cells with P(i,j) = 0 contribute 0.
// Rounding is clamped at 0 as in [KLDivergence].
//
// It panics unless joint is a rectangular, non-negative table summing to 1
// within 1e-9. Time O(|X|·|Y|).
func MutualInformation(joint [][]float64) float64 {
	px, py := marginals("MutualInformation", joint)
	mi := 0.0
	for i, row := range joint {
		for j, v := range row {
			if v > 0 {
				mi += v * math.Log(v/px[i]/py[j])
			}
		}
	}
	return max(mi, 0)
}

// ConditionalEntropy returns H(X | Y) in nats, the uncertainty left in X once Y
// is known, from the joint table (rows: X, columns: Y):
//
//	H(X | Y) = −Σᵢⱼ P(i,j) ln( P(i,j) / P(j) ) = H(X, Y) − H(Y).
//
// 0 ≤ H(X | Y) ≤ H(X): conditioning never adds uncertainty on average.
// It panics on the bad tables described for [MutualInformation]. Time O(|X|·|Y|).
func ConditionalEntropy(joint [][]float64) float64 {
	_, py := marginals("ConditionalEntropy", joint)
	h := 0.0
	for _, row := range joint {
		for j, v := range row {
			if v > 0 {
				h -= v * math.Log(v/py[j])
			}
		}
	}
	return max(h, 0)
}
