package sampling

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// AcceptanceRate returns the probability that speculative decoding accepts
// one token drafted from q when the target is p:
//
//	α = Σₓ q(x) · min(1, p(x)/q(x)) = Σₓ min(p(x), q(x)) = 1 − TV(p, q),
//
// with TV(p, q) = ½ Σₓ |p(x) − q(x)| the total variation distance. It panics
// if p and q differ in length. Time O(V).
func AcceptanceRate(p, q []float64) float64 {
	checkPair("AcceptanceRate", p, q)
	var a float64
	for i := range p {
		a += min(p[i], q[i])
	}
	return a
}

// ExpectedTokens returns the expected number of tokens one round of
// speculative decoding emits with draft length k when every drafted token is
// accepted independently with probability α:
//
//	E[tokens] = Σ_{i=0..k} αⁱ = (1 − α^{k+1}) / (1 − α),  k + 1 when α = 1,
//
// the accepted prefix plus the one token the target always adds (the
// residual draw on a rejection, or a bonus token after k acceptances). It
// panics if α is outside [0, 1] or k < 0.
func ExpectedTokens(alpha float64, k int) float64 {
	if !(alpha >= 0 && alpha <= 1) || k < 0 {
		panic(fmt.Sprintf("sampling: ExpectedTokens: α = %v, k = %d; want 0 ≤ α ≤ 1, k ≥ 0", alpha, k))
	}
	if alpha == 1 {
		return float64(k + 1)
	}
	return (1 - math.Pow(alpha, float64(k+1))) / (1 - alpha)
}

// Residual returns the distribution a rejected draft is replaced from:
//
//	r(x) = max(0, p(x) − q(x)) / Z,  Z = Σₓ max(0, p(x) − q(x)) = TV(p, q),
//
// so that q · min(1, p/q) + (1 − α) · r = p: accepted drafts and residual
// draws together are distributed exactly as p. When Z = 0 (p = q, and no
// rejection can happen) it returns a copy of p. It panics if p and q differ
// in length.
func Residual(p, q []float64) []float64 {
	checkPair("Residual", p, q)
	r := make([]float64, len(p))
	var z float64
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

func checkPair(fn string, p, q []float64) {
	if len(p) != len(q) || len(p) == 0 {
		panic(fmt.Sprintf("sampling: %s: distributions of lengths %d and %d", fn, len(p), len(q)))
	}
}

// NextDist is a next-token model: the distribution over the vocabulary after
// the tokens ctx. It must not keep or modify ctx.
type NextDist func(ctx []int) []float64

// SpeculativeRound runs one round of speculative sampling (Leviathan et al.
// 2023; Chen et al. 2023) after ctx: it drafts x₁ … x_k from the draft
// model q, then for i = 1 … k accepts xᵢ when
//
//	u · q(xᵢ | ctx, x_<i) < p(xᵢ | ctx, x_<i),  u ∼ Uniform[0, 1),
//
// i.e. with probability min(1, p/q); written as a product so that a token
// with p = q = 0 is rejected instead of compared with 0/0 = NaN. At the first rejection it emits a token
// from Residual(p, q) at that position and stops; after k acceptances it
// emits a bonus token from p. It emits between 1 and k + 1 tokens, and
// rounds repeated generate text distributed exactly as sampling from p token
// by token: the draft changes only the speed. accepted counts the drafted
// tokens kept.
// All randomness comes from rng, so a seed fixes the round. It panics if
// k < 1. Calls: k to q, k + 1 to p (a real engine scores the k + 1 target
// positions in one batched call).
func SpeculativeRound(p, q NextDist, ctx []int, k int, rng *rand.Rand) (tokens []int, accepted int) {
	if k < 1 {
		panic(fmt.Sprintf("sampling: SpeculativeRound: draft length k = %d, want ≥ 1", k))
	}
	seq := append(make([]int, 0, len(ctx)+k+1), ctx...)
	drafts := make([][]float64, k)
	for i := range k {
		drafts[i] = q(seq)
		seq = append(seq, Categorical(drafts[i], rng.Float64()))
	}
	for i := range k {
		x := seq[len(ctx)+i]
		target := p(seq[:len(ctx)+i])
		if rng.Float64()*drafts[i][x] >= target[x] {
			seq = append(seq[:len(ctx)+i], Categorical(Residual(target, drafts[i]), rng.Float64()))
			return seq[len(ctx):], i
		}
	}
	seq = append(seq, Categorical(p(seq), rng.Float64()))
	return seq[len(ctx):], k
}
