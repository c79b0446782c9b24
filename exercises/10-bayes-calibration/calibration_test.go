package calibration_test

import (
	"fmt"
	"testing"

	"github.com/bitsandlogits/course/exercises/10-bayes-calibration"
	"github.com/bitsandlogits/course/exercises/internal/check"
)

const (
	bayesLesson    = check.Lesson("lessons/10-bayes-calibration.md, section “The base-rate trap”")
	eceLesson      = check.Lesson("lessons/10-bayes-calibration.md, section “Calibration”")
	decisionLesson = check.Lesson("lessons/10-bayes-calibration.md, section “From a calibrated probability to a decision”")
	scalingLesson  = check.Lesson("lessons/10-bayes-calibration.md, sections “Temperature scaling” and “Pitfalls”")
)

// Two splits of 12 examples, 3 classes, from one seeded simulation of an
// over-confident model (exercises/tools/golden.py, section 10).
var (
	fitLogits = [][]float64{{-4.1, -2.7, -2.9}, {1.0, -0.9, 0.5}, {3.2, 3.2, 1.8}, {-1.7, -2.8, -3.1}, {-1.3, -0.2, -3.6}, {-4.3, 1.1, -6.9},
		{-0.7, 1.6, -3.7}, {-4.2, -2.9, 2.4}, {-0.5, -7.0, -1.6}, {3.8, 3.7, 2.4}, {-0.9, -6.9, 0.6}, {-0.7, 0.3, 5.8}}
	fitLabels  = []int{1, 2, 2, 2, 0, 1, 1, 2, 0, 0, 2, 1}
	evalLogits = [][]float64{{2.3, -0.5, -5.0}, {1.9, -1.3, -1.5}, {2.2, -8.2, -4.8}, {-1.6, 0.9, -2.5}, {-3.7, -3.9, -0.4}, {2.5, -5.4, -7.8},
		{-1.1, -1.4, -3.4}, {2.3, 3.0, -2.1}, {-1.3, 2.1, -1.6}, {-5.3, -0.3, -3.4}, {1.2, -1.9, -0.7}, {1.9, -0.5, -2.4}}
	evalLabels = []int{0, 0, 0, 0, 2, 0, 0, 1, 1, 1, 2, 0}
)

func TestPosteriorBaseRate(t *testing.T) {
	// 1% prevalence, 99% sensitivity, 5% false-positive rate: a positive test
	// leaves only a 1-in-6 chance of disease.
	got := Posterior([]float64{0.01, 0.99}, []float64{0.99, 0.05})
	check.Slice(t, "Posterior(prior [0.01 0.99], likelihood [0.99 0.05])", got, []float64{1.0 / 6, 5.0 / 6}, 1e-12, bayesLesson)
}

func TestPosteriorInvariants(t *testing.T) {
	lik := []float64{0.2, 0.6, 0.2, 0.4}
	uni := Posterior([]float64{0.25, 0.25, 0.25, 0.25}, lik)
	check.Slice(t, "Posterior with a uniform prior is the normalised likelihood", uni, []float64{0.2 / 1.4, 0.6 / 1.4, 0.2 / 1.4, 0.4 / 1.4}, 1e-12, bayesLesson)
	prior := []float64{0.5, 0, 0.3, 0.2}
	post := Posterior(prior, lik)
	check.Close(t, "sum of the posterior", check.Sum(post), 1, 1e-12, bayesLesson)
	check.Invariant(t, "a hypothesis with prior 0 keeps posterior 0", post[1] == 0, fmt.Sprintf("posterior %v", post), bayesLesson)
	scaled := Posterior(prior, []float64{2, 6, 2, 4})
	check.Slice(t, "Posterior is unchanged when every likelihood is scaled by the same constant", scaled, post, 1e-12, bayesLesson)
}

func TestECEGolden(t *testing.T) {
	conf := []float64{0.95, 0.9, 0.85, 0.7, 0.65, 0.6, 0.55, 0.3, 0.25, 1.0}
	correct := []bool{true, true, false, true, false, true, false, false, true, true}
	// Golden value: the same binning computed with NumPy (exercises/tools/golden.py).
	check.Close(t, "ECE with 5 bins", ECE(conf, correct, 5), 0.175, 1e-12, eceLesson)
}

func TestECEEdgeCases(t *testing.T) {
	check.Close(t, "ECE of confidence 0.75 with 3 of 4 correct (perfectly calibrated)",
		ECE([]float64{0.75, 0.75, 0.75, 0.75}, []bool{true, true, true, false}, 10), 0, 1e-12, eceLesson)
	check.Close(t, "ECE of confidence 1.0 and always wrong (c = 1 belongs to the last bin)",
		ECE([]float64{1, 1, 1}, []bool{false, false, false}, 10), 1, 1e-12, eceLesson)
	check.Close(t, "ECE of [0.1 0.9] both right, 2 bins",
		ECE([]float64{0.1, 0.9}, []bool{true, true}, 2), 0.5*0.9+0.5*0.1, 1e-12, eceLesson)
}

func TestDecisionThreshold(t *testing.T) {
	// No cost for correct actions: p* = C_FP / (C_FP + C_FN).
	check.Close(t, "DecisionThreshold: false alarm 1, miss 9", DecisionThreshold([2][2]float64{{0, 9}, {1, 0}}), 0.1, 1e-12, decisionLesson)
	check.Close(t, "DecisionThreshold: equal costs", DecisionThreshold([2][2]float64{{0, 1}, {1, 0}}), 0.5, 1e-12, decisionLesson)
	// Answer (action 1) or defer (action 0): deferring costs 1 whatever the truth, a wrong answer 4,
	// a right one 0; y = 1 means "the answer is right". Answer iff confidence > 1 − 1/4.
	check.Close(t, "DecisionThreshold: defer costs 1, a wrong answer 4", DecisionThreshold([2][2]float64{{1, 1}, {4, 0}}), 0.75, 1e-12, decisionLesson)
	// Costs on the diagonal too: (2 − 0.5) / ((2 − 0.5) + (7 − 1)) = 0.2.
	cost := [2][2]float64{{0.5, 7}, {2, 1}}
	th := DecisionThreshold(cost)
	check.Close(t, "DecisionThreshold([[0.5 7] [2 1]])", th, 0.2, 1e-12, decisionLesson)
	for _, p := range []float64{0.05, 0.19, 0.21, 0.6, 0.95} {
		act := p*cost[1][1]+(1-p)*cost[1][0] < p*cost[0][1]+(1-p)*cost[0][0]
		check.Invariant(t, "acting above the threshold is exactly when acting has the lower expected cost", act == (p > th),
			fmt.Sprintf("p = %v, threshold %v, acting cheaper: %v", p, th, act), decisionLesson)
	}
}

func TestShiftBaseRate(t *testing.T) {
	check.Close(t, "ShiftBaseRate(0.5, 30 % → 5 %)", ShiftBaseRate(0.5, 0.3, 0.05), 0.10937500000000003, 1e-12, decisionLesson)
	check.Close(t, "ShiftBaseRate(0.9, 50 % → 1 %)", ShiftBaseRate(0.9, 0.5, 0.01), 0.08333333333333337, 1e-12, decisionLesson)
	check.Close(t, "ShiftBaseRate with an unchanged base rate", ShiftBaseRate(0.37, 0.2, 0.2), 0.37, 1e-12, decisionLesson)
	// It must agree with Bayes' rule on the detector of the lesson: P = P(hall | flag) at base rate 5 %
	// becomes the posterior at base rate 1 %.
	at5 := Posterior([]float64{0.05, 0.95}, []float64{0.95, 0.10})[0]
	at1 := Posterior([]float64{0.01, 0.99}, []float64{0.95, 0.10})[0]
	check.Close(t, "ShiftBaseRate(P(hall | flag) at 5 %, 5 % → 1 %) = P(hall | flag) at 1 %", ShiftBaseRate(at5, 0.05, 0.01), at1, 1e-12, decisionLesson)
}

func TestECEWeightsBinsByCount(t *testing.T) {
	// Nine examples at 0.95, all right (gap 0.05), and one at 0.15, right (gap 0.85):
	// ECE = 0.9·0.05 + 0.1·0.85 = 0.13, not the unweighted mean of the two bins' gaps (0.45).
	conf := []float64{0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.15}
	correct := []bool{true, true, true, true, true, true, true, true, true, true}
	check.Close(t, "ECE: each bin's gap weighted by its share of the examples", ECE(conf, correct, 10), 0.13, 1e-12, eceLesson)
	// Over- and under-confidence in different bins must not cancel: |0.3 − 0| and |0.8 − 1| add up.
	check.Close(t, "ECE([0.3 0.8], [wrong right], 10 bins): gaps add, they do not cancel",
		ECE([]float64{0.3, 0.8}, []bool{false, true}, 10), 0.5*0.3+0.5*0.2, 1e-12, eceLesson)
}

func TestFitTemperatureGolden(t *testing.T) {
	// Golden values: scipy.optimize.minimize_scalar of the mean NLL (exercises/tools/golden.py).
	check.Close(t, "FitTemperature(calibration split)", FitTemperature(fitLogits, fitLabels), 2.9620079093810925, 1e-6, scalingLesson)
	check.Close(t, "FitTemperature(evaluation split)", FitTemperature(evalLogits, evalLabels), 1.3393158766241557, 1e-6, scalingLesson)
}

func TestHeldOutCalibration(t *testing.T) {
	T, ece := HeldOutCalibration(calibration.Split{Logits: fitLogits, Labels: fitLabels}, calibration.Split{Logits: evalLogits, Labels: evalLabels}, 4)
	// Fitting T on the evaluation split itself gives T = 1.339 and an ECE of 0.011: a calibration
	// nobody will see in production. The honest numbers are below.
	check.Close(t, "HeldOutCalibration: T is fitted on the calibration split, never on the evaluation split", T, 2.9620079093810925, 1e-6, scalingLesson)
	check.Close(t, "HeldOutCalibration: ECE (4 bins) of the evaluation split at that T", ece, 0.20013189469763462, 1e-6, scalingLesson)
}
