// Package calibration is exercise 10: Bayes' rule over discrete hypotheses,
// the expected calibration error of a classifier, temperature scaling fitted
// on held-out data, and the decision a calibrated probability drives.
package calibration

import "math"

// Posterior returns P(h | e) for every hypothesis h, given the prior P(h)
// and the likelihood P(e | h) of the observed evidence e under each h.
func Posterior(prior, likelihood []float64) []float64 {
	post := make([]float64, len(prior))
	evidence := 0.0
	for i := range prior {
		post[i] = prior[i] * likelihood[i]
		evidence += post[i]
	}
	for i := range post {
		post[i] /= evidence
	}
	return post
}

// ECE returns the expected calibration error with `bins` equal-width bins
// over [0, 1]: Σ_b (n_b / n) |mean confidence_b − accuracy_b|. A confidence
// c falls in bin min(⌊c · bins⌋, bins − 1), so c = 1 lands in the last bin.
// Empty bins contribute nothing.
func ECE(confidence []float64, correct []bool, bins int) float64 {
	count := make([]int, bins)
	confSum := make([]float64, bins)
	hits := make([]float64, bins)
	for i, c := range confidence {
		b := min(int(c*float64(bins)), bins-1)
		count[b]++
		confSum[b] += c
		if correct[i] {
			hits[b]++
		}
	}
	ece := 0.0
	for b, n := range count {
		if n > 0 {
			ece += math.Abs(confSum[b]-hits[b]) / float64(len(confidence))
		}
	}
	return ece
}

// FitTemperature returns the temperature T in [0.05, 20] that minimises the
// mean negative log-likelihood of the labels under softmax(logits[n] / T),
// to a relative precision of 1e-7 or better.
func FitTemperature(logits [][]float64, labels []int) float64 {
	// The NLL is convex in β = 1/T: golden-section search over β ∈ [1/20, 1/0.05].
	nll := func(beta float64) float64 {
		s := 0.0
		for n, row := range logits {
			s += logSumExp(row, beta) - beta*row[labels[n]]
		}
		return s / float64(len(logits))
	}
	invPhi := (math.Sqrt(5) - 1) / 2
	a, b := 1.0/20, 1.0/0.05
	for b-a > 1e-12 {
		c, d := b-invPhi*(b-a), a+invPhi*(b-a)
		if nll(c) <= nll(d) {
			b = d
		} else {
			a = c
		}
	}
	return 2 / (a + b)
}

// Split is a labelled set of examples: Logits[n] are example n's class
// logits and Labels[n] its true class.
type Split struct {
	Logits [][]float64
	Labels []int
}

// HeldOutCalibration evaluates temperature scaling honestly: it fits T on
// the calibration split and returns T together with the ECE (`bins` bins)
// of the evaluation split after scaling, where each example's confidence is
// the largest probability of softmax(z / T) and it is correct when that
// probability's class (the first one on a tie) is its label.
func HeldOutCalibration(calib, eval Split, bins int) (T, ece float64) {
	T = FitTemperature(calib.Logits, calib.Labels)
	conf := make([]float64, len(eval.Logits))
	correct := make([]bool, len(eval.Logits))
	for n, row := range eval.Logits {
		best := 0
		for i, z := range row {
			if z > row[best] {
				best = i
			}
		}
		// The top probability is exp(z_best/T − LSE(z/T)).
		conf[n] = math.Exp(row[best]/T - logSumExp(row, 1/T))
		correct[n] = best == eval.Labels[n]
	}
	return T, ECE(conf, correct, bins)
}

// logSumExp returns ln Σ exp(β·z_i), shifted by its maximum.
func logSumExp(z []float64, beta float64) float64 {
	m := math.Inf(-1)
	for _, v := range z {
		m = max(m, beta*v)
	}
	s := 0.0
	for _, v := range z {
		s += math.Exp(beta*v - m)
	}
	return m + math.Log(s)
}

// DecisionThreshold returns the probability p* for a cost matrix
// cost[a][y] (the cost of taking action a when the truth is y) such that,
// for a calibrated P(y = 1) = p, action 1 has the strictly lower expected
// cost exactly when p > p*. Action 1 is assumed better when y = 1 and worse
// when y = 0.
func DecisionThreshold(cost [2][2]float64) float64 {
	falseAlarm := cost[1][0] - cost[0][0] // extra cost of acting when y = 0
	miss := cost[0][1] - cost[1][1]       // extra cost of not acting when y = 1
	return falseAlarm / (falseAlarm + miss)
}

// ShiftBaseRate re-expresses a calibrated probability p = P(y=1 | x),
// measured in a population where P(y=1) = from, for a population where
// P(y=1) = to and the class-conditional distributions P(x | y) are the same.
// It returns the new P(y=1 | x).
func ShiftBaseRate(p, from, to float64) float64 {
	odds := (p / from) / ((1 - p) / (1 - from)) * (to / (1 - to))
	return odds / (1 + odds)
}
