package calibration_test

import (
	"fmt"
	"testing"

	"github.com/bitsandlogits/course/exercises/10-bayes-calibration"
	"github.com/bitsandlogits/course/exercises/internal/check"
)

const (
	bayesLesson = check.Lesson("lessons/10-bayes-calibration.md, section “The base-rate trap”")
	eceLesson   = check.Lesson("lessons/10-bayes-calibration.md, section “Calibration”")
)

func TestPosteriorBaseRate(t *testing.T) {
	// 1% prevalence, 99% sensitivity, 5% false-positive rate: a positive test
	// leaves only a 1-in-6 chance of disease.
	got := calibration.Posterior([]float64{0.01, 0.99}, []float64{0.99, 0.05})
	check.Slice(t, "Posterior(prior [0.01 0.99], likelihood [0.99 0.05])", got, []float64{1.0 / 6, 5.0 / 6}, 1e-12, bayesLesson)
}

func TestPosteriorInvariants(t *testing.T) {
	lik := []float64{0.2, 0.6, 0.2, 0.4}
	uni := calibration.Posterior([]float64{0.25, 0.25, 0.25, 0.25}, lik)
	check.Slice(t, "Posterior with a uniform prior is the normalised likelihood", uni, []float64{0.2 / 1.4, 0.6 / 1.4, 0.2 / 1.4, 0.4 / 1.4}, 1e-12, bayesLesson)
	prior := []float64{0.5, 0, 0.3, 0.2}
	post := calibration.Posterior(prior, lik)
	check.Close(t, "sum of the posterior", check.Sum(post), 1, 1e-12, bayesLesson)
	check.Invariant(t, "a hypothesis with prior 0 keeps posterior 0", post[1] == 0, fmt.Sprintf("posterior %v", post), bayesLesson)
	scaled := calibration.Posterior(prior, []float64{2, 6, 2, 4})
	check.Slice(t, "Posterior is unchanged when every likelihood is scaled by the same constant", scaled, post, 1e-12, bayesLesson)
}

func TestECEGolden(t *testing.T) {
	conf := []float64{0.95, 0.9, 0.85, 0.7, 0.65, 0.6, 0.55, 0.3, 0.25, 1.0}
	correct := []bool{true, true, false, true, false, true, false, false, true, true}
	// Golden value: the same binning computed with NumPy (exercises/tools/golden.py).
	check.Close(t, "ECE with 5 bins", calibration.ECE(conf, correct, 5), 0.175, 1e-12, eceLesson)
}

func TestECEEdgeCases(t *testing.T) {
	check.Close(t, "ECE of confidence 0.75 with 3 of 4 correct (perfectly calibrated)",
		calibration.ECE([]float64{0.75, 0.75, 0.75, 0.75}, []bool{true, true, true, false}, 10), 0, 1e-12, eceLesson)
	check.Close(t, "ECE of confidence 1.0 and always wrong (c = 1 belongs to the last bin)",
		calibration.ECE([]float64{1, 1, 1}, []bool{false, false, false}, 10), 1, 1e-12, eceLesson)
	check.Close(t, "ECE of [0.1 0.9] both right, 2 bins",
		calibration.ECE([]float64{0.1, 0.9}, []bool{true, true}, 2), 0.5*0.9+0.5*0.1, 1e-12, eceLesson)
}
