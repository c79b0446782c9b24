// Package logitarith is exercise 22: logit arithmetic at decoding time —
// pointwise mutual information, classifier-free guidance on log-probabilities
// and contrastive decoding with its plausibility constraint.
package logitarith

import "math"

// logSoftmax returns z_i − ln Σ_j exp(z_j), shifted by the maximum so that
// nothing overflows; −Inf entries stay −Inf.
func logSoftmax(z []float64) []float64 {
	m := math.Inf(-1)
	for _, v := range z {
		m = max(m, v)
	}
	sum := 0.0
	for _, v := range z {
		sum += math.Exp(v - m)
	}
	lse := m + math.Log(sum)
	out := make([]float64, len(z))
	for i, v := range z {
		out[i] = v - lse
	}
	return out
}

// PMI returns ln p(x|c) − ln p(x) for every token: −Inf where p(x|c) = 0,
// also where p(x) = 0 too (never −Inf − (−Inf) = NaN).
func PMI(cond, uncond []float64) []float64 {
	out := make([]float64, len(cond))
	for i, lc := range cond {
		if math.IsInf(lc, -1) {
			out[i] = math.Inf(-1)
			continue
		}
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
		case math.IsInf(lc[i], -1):
			z[i] = math.Inf(-1)
		default:
			z[i] = lc[i] + gamma*(lc[i]-lu[i])
		}
	}
	return logSoftmax(z)
}

// Plausible reports p_expert(x) ≥ α·max_w p_expert(w) for every token,
// computed on logs: ln p(x) ≥ ln α + max_w ln p(w).
func Plausible(expert []float64, alpha float64) []bool {
	m := math.Inf(-1)
	for _, v := range expert {
		m = max(m, v)
	}
	keep := make([]bool, len(expert))
	for i, v := range expert {
		keep[i] = v >= math.Log(alpha)+m
	}
	return keep
}

// Contrastive returns contrastive decoding's distribution as normalised
// log-probabilities: ln p_expert − ln p_amateur on the tokens Plausible keeps
// (decided on the expert, before subtracting), −Inf elsewhere.
func Contrastive(expert, amateur []float64, alpha float64) []float64 {
	le, la := logSoftmax(expert), logSoftmax(amateur)
	keep := Plausible(le, alpha)
	z := make([]float64, len(le))
	for i := range z {
		z[i] = math.Inf(-1)
		if keep[i] {
			z[i] = le[i] - la[i]
		}
	}
	return logSoftmax(z)
}
