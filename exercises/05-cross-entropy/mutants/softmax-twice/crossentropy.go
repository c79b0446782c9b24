// Mutant: the loss applies a softmax and then feeds those probabilities to the log-sum-exp as if they were logits: softmax twice (lesson 05, “Pitfalls”: probabilities to a loss that expects logits).

// Package crossentropy is exercise 05: cross-entropy between distributions,
// the cross-entropy loss on logits, and its gradient.
package crossentropy

import "math"

// CrossEntropy returns H(p, q) = −Σ p_i ln q_i in nats. Terms with p_i = 0
// contribute 0; a q_i = 0 where p_i > 0 makes the result +Inf.
func CrossEntropy(p, q []float64) float64 {
	h := 0.0
	for i, pi := range p {
		if pi > 0 {
			h -= pi * math.Log(q[i])
		}
	}
	return h
}

// Loss returns the cross-entropy loss of the logits against the one-hot
// target: −ln softmax(logits)[target] = LSE(logits) − logits[target],
// computed without overflow (finite for logits of ±1e4).
func Loss(logits []float64, target int) float64 {
	lse := logSumExp(logits)
	probs := make([]float64, len(logits))
	for i, v := range logits {
		probs[i] = math.Exp(v - lse)
	}
	return logSumExp(probs) - probs[target]
}

// Gradient returns ∂Loss/∂logits = softmax(logits) − onehot(target).
func Gradient(logits []float64, target int) []float64 {
	lse := logSumExp(logits)
	g := make([]float64, len(logits))
	for i, v := range logits {
		g[i] = math.Exp(v - lse)
	}
	g[target]--
	return g
}

func logSumExp(x []float64) float64 {
	m := math.Inf(-1)
	for _, v := range x {
		m = math.Max(m, v)
	}
	s := 0.0
	for _, v := range x {
		s += math.Exp(v - m)
	}
	return m + math.Log(s)
}
