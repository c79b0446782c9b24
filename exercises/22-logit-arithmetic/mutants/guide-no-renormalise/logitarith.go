// Mutant: Guide returns ln p(x|c) + γ·PMI without subtracting ln Z, so the row does not sum to 1.

//go:build ignore

package logitarith

import "math"

// Guide returns classifier-free guidance as normalised log-probabilities:
// ln p_γ(x) = ln p(x|c) + γ·(ln p(x|c) − ln p(x)) − ln Z. The rows may be
// logits (unnormalised). γ = 0 gives softmax(cond), γ = −1 softmax(uncond);
// for γ > −1 a token with cond −Inf gets −Inf.
func Guide(cond, uncond []float64, gamma float64) []float64 {
	lc, lu := logSoftmax(cond), logSoftmax(uncond)
	z := make([]float64, len(cond))
	for i := range z {
		switch {
		case gamma == -1:
			z[i] = lu[i]
		case math.IsInf(lc[i], -1):
			z[i] = math.Inf(-1)
		default:
			z[i] = lc[i] + gamma*(lc[i]-lu[i])
		}
	}
	return z
}
