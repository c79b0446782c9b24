// Mutant: PMI and Guide subtract −Inf from −Inf for tokens both rows rule out, which gives NaN.

//go:build ignore

package logitarith

// PMI returns ln p(x|c) − ln p(x) for every token: −Inf where p(x|c) = 0,
// also where p(x) = 0 too (never −Inf − (−Inf) = NaN).
func PMI(cond, uncond []float64) []float64 {
	out := make([]float64, len(cond))
	for i, lc := range cond {
		out[i] = lc - uncond[i]
	}
	return out
}

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
		default:
			z[i] = lc[i] + gamma*(lc[i]-lu[i])
		}
	}
	return logSoftmax(z)
}
