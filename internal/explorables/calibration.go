package explorables

import (
	"math/rand/v2"

	"github.com/bitsandlogits/course/pkg/probability"
	"github.com/bitsandlogits/course/pkg/sampling"
)

// The calibration data of chapter 10's notebook: 20,000 examples over 10
// classes whose true logits are 1.5·N(0, 1); the model's logits are 2.5 times
// the true ones (over-confident); labels are drawn from the true softmax.
const (
	CalibrationClasses  = 10
	CalibrationExamples = 20_000
	CalibrationBins     = 15
	calibrationSharpen  = 2.5
	calibrationSeed     = 10
)

// CalibrationData is chapter 10's simulated classifier, split in a
// calibration half (for fitting T) and a test half (for the diagram).
type CalibrationData struct {
	Logits  [][]float64
	Labels  []int
	FittedT float64 // probability.FitTemperature on the calibration half
}

// NewCalibrationData simulates chapter 10's data (SimulateCalibration) and
// fits the temperature on the first half.
func NewCalibrationData() *CalibrationData {
	d := SimulateCalibration()
	half := CalibrationExamples / 2
	d.FittedT = probability.FitTemperature(d.Logits[:half], d.Labels[:half])
	return d
}

// SimulateCalibration simulates chapter 10's data (seed 10, as its
// notebook), leaving FittedT 0. The site fits T at build time and hands it
// to the page, because the fit (about 50 passes over 10,000 rows) would
// delay the page by seconds.
func SimulateCalibration() *CalibrationData {
	rng := rand.New(rand.NewPCG(calibrationSeed, calibrationSeed))
	d := &CalibrationData{}
	for range CalibrationExamples {
		z := make([]float64, CalibrationClasses)
		m := make([]float64, CalibrationClasses)
		for k := range z {
			z[k] = 1.5 * rng.NormFloat64()
			m[k] = calibrationSharpen * z[k]
		}
		d.Logits = append(d.Logits, m)
		d.Labels = append(d.Labels, sampling.Categorical(probability.Softmax(z), rng.Float64()))
	}
	return d
}

// Calibration is the reliability diagram of the test half at one temperature.
type Calibration struct {
	T        float64                      `json:"t"`
	FittedT  float64                      `json:"fitted_t"`
	ECE      float64                      `json:"ece"`
	Accuracy float64                      `json:"accuracy"`
	MeanConf float64                      `json:"mean_conf"`
	Bins     []probability.ReliabilityBin `json:"-"`
	BinsJSON []Bin                        `json:"bins"`
}

// Bin is a ReliabilityBin with NaN (empty bin) as null-free zeros.
type Bin struct {
	Lo         float64 `json:"lo"`
	Hi         float64 `json:"hi"`
	Confidence float64 `json:"conf"`
	Accuracy   float64 `json:"acc"`
	Count      int     `json:"count"`
}

// At returns the test half's reliability diagram and ECE under
// softmax(logits/t), with CalibrationBins bins.
func (d *CalibrationData) At(t float64) Calibration {
	test, labels := d.Logits[CalibrationExamples/2:], d.Labels[CalibrationExamples/2:]
	conf := make([]float64, len(test))
	correct := make([]bool, len(test))
	right := 0
	for n, z := range test {
		p := probability.SoftmaxTemperature(z, t)
		k := probability.Argmax(p)
		conf[n], correct[n] = p[k], k == labels[n]
		if correct[n] {
			right++
		}
	}
	c := Calibration{T: t, FittedT: d.FittedT,
		ECE:      probability.ExpectedCalibrationError(conf, correct, CalibrationBins),
		Accuracy: float64(right) / float64(len(test)),
		Bins:     probability.ReliabilityDiagram(conf, correct, CalibrationBins)}
	for _, x := range conf {
		c.MeanConf += x / float64(len(conf))
	}
	for _, b := range c.Bins {
		j := Bin{Lo: b.Lo, Hi: b.Hi, Count: b.Count}
		if b.Count > 0 {
			j.Confidence, j.Accuracy = b.Confidence, b.Accuracy
		}
		c.BinsJSON = append(c.BinsJSON, j)
	}
	return c
}

// The KL-estimator setting of chapter 13's notebook: q = softmax(qLogits),
// p = softmax(qLogits + β·direction), samples x ~ q, log-ratio ln p(x) − ln q(x).
var (
	klQLogits    = []float64{2, 1.5, 1, 0.5, 0, 0, -0.5, -1, -1.5, -2}
	klDirection  = []float64{-1, 1, -0.5, 0.5, 0, 1, -1, 0.5, 0, -0.5}
	klEstimators = []func(float64) float64{probability.KLEstimatorK1, probability.KLEstimatorK2, probability.KLEstimatorK3}
)

// Estimator is one KL estimator's exact moments and one seeded N-sample estimate.
type Estimator struct {
	Name     string  `json:"name"`
	Mean     float64 `json:"mean"`     // E_q[k], exact
	Bias     float64 `json:"bias"`     // E_q[k] − KL(q‖p)
	Variance float64 `json:"variance"` // Var of the N-sample average: Var_q[k]/N
	Estimate float64 `json:"estimate"` // the average over N seeded samples
}

// KLEstimates is what the KL-estimator explorable displays.
type KLEstimates struct {
	Beta       float64     `json:"beta"`
	N          int         `json:"n"`
	KL         float64     `json:"kl"` // exact KL(q‖p)
	Estimators []Estimator `json:"estimators"`
}

// KLEstimators returns k1, k2 and k3's exact bias and N-sample variance for
// the shift β, and their averages over n samples x ~ q drawn with seed.
func KLEstimators(beta float64, n int, seed uint64) KLEstimates {
	zp := make([]float64, len(klQLogits))
	for i := range zp {
		zp[i] = klQLogits[i] + beta*klDirection[i]
	}
	q, p := probability.Softmax(klQLogits), probability.Softmax(zp)
	lq, lp := probability.LogSoftmax(klQLogits), probability.LogSoftmax(zp)
	r := KLEstimates{Beta: beta, N: n, KL: probability.KLDivergence(q, p)}
	rng := rand.New(rand.NewPCG(seed, 0))
	samples := make([]int, n)
	for i := range samples {
		samples[i] = sampling.Categorical(q, rng.Float64())
	}
	for e, k := range klEstimators {
		est := Estimator{Name: []string{"k1", "k2", "k3"}[e]}
		for i, w := range q {
			est.Mean += w * k(lp[i]-lq[i])
		}
		v := 0.0
		for i, w := range q {
			d := k(lp[i]-lq[i]) - est.Mean
			v += w * d * d
		}
		est.Bias, est.Variance = est.Mean-r.KL, v/float64(n)
		for _, x := range samples {
			est.Estimate += k(lp[x]-lq[x]) / float64(n)
		}
		r.Estimators = append(r.Estimators, est)
	}
	return r
}
