package rlhf_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

const lesson = check.Lesson("lessons/17-dpo-vs-rlhf.md, section “One optimum, two roads”")

func TestOptimalPolicyGolden(t *testing.T) {
	// β = 0.5, rewards (1, 0), uniform reference: π* = (e², 1)/(e² + 1).
	check.Slice(t, "OptimalPolicy([0.5 0.5], [1 0], 0.5)", OptimalPolicy([]float64{0.5, 0.5}, []float64{1, 0}, 0.5),
		[]float64{0.8807970779778824, 0.11920292202211755}, 1e-12, lesson)
	// Computed with NumPy: ref·exp(r/β) / Σ.
	check.Slice(t, "OptimalPolicy([0.5 0.3 0.15 0.05], [0 1 2 −1], 0.7)",
		OptimalPolicy([]float64{0.5, 0.3, 0.15, 0.05}, []float64{0, 1, 2, -1}, 0.7),
		[]float64{0.11427111562437578, 0.2860937736494332, 0.596896591596717, 0.002738519129473966}, 1e-12, lesson)
}

func TestOptimalPolicyExtreme(t *testing.T) {
	got := OptimalPolicy([]float64{0.25, 0.25, 0.5, 0}, []float64{900, 1000, 1000, 5000}, 0.5)
	if !check.Finite(t, "OptimalPolicy with r/β up to 10⁴ (exp overflows without a shift)", got, lesson) {
		return
	}
	// r/β = 1800, 2000, 2000: the first is e^-200 times smaller; π_ref = 0 stays 0.
	check.Slice(t, "OptimalPolicy([0.25 0.25 0.5 0], [900 1000 1000 5000], 0.5)", got, []float64{0, 1.0 / 3, 2.0 / 3, 0}, 1e-12, lesson)
	small := OptimalPolicy([]float64{0.7, 0.2, 0.1}, []float64{0, 0, 1}, 1e-3)
	check.Slice(t, "β → 0: all mass on the best response", small, []float64{0, 0, 1}, 1e-12, lesson)
	large := OptimalPolicy([]float64{0.7, 0.2, 0.1}, []float64{0, 0, 1}, 1e9)
	check.Slice(t, "β → ∞: the reference policy", large, []float64{0.7, 0.2, 0.1}, 1e-8, lesson)
}

func TestObjectiveGolden(t *testing.T) {
	ref, r := []float64{0.5, 0.5}, []float64{1, 0}
	// J(ref) = E_ref[r] = 0.5 (no KL); J(π*) = β ln Z = 0.5 ln((e² + 1)/2).
	check.Close(t, "Objective(π = π_ref)", Objective(ref, ref, r, 0.5), 0.5, 1e-12, lesson)
	check.Close(t, "Objective(π*) for β = 0.5, r = (1, 0), uniform π_ref",
		Objective([]float64{0.8807970779778824, 0.11920292202211755}, ref, r, 0.5), 0.7168904152415136, 1e-12, lesson)
	check.Close(t, "Objective([1 0]): reward 1, KL = ln 2", Objective([]float64{1, 0}, ref, r, 0.5), 1-0.5*math.Ln2, 1e-12, lesson)
	got := Objective([]float64{0.5, 0.5}, []float64{1, 0}, r, 0.5)
	check.Invariant(t, "mass where π_ref has none gives J = −Inf", math.IsInf(got, -1), fmt.Sprintf("Objective([0.5 0.5], ref [1 0]) = %v", got), lesson)
	check.Close(t, "OptimalValue([0.5 0.5], [1 0], 0.5) = β ln Z", OptimalValue(ref, r, 0.5), 0.7168904152415136, 1e-12, lesson)
	check.Close(t, "OptimalValue with r/β = 2000 (no overflow)", OptimalValue([]float64{0.5, 0.5}, []float64{1000, 0}, 0.5), 1000+0.5*math.Log(0.5), 1e-12, lesson)
}

// TestOptimumBeatsEveryPolicy checks J(π) = β ln Z − β KL(π ‖ π*) ≤ J(π*) on random problems.
func TestOptimumBeatsEveryPolicy(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 17))
	dist := func(n int) []float64 {
		p, s := make([]float64, n), 0.0
		for i := range p {
			p[i] = rng.ExpFloat64()
			s += p[i]
		}
		for i := range p {
			p[i] /= s
		}
		return p
	}
	for trial := range 200 {
		n := 2 + rng.IntN(8)
		ref, pi := dist(n), dist(n)
		r := make([]float64, n)
		for i := range r {
			r[i] = 3 * rng.NormFloat64()
		}
		beta := max(0.1, math.Exp(0.8*rng.NormFloat64())) // r/β stays below ~300: π* has no underflowed zero
		star := OptimalPolicy(ref, r, beta)
		best := OptimalValue(ref, r, beta)
		kl := 0.0
		for i := range pi {
			kl += pi[i] * math.Log(pi[i]/star[i])
		}
		check.Close(t, fmt.Sprintf("trial %d: J(π*) = β ln Z (β = %.3g)", trial, beta), Objective(star, ref, r, beta), best, 1e-9, lesson)
		check.Close(t, fmt.Sprintf("trial %d: J(π) = β ln Z − β KL(π‖π*) for a random π", trial), Objective(pi, ref, r, beta), best-beta*kl, 1e-9, lesson)
		if t.Failed() {
			return
		}
	}
}

const dpoLesson = check.Lesson("lessons/17-dpo-vs-rlhf.md, section “One optimum, two roads”, and lessons/13-kl-estimators-dpo.md, section “DPO: the same optimum from preferences”")

func TestDPOGradientGolden(t *testing.T) {
	// Golden values: PyTorch autograd of −logsigmoid(β·margin) through log_softmax (exercises/tools/golden.py).
	for _, c := range []struct {
		logits, ref      []float64
		chosen, rejected int
		beta             float64
		want             []float64
	}{
		{[]float64{0.5, -0.2, 1.0, 0.0}, []float64{0.25, 0.25, 0.3, 0.2}, 0, 2, 0.5, []float64{-0.269813262989102, 0, 0.269813262989102, 0}},
		{[]float64{2.0, 0.0, -1.0}, []float64{0.6, 0.3, 0.1}, 2, 0, 0.1, []float64{0.053016932008233646, 0, -0.053016932008233646}},
		{[]float64{0, 0}, []float64{0.5, 0.5}, 1, 0, 2, []float64{1, -1}},
	} {
		check.Slice(t, fmt.Sprintf("DPOGradient(logits %v, ref %v, chosen %d, rejected %d, β = %v)", c.logits, c.ref, c.chosen, c.rejected, c.beta),
			DPOGradient(c.logits, c.ref, c.chosen, c.rejected, c.beta), c.want, 1e-12, dpoLesson)
	}
}

func TestDPOGradientAtOptimum(t *testing.T) {
	// A pair the policy already ranks far above the reference contributes almost nothing:
	// β·margin = 0.5·40 = 20, so the weight σ(−20) ≈ 2e-9 — DPO's built-in brake.
	g := DPOGradient([]float64{20, -20, 0}, []float64{1.0 / 3, 1.0 / 3, 1.0 / 3}, 0, 1, 0.5)
	check.Close(t, "DPOGradient on the chosen logit when β·margin = 20", g[0], -0.5/(1+math.Exp(20)), 1e-12, dpoLesson)
	check.Close(t, "DPOGradient on a logit in neither response (π cancels out of the margin)", g[2], 0, 1e-15, dpoLesson)
	check.Close(t, "sum of DPOGradient (adding a constant to every logit changes nothing)", g[0]+g[1]+g[2], 0, 1e-15, dpoLesson)
}
