package preference_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/bitsandlogits/course/exercises/13-kl-estimators-dpo"
	"github.com/bitsandlogits/course/exercises/internal/check"
)

const (
	klLesson  = check.Lesson("lessons/13-kl-estimators-dpo.md, section “Estimating KL from samples”")
	dpoLesson = check.Lesson("lessons/13-kl-estimators-dpo.md, section “DPO: the same optimum from preferences”")
)

func TestKLEstimatorsGolden(t *testing.T) {
	for _, c := range []struct{ r, k1, k2, k3 float64 }{
		{-2, 2, 2, 1.1353352832366128},
		{-0.5, 0.5, 0.125, 0.10653065971263342},
		{0, 0, 0, 0},
		{0.3, -0.3, 0.045, 0.049858807576003084},
		{1.5, -1.5, 1.125, 1.981689070338065},
	} {
		check.Close(t, fmt.Sprintf("K1(r=%v)", c.r), preference.K1(c.r), c.k1, 1e-12, klLesson)
		check.Close(t, fmt.Sprintf("K2(r=%v)", c.r), preference.K2(c.r), c.k2, 1e-12, klLesson)
		check.Close(t, fmt.Sprintf("K3(r=%v)", c.r), preference.K3(c.r), c.k3, 1e-12, klLesson)
	}
}

func TestK3NonNegativeAndPrecise(t *testing.T) {
	for r := -20.0; r <= 20; r += 0.25 {
		k := preference.K3(r)
		check.Invariant(t, "k3 = (e^r − 1) − r ≥ 0 for every sample", k >= 0, fmt.Sprintf("K3(%v) = %v", r, k), klLesson)
	}
	// (e^r − 1) − r ≈ r²/2 for tiny r; computing e^r − 1 with math.Exp loses every digit.
	r := 1e-10
	got := preference.K3(r)
	if math.Abs(got-r*r/2) > 1e-6*r*r/2 {
		t.Errorf("K3(1e-10):\n    expected %.6g\n    got      %.6g\n    e^r − 1 cancels catastrophically near 0: use math.Expm1\n    %v", r*r/2, got, klLesson)
	}
}

// TestKLEstimatorsUnbiased draws x ~ q = N(0, 1) with p = N(0.5, 1): then
// r = ln p(x) − ln q(x) = 0.5x − 0.125 and KL(q‖p) = 0.125. With 200 000
// seeded samples the means of k1 and k3 must be within 0.01 (≈ 9 standard
// errors) of 0.125; k2 is biased: its mean is E[r²]/2 = 0.1328125.
func TestKLEstimatorsUnbiased(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 13))
	const n = 200_000
	var s1, s2, s3 float64
	for range n {
		r := 0.5*rng.NormFloat64() - 0.125
		s1 += preference.K1(r)
		s2 += preference.K2(r)
		s3 += preference.K3(r)
	}
	check.Close(t, "mean of k1 over samples (unbiased for KL = 0.125)", s1/n, 0.125, 0.01, klLesson)
	check.Close(t, "mean of k3 over samples (unbiased for KL = 0.125)", s3/n, 0.125, 0.01, klLesson)
	check.Close(t, "mean of k2 over samples (biased: E[r²]/2)", s2/n, 0.1328125, 0.01, klLesson)
}

func TestDPOLossGolden(t *testing.T) {
	// Golden values: -torch.nn.functional.logsigmoid(beta * margin).
	for _, c := range []struct{ pc, pr, rc, rr, beta, want float64 }{
		{-12, -15, -13, -14, 0.1, 0.5981388693815918},
		{-20, -18, -19, -19.5, 0.5, 1.501929081345373},
		{-5, -5, -5, -5, 0.2, math.Ln2},
	} {
		check.Close(t, fmt.Sprintf("DPOLoss(πc=%v, πr=%v, refc=%v, refr=%v, β=%v)", c.pc, c.pr, c.rc, c.rr, c.beta),
			preference.DPOLoss(c.pc, c.pr, c.rc, c.rr, c.beta), c.want, 1e-12, dpoLesson)
	}
}

func TestDPOLossExtreme(t *testing.T) {
	check.Close(t, "DPOLoss with β·margin = 1e4 (a clear win costs nothing)", preference.DPOLoss(0, -1e5, 0, 0, 0.1), 0, 1e-12, dpoLesson)
	check.Close(t, "DPOLoss with β·margin = −1e4 (ln(1 + e^1e4) overflows: use max(−z,0) + log1p(e^−|z|))",
		preference.DPOLoss(-1e5, 0, 0, 0, 0.1), 1e4, 1e-12, dpoLesson)
	for _, h := range []float64{-3, -0.5, 0.7, 4} {
		a, b := preference.DPOLoss(h, 0, 0, 0, 0.5), preference.DPOLoss(0, h, 0, 0, 0.5)
		check.Invariant(t, "L(h) − L(−h) = −β h (swapping chosen and rejected)", math.Abs((a-b)-(-0.5*h)) < 1e-12,
			fmt.Sprintf("margin %v: L(h) = %v, L(−h) = %v", h, a, b), dpoLesson)
	}
}
