// Mutant: the gradient with the wrong sign, onehot − softmax: gradient descent would then push the target's logit down (lesson 05, “The gradient”).

//go:build ignore

package crossentropy

import "math"

// Gradient returns ∂Loss/∂logits = softmax(logits) − onehot(target).
func Gradient(logits []float64, target int) []float64 {
	lse := logSumExp(logits)
	g := make([]float64, len(logits))
	for i, v := range logits {
		g[i] = math.Exp(v - lse)
	}
	for i := range g {
		g[i] = -g[i]
	}
	g[target]++
	return g
}
