// Mutant: the loss applies a softmax and then feeds those probabilities to the log-sum-exp as if they were logits: softmax twice (lesson 05, “Pitfalls”: probabilities to a loss that expects logits).

//go:build ignore

package crossentropy

import "math"

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
