package kl_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

const (
	lesson   = check.Lesson("lessons/06-kl-divergence.md, section “Definition and properties”")
	jsLesson = check.Lesson("lessons/06-kl-divergence.md, section “Definition and properties” (Jensen–Shannon)")
)

var p, q = []float64{0.1, 0.4, 0.5}, []float64{0.3, 0.3, 0.4}

func TestKLGolden(t *testing.T) {
	// Golden values: scipy.special.rel_entr(p, q).sum().
	check.Close(t, "KL(p‖q), p=[0.1 0.4 0.5], q=[0.3 0.3 0.4]", KL(p, q), 0.11678337577100634, 1e-12, lesson)
	check.Close(t, "KL(q‖p) (KL is not symmetric: did you swap the arguments?)", KL(q, p), 0.15402164433921464, 1e-12, lesson)
}

func TestKLZeroHandling(t *testing.T) {
	a, b := []float64{0.5, 0.5, 0}, []float64{0.25, 0.25, 0.5}
	check.Close(t, "KL([0.5 0.5 0] ‖ [0.25 0.25 0.5]) (terms with p_i = 0 are 0)", KL(a, b), math.Ln2, 1e-12, lesson)
	check.Close(t, "KL([0.25 0.25 0.5] ‖ [0.5 0.5 0]) (q_i = 0 where p_i > 0)", KL(b, a), math.Inf(1), 0, lesson)
}

func TestKLInvariants(t *testing.T) {
	dists := [][]float64{p, q, {0.25, 0.25, 0.5}, {0.98, 0.01, 0.01}, {1.0 / 3, 1.0 / 3, 1.0 / 3}}
	// Golden values (scipy.special.rel_entr), so that a constant KL = 0,
	// which satisfies both invariants, scores nothing here.
	peaked, uniform := dists[3], dists[4]
	check.Close(t, "KL([0.98 0.01 0.01] ‖ uniform) = ln 3 − H(p)", KL(peaked, uniform), 0.9867102317771789, 1e-12, lesson)
	check.Close(t, "KL(uniform ‖ [0.98 0.01 0.01])", KL(uniform, peaked), 1.9782354044297907, 1e-12, lesson)
	for _, a := range dists {
		check.Close(t, fmt.Sprintf("KL(p‖p) for p=%v", a), KL(a, a), 0, 1e-15, lesson)
		for _, b := range dists {
			d := KL(a, b)
			check.Invariant(t, "KL(p‖q) ≥ 0 (Gibbs' inequality)", d >= 0, fmt.Sprintf("KL(%v ‖ %v) = %v", a, b, d), lesson)
		}
	}
}

func TestJS(t *testing.T) {
	// Golden values: scipy.spatial.distance.jensenshannon(p, q)**2 (natural log).
	check.Close(t, "JS(p, q), p=[0.1 0.4 0.5], q=[0.3 0.3 0.4]", JS(p, q), 0.0325296055222231, 1e-12, jsLesson)
	a, b := []float64{0.5, 0.5, 0}, []float64{0.25, 0.25, 0.5}
	check.Close(t, "JS([0.5 0.5 0], [0.25 0.25 0.5]) (finite even where KL is infinite)", JS(a, b), 0.21576155433883562, 1e-12, jsLesson)
	check.Close(t, "JS(q, p) must equal JS(p, q) (symmetry)", JS(q, p), JS(p, q), 1e-15, jsLesson)
	check.Close(t, "JS([1 0], [0 1]) (disjoint supports reach the maximum ln 2)", JS([]float64{1, 0}, []float64{0, 1}), math.Ln2, 1e-15, jsLesson)
}

// TestKLDivBatchMean grades PyTorch's conventions for F.kl_div: the model's
// log-probabilities come first, the divergence is KL(target ‖ model), and
// "batchmean" divides by the number of rows only.
func TestKLDivBatchMean(t *testing.T) {
	tl := check.Lesson("lessons/06-kl-divergence.md, section “Pitfalls” (argument order, F.kl_div)")
	logOf := func(rows [][]float64) [][]float64 {
		out := make([][]float64, len(rows))
		for r, row := range rows {
			for _, v := range row {
				out[r] = append(out[r], math.Log(v))
			}
		}
		return out
	}
	// Golden values: torch.nn.functional.kl_div(q.log(), target, reduction="batchmean").
	for _, c := range []struct {
		model, target [][]float64
		want          float64
	}{
		// One row: the lesson's KL(P‖Q) = 0.3734 for P = (0.7, 0.2, 0.1), Q = (0.3, 0.3, 0.4).
		{[][]float64{{0.3, 0.3, 0.4}}, [][]float64{{0.7, 0.2, 0.1}}, 0.37338604453742064},
		// Two rows, a target with a zero: "mean" would give 0.13498842605515862 (÷ B·V).
		{[][]float64{{0.3, 0.3, 0.4}, {0.25, 0.25, 0.5}}, [][]float64{{0.1, 0.4, 0.5}, {0.5, 0.5, 0}}, 0.40496527816547584},
	} {
		got := KLDivBatchMean(logOf(c.model), c.target)
		check.Close(t, fmt.Sprintf("KLDivBatchMean(input = log %v, target = %v)", c.model, c.target), got, c.want, 1e-12, tl)
	}
}
