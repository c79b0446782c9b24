package probability

import (
	"fmt"
	"math"
)

// ReliabilityBin is one bar of a reliability diagram: the predictions whose
// confidence fell in (Lo, Hi], their mean confidence and the fraction of them
// that were correct. A calibrated model has Accuracy ≈ Confidence in every bin.
type ReliabilityBin struct {
	Lo, Hi     float64 // confidence interval (Lo, Hi]; the first bin also holds 0
	Confidence float64 // mean confidence of the predictions in the bin (NaN if empty)
	Accuracy   float64 // fraction of those predictions that were correct (NaN if empty)
	Count      int     // number of predictions in the bin
}

// ReliabilityDiagram sorts predictions into bins equal-width bins of
// confidence, (0, 1/bins], (1/bins, 2/bins], …, with confidence 0 in the first
// bin, as in Guo et al. (2017), and returns each bin's mean confidence and
// accuracy. confidence[i] is the probability the model gave its prediction i;
// correct[i] says whether that prediction was right.
//
// It panics on mismatched lengths, empty input, bins < 1, or a confidence
// outside [0, 1]. Time O(n + bins).
func ReliabilityDiagram(confidence []float64, correct []bool, bins int) []ReliabilityBin {
	if len(confidence) != len(correct) {
		panic(fmt.Sprintf("probability: ReliabilityDiagram: length mismatch: %d confidences, %d outcomes", len(confidence), len(correct)))
	}
	checkNonEmpty("ReliabilityDiagram", "confidence", confidence)
	if bins < 1 {
		panic(fmt.Sprintf("probability: ReliabilityDiagram: bins = %d, want ≥ 1", bins))
	}
	out := make([]ReliabilityBin, bins)
	for b := range out {
		out[b].Lo = float64(b) / float64(bins)
		out[b].Hi = float64(b+1) / float64(bins)
	}
	for i, c := range confidence {
		if !(c >= 0 && c <= 1) { // format the name only to report a bad value
			checkProbability("ReliabilityDiagram", fmt.Sprintf("confidence[%d]", i), c)
		}
		b := max(int(math.Ceil(c*float64(bins)))-1, 0)
		out[b].Count++
		out[b].Confidence += c
		if correct[i] {
			out[b].Accuracy++
		}
	}
	for b := range out {
		n := float64(out[b].Count)
		out[b].Confidence /= n // 0/0 = NaN marks an empty bin
		out[b].Accuracy /= n
	}
	return out
}

// ExpectedCalibrationError returns the expected calibration error over bins
// equal-width confidence bins:
//
//	ECE = Σ_b (n_b / N) · |accuracy_b − confidence_b|,
//
// the average gap between how sure the model said it was and how often it was
// right, weighted by how many predictions fell in each bin (empty bins count 0).
// It lies in [0, 1]; 0 means perfectly calibrated at this resolution. ECE
// depends on the number of bins (15 is a common choice) and is biased upwards on
// small samples.
//
// It panics on the bad input described for [ReliabilityDiagram]. Time O(n + bins).
func ExpectedCalibrationError(confidence []float64, correct []bool, bins int) float64 {
	ece := 0.0
	for _, b := range ReliabilityDiagram(confidence, correct, bins) {
		if b.Count > 0 {
			ece += float64(b.Count) * math.Abs(b.Accuracy-b.Confidence)
		}
	}
	return ece / float64(len(confidence))
}

// FitTemperature returns the temperature T > 0 that minimises the mean
// negative log-likelihood of the labels under softmax(logits/T):
//
//	NLL(T) = (1/N) Σₙ [ LogSumExp(zₙ/T) − z_{n,yₙ}/T ],
//
// which is temperature scaling (Guo et al., 2017): one parameter fitted on
// held-out data, leaving the argmax — and so the accuracy — unchanged while
// fixing over- or under-confidence. NLL is convex in β = 1/T, so a golden-
// section search over ln β ∈ [−9, 9] (T between about 1.2e-4 and 8100) finds the
// minimum to a relative precision of about 1e-9; the result is clamped to that
// range when the optimum lies outside it (e.g. logits that separate the labels
// perfectly, whose NLL keeps falling as T → 0).
//
// It panics on an empty set, mismatched lengths, labels out of range, or the
// bad logits described for [Softmax]. Time O(N·V) per evaluation, about 50
// evaluations.
func FitTemperature(logits [][]float64, labels []int) float64 {
	if len(logits) == 0 || len(logits) != len(labels) {
		panic(fmt.Sprintf("probability: FitTemperature: %d logit rows and %d labels, want the same positive number", len(logits), len(labels)))
	}
	for n, y := range labels {
		if y < 0 || y >= len(logits[n]) {
			panic(fmt.Sprintf("probability: FitTemperature: labels[%d] = %d out of range [0, %d)", n, y, len(logits[n])))
		}
	}
	scaled := make([]float64, 0, len(logits[0]))
	nll := func(logBeta float64) float64 {
		beta := math.Exp(logBeta)
		sum := 0.0
		for n, row := range logits {
			scaled = scaled[:0]
			for _, z := range row {
				scaled = append(scaled, z*beta)
			}
			sum += CrossEntropyLoss(scaled, labels[n])
		}
		return sum / float64(len(logits))
	}
	return math.Exp(-goldenSectionMin(nll, -9, 9, 1e-9))
}

// goldenSectionMin returns the minimiser of a unimodal f on [a, b] to within
// tol, shrinking the bracket by 1/φ per evaluation.
func goldenSectionMin(f func(float64) float64, a, b, tol float64) float64 {
	invPhi := (math.Sqrt(5) - 1) / 2
	c, d := b-invPhi*(b-a), a+invPhi*(b-a)
	fc, fd := f(c), f(d)
	for b-a > tol {
		if fc <= fd {
			b, d, fd = d, c, fc
			c = b - invPhi*(b-a)
			fc = f(c)
		} else {
			a, c, fc = c, d, fd
			d = a + invPhi*(b-a)
			fd = f(d)
		}
	}
	return (a + b) / 2
}
