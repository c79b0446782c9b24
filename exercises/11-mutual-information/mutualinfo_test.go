package mutualinfo_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

const (
	lesson   = check.Lesson("lessons/11-mutual-information.md, section “Three equal definitions”")
	pitfalls = check.Lesson("lessons/11-mutual-information.md, section “Pitfalls” (units; MI is not correlation)")
)

var j3 = [][]float64{{0.2, 0, 0.1}, {0, 0.3, 0.1}, {0.1, 0.1, 0.1}}

func TestMarginals(t *testing.T) {
	px, py := Marginals(j3)
	check.Slice(t, "P(X) = row sums of the joint", px, []float64{0.3, 0.4, 0.3}, 1e-12, lesson)
	check.Slice(t, "P(Y) = column sums of the joint", py, []float64{0.3, 0.4, 0.3}, 1e-12, lesson)
	px, py = Marginals([][]float64{{0.1, 0.2, 0.3}, {0.4, 0, 0}})
	check.Slice(t, "P(X) of a 2×3 joint", px, []float64{0.6, 0.4}, 1e-12, lesson)
	check.Slice(t, "P(Y) of a 2×3 joint", py, []float64{0.5, 0.2, 0.3}, 1e-12, lesson)
}

func TestMIGolden(t *testing.T) {
	// Golden values: NumPy (exercises/tools/golden.py).
	check.Close(t, "MutualInformation([[0.3 0.1] [0.1 0.5]])", MutualInformation([][]float64{{0.3, 0.1}, {0.1, 0.5}}), 0.17774088384195016, 1e-12, lesson)
	check.Close(t, "MutualInformation of a joint with zero cells (0·log 0 = 0)", MutualInformation(j3), 0.3434279804088234, 1e-12, lesson)
	// Rows and columns have different marginals here: p(x) must come from the row, p(y) from the column.
	check.Close(t, "MutualInformation([[0.1 0.2 0.1] [0 0.05 0.25] [0.2 0.05 0.05]])",
		MutualInformation([][]float64{{0.1, 0.2, 0.1}, {0, 0.05, 0.25}, {0.2, 0.05, 0.05}}), 0.27757433580492663, 1e-12, lesson)
}

func TestMIIndependent(t *testing.T) {
	px, py := []float64{0.2, 0.8}, []float64{0.5, 0.3, 0.2}
	joint := make([][]float64, len(px))
	for x := range px {
		joint[x] = make([]float64, len(py))
		for y := range py {
			joint[x][y] = px[x] * py[y]
		}
	}
	mi := MutualInformation(joint)
	check.Invariant(t, "I(X;Y) = 0 when P(X,Y) = P(X)P(Y)", math.Abs(mi) < 1e-12, fmt.Sprintf("got %v for an independent joint", mi), lesson)
	// Nearly independent is not independent: a small, exact, positive number (NumPy, golden.py).
	check.Close(t, "MutualInformation([[0.25 0.25] [0.2 0.3]]) (close to, but not, independent)",
		MutualInformation([][]float64{{0.25, 0.25}, {0.2, 0.3}}), 0.005059389928987596, 1e-15, lesson)
}

func TestMIDependence(t *testing.T) {
	diag := [][]float64{{0.25, 0, 0, 0}, {0, 0.25, 0, 0}, {0, 0, 0.25, 0}, {0, 0, 0, 0.25}}
	check.Close(t, "MutualInformation of Y = X uniform over 4 values (= H(X) = ln 4)", MutualInformation(diag), math.Log(4), 1e-12, lesson)
	tr := make([][]float64, 3)
	for y := range tr {
		tr[y] = []float64{j3[0][y], j3[1][y], j3[2][y]}
	}
	check.Close(t, "I(Y;X) must equal I(X;Y) (symmetry)", MutualInformation(tr), MutualInformation(j3), 1e-12, lesson)
	rect := [][]float64{{0.1, 0.2, 0.3}, {0.4, 0, 0}}
	mi := MutualInformation(rect)
	hx := -(0.6*math.Log(0.6) + 0.4*math.Log(0.4))
	check.Invariant(t, "0 ≤ I(X;Y) ≤ H(X)", mi > 0 && mi <= hx+1e-12, fmt.Sprintf("I = %v, H(X) = %v for a 2×3 joint", mi, hx), lesson)
	check.Close(t, "MutualInformation([[0.1 0.2 0.3] [0.4 0 0]])", mi, 0.42281045524016236, 1e-12, lesson)
}

func TestMINotCorrelation(t *testing.T) {
	// X uniform on {−1, 0, 1} (rows), Y = X² in {0, 1} (columns): the correlation of X and Y is 0,
	// yet Y is a function of X, so I(X;Y) = H(Y) = H(1/3, 2/3) = 0.6365 nats.
	joint := [][]float64{{0, 1.0 / 3}, {1.0 / 3, 0}, {0, 1.0 / 3}}
	check.Close(t, "MutualInformation of X uniform on {−1,0,1} and Y = X² (uncorrelated, yet dependent)",
		MutualInformation(joint), 0.6365141682948128, 1e-12, pitfalls)
}

func TestMIUnits(t *testing.T) {
	// X uniform on 8 values, Y = X mod 2: Y is a function of X, so I(X;Y) = H(Y) = 1 bit = ln 2 nats.
	joint := make([][]float64, 8)
	for x := range joint {
		joint[x] = make([]float64, 2)
		joint[x][x%2] = 1.0 / 8
	}
	check.Close(t, "MutualInformation of X uniform on 8 values and Y = X mod 2, in nats (1 bit = ln 2 nats)",
		MutualInformation(joint), math.Ln2, 1e-12, pitfalls)
}
