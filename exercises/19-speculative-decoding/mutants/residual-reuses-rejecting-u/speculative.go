// Mutant: the residual draw reuses u[i], the uniform that just rejected the draft;
// given a rejection it lies in [min(1, p/q), 1), not uniform in [0, 1), so the replacement is biased.

// Package speculative is exercise 19: the verifier of speculative decoding —
// the acceptance test min(1, p/q), the residual max(0, p − q)/Z a rejected
// draft is replaced from, one round with its bonus token, and the expected
// number of tokens a round yields.
package speculative

// AcceptProb returns the probability min(1, p/q) that a token drafted with
// draft probability q is kept when the target gives it probability p:
// 1 when q = 0 < p (the ratio is +Inf), 0 when p = 0 (even if q = 0 too).
func AcceptProb(p, q float64) float64 {
	if p <= 0 {
		return 0
	}
	if p >= q {
		return 1
	}
	return p / q
}

// Residual returns r(x) = max(0, p(x) − q(x)) / Z, Z = Σ max(0, p − q), the
// distribution a rejected draft is replaced from; a copy of p when Z = 0
// (p = q: no rejection can happen).
func Residual(p, q []float64) []float64 {
	r := make([]float64, len(p))
	z := 0.0
	for i := range p {
		r[i] = max(0, p[i]-q[i])
		z += r[i]
	}
	if z == 0 {
		copy(r, p)
		return r
	}
	for i := range r {
		r[i] /= z
	}
	return r
}

// Draw returns the token at u ∈ [0, 1) of the inverse CDF of dist: the
// smallest i with dist[0] + … + dist[i] > u (the last token with positive
// probability if rounding leaves the sum at or below u). dist must sum to 1.
// It is given, not graded.
func Draw(dist []float64, u float64) int {
	cum, last := 0.0, -1
	for i, p := range dist {
		if p <= 0 {
			continue
		}
		cum += p
		last = i
		if cum > u {
			return i
		}
	}
	return last
}

// VerifyRound verifies k = len(drafts) drafted tokens. q[i] is the draft's
// distribution drafts[i] was drawn from, p[i] the target's at the same
// position, and p[k] the target's after all k drafts; u holds k + 1 uniforms
// in [0, 1). Draft i is kept when u[i] < AcceptProb(p[i][x], q[i][x]). At
// the first rejection, position i, the round returns drafts[:i] followed by
// Draw(Residual(p[i], q[i]), u[k]); when all k pass, it returns the k drafts
// followed by the bonus token Draw(p[k], u[k]).
func VerifyRound(p, q [][]float64, drafts []int, u []float64) []int {
	k := len(drafts)
	out := make([]int, 0, k+1)
	for i, x := range drafts {
		if u[i] >= AcceptProb(p[i][x], q[i][x]) {
			return append(out, Draw(Residual(p[i], q[i]), u[i]))
		}
		out = append(out, x)
	}
	return append(out, Draw(p[k], u[k]))
}

// ExpectedTokens returns the expected number of tokens one round yields when
// draft i is accepted with probability alphas[i], independently:
//
//	E = Σ_{i=0..k} Π_{j<i} α_j = 1 + α₀ + α₀α₁ + … + α₀⋯α_{k−1},
//
// the accepted drafts plus the one token the target always adds.
func ExpectedTokens(alphas []float64) float64 {
	e, reach := 1.0, 1.0
	for _, a := range alphas {
		reach *= a
		e += reach
	}
	return e
}
