package rows

import (
	"fmt"

	"github.com/bitsandlogits/course/pkg/probability"
)

// Estimator names one of Schulman's Monte-Carlo estimators of KL(q‖p)
// from samples x ~ q, given the log-ratio r = ln p(x) − ln q(x).
type Estimator int

const (
	K1 Estimator = iota // −r: unbiased, high variance, can be negative
	K2                  // ½r²: biased, low variance, ≥ 0
	K3                  // (eʳ − 1) − r: unbiased, low variance, ≥ 0
)

func (e Estimator) String() string {
	switch e {
	case K1:
		return "k1"
	case K2:
		return "k2"
	case K3:
		return "k3"
	}
	return fmt.Sprintf("Estimator(%d)", int(e))
}

// KLEstimate writes the per-sample estimate of KL(q‖p) by estimator e
// for each log-ratio rᵢ = ln p(xᵢ) − ln q(xᵢ) of sampled tokens; their mean
// estimates the KL. The formulas are probability.KLEstimatorK1/K2/K3,
// evaluated in float64.
//
// It panics if len(dst) ≠ len(logRatio) or e is unknown. Time O(n).
func KLEstimate(dst, logRatio []float32, e Estimator) {
	checkLen("KLEstimate", "dst", len(dst), len(logRatio))
	check.Estimator("KLEstimate", int(e))
	f := [...]func(float64) float64{probability.KLEstimatorK1, probability.KLEstimatorK2, probability.KLEstimatorK3}[e]
	for i, r := range logRatio {
		dst[i] = float32(f(float64(r)))
	}
}

// Preference names a pairwise preference loss on the DPO margin
// h = (πc − refc) − (πr − refr) of sequence log-probabilities.
type Preference int

const (
	DPO   Preference = iota // −ln σ(βh)
	Hinge                   // max(0, 1 − βh)
	IPO                     // (h − 1/(2β))²
)

func (p Preference) String() string {
	switch p {
	case DPO:
		return "dpo"
	case Hinge:
		return "hinge"
	case IPO:
		return "ipo"
	}
	return fmt.Sprintf("Preference(%d)", int(p))
}

// PreferenceLoss writes the loss of each preference pair i from the
// sequence log-probabilities of the chosen and rejected answers under the
// policy and the reference model, with strength β. The formulas are
// probability.DPOLoss, DPOHingeLoss and IPOLoss, evaluated in float64.
//
// It panics unless all five slices have the same length, β is finite and
// > 0, and kind is known. Time O(n).
func PreferenceLoss(dst, policyChosen, policyRejected, refChosen, refRejected []float32, beta float32, kind Preference) {
	n := len(dst)
	check.Preference("PreferenceLoss", n, policyChosen, policyRejected, refChosen, refRejected, beta, int(kind))
	f := [...]func(pc, pr, rc, rr, beta float64) float64{probability.DPOLoss, probability.DPOHingeLoss, probability.IPOLoss}[kind]
	for i := range dst {
		dst[i] = float32(f(float64(policyChosen[i]), float64(policyRejected[i]),
			float64(refChosen[i]), float64(refRejected[i]), float64(beta)))
	}
}
