package rows

// AcceptanceRate writes, for each pair of probability rows (p, q), the
// probability that speculative decoding accepts a token drafted from q
// when the target is p:
//
//	α = Σᵢ min(pᵢ, qᵢ) = 1 − TV(p, q),
//
// as pkg/sampling.AcceptanceRate, summed in float64. p and q are
// probabilities (each row sums to 1), not logits.
//
// It panics unless p and q have the same shape and len(dst) = rows.
// Time O(rows·V).
func AcceptanceRate(dst, p, q []float32, v int) {
	n := numRows("AcceptanceRate", p, v)
	checkLen("AcceptanceRate", "q", len(q), len(p))
	checkLen("AcceptanceRate", "dst", len(dst), n)
	forRows(n, func(r int, _ *scratch) {
		var a float64
		for i, x := range p[r*v : (r+1)*v] {
			a += float64(min(x, q[r*v+i]))
		}
		dst[r] = float32(a)
	})
}

// SpeculativeVerify runs the target's side of one round of speculative
// sampling (Leviathan et al. 2023; Chen et al. 2023) for a batch of B
// sequences, each with k drafted tokens x₀ … x_{k−1}:
//
//   - drafts[b·k+i] is xᵢ of sequence b;
//   - q row b·k+i is the draft's distribution xᵢ was drawn from;
//   - p row b·(k+1)+i is the target's distribution at the same position,
//     and p row b·(k+1)+k the target's distribution after all k drafts
//     (one target call scores all k+1 positions).
//
// For i = 0, 1, … it accepts xᵢ when uᵢ·q(xᵢ) < p(xᵢ), i.e. with
// probability min(1, p(xᵢ)/q(xᵢ)) — 1 when q(xᵢ) = 0 < p(xᵢ), and 0 when
// p(xᵢ) = 0. At the first rejection, position n, it draws next[b] from
// the residual
//
//	r(x) = max(0, p_n(x) − q_n(x)) / Σ_y max(0, p_n(y) − q_n(y))
//
// (p_n itself when that sum is 0) and stops; after k acceptances it draws
// next[b] from p row k, the bonus token. accepted[b] = n ∈ [0, k]: the
// sequence grows by drafts x₀ … x_{n−1} and then next[b], n + 1 tokens.
// When the drafts were drawn from q, the grown sequence is distributed
// exactly as sampling from p token by token.
//
// The uniforms u₀ … u_{k−1} and the one for the final draw (an inverse
// CDF over the residual or p row) come from the counter-based stream of
// (seed, b, step) that [Sample] uses, so a sequence's outcome depends
// only on its own rows, the seed and the step, not on the batch. p and q
// are probabilities, not logits; rows need not be normalised exactly
// (draws use each row's own sum), and a row to draw from with no mass
// gives next[b] = −1.
//
// It panics if k < 1, a draft is outside [0, V), or a length does not
// match B = len(accepted) = len(next). Time O(B·(k + V)).
func SpeculativeVerify(accepted, next []int, p, q []float32, drafts []int, v, k int, seed, step uint64) {
	const fn = "SpeculativeVerify"
	b := len(accepted)
	numRows(fn, p, v)
	check.Speculative(fn, k, drafts, v)
	checkLen(fn, "next", len(next), b)
	checkLen(fn, "drafts", len(drafts), b*k)
	checkLen(fn, "q", len(q), b*k*v)
	checkLen(fn, "p", len(p), b*(k+1)*v)
	forRows(b, func(s int, _ *scratch) {
		stream := rowStream(seed, uint64(s), step)
		u := uniform(stream, k)
		for i := range k {
			x := drafts[s*k+i]
			pr := p[(s*(k+1)+i)*v : (s*(k+1)+i+1)*v]
			qr := q[(s*k+i)*v : (s*k+i+1)*v]
			if !(uniform(stream, i)*float64(qr[x]) < float64(pr[x])) {
				accepted[s], next[s] = i, drawResidual(pr, qr, u)
				return
			}
		}
		pr := p[(s*(k+1)+k)*v : (s*(k+1)+k+1)*v]
		accepted[s], next[s] = k, drawResidual(pr, nil, u)
	})
}

// drawResidual returns the token at u ∈ (0, 1) of the inverse CDF of
// max(0, p − q) normalised (of p when q is nil or the residual is 0).
func drawResidual(p, q []float32, u float64) int {
	w := func(i int) float64 { return float64(p[i]) }
	var z float64
	if q != nil {
		for i := range p {
			z += float64(max(0, p[i]-q[i]))
		}
		if z > 0 {
			w = func(i int) float64 { return float64(max(0, p[i]-q[i])) }
		}
	}
	if z == 0 {
		for i := range p {
			z += w(i)
		}
	}
	target, last := u*z, -1
	var cum float64
	for i := range p {
		wi := w(i)
		if wi <= 0 {
			continue
		}
		cum += wi
		last = i
		if cum > target {
			return i
		}
	}
	return last
}
