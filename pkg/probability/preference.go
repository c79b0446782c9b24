package probability

import (
	"fmt"
	"math"
)

// Sigmoid returns the logistic function σ(x) = 1 / (1 + e^(−x)), in (0, 1)
// for finite x, evaluated without overflow for any x (e^(−x) is only formed for
// x ≥ 0). σ(−x) = 1 − σ(x).
func Sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// LogSigmoid returns ln σ(x) = −ln(1 + e^(−x)), computed as
//
//	min(x, 0) − ln1p(e^(−|x|)),
//
// which neither overflows for large negative x (where ln σ(x) ≈ x) nor loses
// the tiny value −e^(−x) for large positive x.
func LogSigmoid(x float64) float64 {
	return min(x, 0) - math.Log1p(math.Exp(-math.Abs(x)))
}

// The KL estimators below follow Schulman's "Approximating KL divergence"
// note: to estimate KL(q ‖ p) = E_{x∼q}[ln q(x) − ln p(x)] from samples x ∼ q,
// average one of k1, k2, k3 of the per-sample log-ratio ln r = ln p(x) − ln q(x).
// In RLHF q is the policy being trained, p the frozen reference, and the
// samples are the policy's own tokens.

// KLEstimatorK1 returns k1 = −ln r, where logRatio = ln r = ln p(x) − ln q(x)
// for a sample x ∼ q. Its mean is exactly KL(q ‖ p) (unbiased) but single
// samples are often negative and its variance is high.
func KLEstimatorK1(logRatio float64) float64 { return -logRatio }

// KLEstimatorK2 returns k2 = ½ (ln r)², where logRatio = ln r for a sample
// x ∼ q. It is never negative and has low variance, but is biased: its mean is
// an f-divergence that matches KL(q ‖ p) only to second order as p → q.
func KLEstimatorK2(logRatio float64) float64 { return 0.5 * logRatio * logRatio }

// KLEstimatorK3 returns k3 = (r − 1) − ln r, where logRatio = ln r for a sample
// x ∼ q. E_q[r − 1] = 0, so k3 is unbiased like k1, and r − 1 ≥ ln r makes
// every sample ≥ 0 with low variance (the estimator GRPO uses). It is evaluated
// as expm1(ln r) − ln r to keep precision when r ≈ 1.
func KLEstimatorK3(logRatio float64) float64 { return math.Expm1(logRatio) - logRatio }

// preferenceMargin returns the implicit reward margin of DPO,
//
//	h = (ln πθ(y_w|x) − ln π_ref(y_w|x)) − (ln πθ(y_l|x) − ln π_ref(y_l|x)),
//
// after checking that β is a finite positive number.
func preferenceMargin(fn string, policyChosen, policyRejected, refChosen, refRejected, beta float64) float64 {
	if !(beta > 0) || math.IsInf(beta, 1) {
		panic(fmt.Sprintf("probability: %s: beta = %v, want a finite β > 0", fn, beta))
	}
	return (policyChosen - refChosen) - (policyRejected - refRejected)
}

// DPOLoss returns the Direct Preference Optimisation loss for one preference
// pair, in nats:
//
//	L = −ln σ(β h),  h = (ln πθ(y_w) − ln π_ref(y_w)) − (ln πθ(y_l) − ln π_ref(y_l)),
//
// where the arguments are sequence log-probabilities of the chosen (y_w) and
// rejected (y_l) answers under the policy πθ and the frozen reference π_ref. It
// is the Bradley–Terry negative log-likelihood with the implicit reward
// β ln(πθ/π_ref): minimising it reaches the same optimum as maximising
// E[r] − β KL(πθ ‖ π_ref), π*(y) ∝ π_ref(y) e^(r(y)/β), without sampling.
// At h = 0 (policy equals reference) L = ln 2.
//
// It panics unless β is finite and > 0.
func DPOLoss(policyChosen, policyRejected, refChosen, refRejected, beta float64) float64 {
	h := preferenceMargin("DPOLoss", policyChosen, policyRejected, refChosen, refRejected, beta)
	return -LogSigmoid(beta * h)
}

// DPOHingeLoss returns the hinge variant of DPO (as in SLiC): max(0, 1 − β h),
// with h the margin of [DPOLoss]. It stops pushing once the margin exceeds 1/β.
// It panics unless β is finite and > 0.
func DPOHingeLoss(policyChosen, policyRejected, refChosen, refRejected, beta float64) float64 {
	h := preferenceMargin("DPOHingeLoss", policyChosen, policyRejected, refChosen, refRejected, beta)
	return max(0, 1-beta*h)
}

// IPOLoss returns the Identity Preference Optimisation loss of Azar et al.:
// (h − 1/(2β))², with h the margin of [DPOLoss]. It regresses the margin to a
// finite target instead of pushing it to infinity, which keeps the policy near
// the reference when preferences are deterministic. It panics unless β is
// finite and > 0.
func IPOLoss(policyChosen, policyRejected, refChosen, refRejected, beta float64) float64 {
	h := preferenceMargin("IPOLoss", policyChosen, policyRejected, refChosen, refRejected, beta)
	d := h - 1/(2*beta)
	return d * d
}
