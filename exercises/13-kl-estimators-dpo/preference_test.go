package preference_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

const (
	klLesson      = check.Lesson("lessons/13-kl-estimators-dpo.md, section “Estimating KL from samples”")
	penaltyLesson = check.Lesson("lessons/13-kl-estimators-dpo.md, section “From estimate to penalty: PPO and GRPO”")
	dpoLesson     = check.Lesson("lessons/13-kl-estimators-dpo.md, section “DPO: the same optimum from preferences”")
)

// q4 is the sampling policy and p4 the reference of the exact-expectation tests.
var q4, p4 = []float64{0.5, 0.3, 0.15, 0.05}, []float64{0.2, 0.2, 0.3, 0.3}

func TestKLEstimatorsGolden(t *testing.T) {
	for _, c := range []struct{ r, k1, k2, k3 float64 }{
		{-2, 2, 2, 1.1353352832366128},
		{-0.5, 0.5, 0.125, 0.10653065971263342},
		{0, 0, 0, 0},
		{0.3, -0.3, 0.045, 0.049858807576003084},
		{1.5, -1.5, 1.125, 1.981689070338065},
	} {
		check.Close(t, fmt.Sprintf("K1(r=%v)", c.r), K1(c.r), c.k1, 1e-12, klLesson)
		check.Close(t, fmt.Sprintf("K2(r=%v)", c.r), K2(c.r), c.k2, 1e-12, klLesson)
		check.Close(t, fmt.Sprintf("K3(r=%v)", c.r), K3(c.r), c.k3, 1e-12, klLesson)
	}
}

func TestK3NonNegativeAndPrecise(t *testing.T) {
	for r := -20.0; r <= 20; r += 0.25 {
		k := K3(r)
		check.Invariant(t, "k3 = (e^r − 1) − r ≥ 0 for every sample", k >= 0, fmt.Sprintf("K3(%v) = %v", r, k), klLesson)
	}
	// (e^r − 1) − r ≈ r²/2 for tiny r; computing e^r − 1 with math.Exp loses every digit.
	// Golden values far from 0, where ½ r² is no approximation at all.
	check.Close(t, "K3(−20)", K3(-20), 19.000000002061153, 1e-12, klLesson)
	check.Close(t, "K3(5)", K3(5), 142.4131591025766, 1e-12, klLesson)
	r := 1e-10
	got := K3(r)
	if math.Abs(got-r*r/2) > 1e-6*r*r/2 {
		t.Errorf("K3(1e-10):\n    expected %.6g\n    got      %.6g\n    e^r − 1 cancels catastrophically near 0: use math.Expm1\n    %v", r*r/2, got, klLesson)
	}
}

// TestKLEstimatorsUnbiased takes the exact mean of each estimator over the
// four tokens of q (no sampling noise): k1 and k3 must average to
// KL(q‖p) = 0.38622 exactly, k2 to 0.35085 (biased). Golden values: NumPy.
func TestKLEstimatorsUnbiased(t *testing.T) {
	var m1, m2, m3 float64
	for x := range q4 {
		r := math.Log(p4[x]) - math.Log(q4[x])
		m1 += q4[x] * K1(r)
		m2 += q4[x] * K2(r)
		m3 += q4[x] * K3(r)
	}
	check.Close(t, "E_q[k1] over q = [0.5 0.3 0.15 0.05], p = [0.2 0.2 0.3 0.3] (unbiased: KL(q‖p))", m1, 0.3862248478241322, 1e-12, klLesson)
	check.Close(t, "E_q[k3] over the same q and p (unbiased: KL(q‖p), not KL(p‖q) = 0.4811)", m3, 0.3862248478241322, 1e-12, klLesson)
	check.Close(t, "E_q[k2] over the same q and p (biased)", m2, 0.3508514953466686, 1e-12, klLesson)
}

func TestK3LossGradient(t *testing.T) {
	// Golden values: PyTorch autograd of Σ_x q(x).detach() · k3(x; θ) (exercises/tools/golden.py).
	// An unbiased estimate of the KL does not give the KL's gradient: ∇_θ KL(q‖p) would be
	// [0.2650 0.0058 −0.1619 −0.1089] here, which is what k2 in the loss gives.
	check.Slice(t, "K3LossGradient(q = [0.5 0.3 0.15 0.05], p = [0.2 0.2 0.3 0.3])", K3LossGradient(q4, p4),
		[]float64{0.29999999999999993, 0.09999999999999996, -0.14999999999999997, -0.24999999999999997}, 1e-12, penaltyLesson)
	check.Slice(t, "K3LossGradient(q = [0.7 0.2 0.1], p = [0.5 0.25 0.25])", K3LossGradient([]float64{0.7, 0.2, 0.1}, []float64{0.5, 0.25, 0.25}),
		[]float64{0.19999999999999993, -0.04999999999999999, -0.14999999999999994}, 1e-12, penaltyLesson)
	zero := K3LossGradient([]float64{0.6, 0.4}, []float64{0.6, 0.4})
	check.Slice(t, "K3LossGradient at q = p (the penalty's minimum)", zero, []float64{0, 0}, 1e-15, penaltyLesson)
}

func TestDPOLossGolden(t *testing.T) {
	// Golden values: -torch.nn.functional.logsigmoid(beta * margin).
	for _, c := range []struct{ pc, pr, rc, rr, beta, want float64 }{
		{-12, -15, -13, -14, 0.1, 0.5981388693815918},
		{-20, -18, -19, -19.5, 0.5, 1.501929081345373},
		{-5, -5, -5, -5, 0.2, math.Ln2},
	} {
		check.Close(t, fmt.Sprintf("DPOLoss(πc=%v, πr=%v, refc=%v, refr=%v, β=%v)", c.pc, c.pr, c.rc, c.rr, c.beta),
			DPOLoss(c.pc, c.pr, c.rc, c.rr, c.beta), c.want, 1e-12, dpoLesson)
	}
}

func TestDPOLossExtreme(t *testing.T) {
	check.Close(t, "DPOLoss with β·margin = 1e4 (a clear win costs nothing)", DPOLoss(0, -1e5, 0, 0, 0.1), 0, 1e-12, dpoLesson)
	check.Close(t, "DPOLoss with β·margin = −1e4 (ln(1 + e^1e4) overflows: use max(−z,0) + log1p(e^−|z|))",
		DPOLoss(-1e5, 0, 0, 0, 0.1), 1e4, 1e-12, dpoLesson)
	for _, h := range []float64{-3, -0.5, 0.7, 4} {
		a, b := DPOLoss(h, 0, 0, 0, 0.5), DPOLoss(0, h, 0, 0, 0.5)
		check.Invariant(t, "L(h) − L(−h) = −β h (swapping chosen and rejected)", math.Abs((a-b)-(-0.5*h)) < 1e-12,
			fmt.Sprintf("margin %v: L(h) = %v, L(−h) = %v", h, a, b), dpoLesson)
	}
}
