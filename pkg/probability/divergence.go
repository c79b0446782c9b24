package probability

import "math"

// KLDivergence returns the Kullback–Leibler divergence of q from p, in nats:
//
//	KL(p ‖ q) = Σᵢ pᵢ ln(pᵢ / qᵢ) = H(p, q) − H(p),
//
// the extra nats paid for coding p's outcomes with q's code. It is ≥ 0, is 0
// exactly when p = q, and is not symmetric: KL(p ‖ q) ≠ KL(q ‖ p) in general.
// Forward KL(p ‖ q) punishes q for missing mass where p has it (mode-covering
// fits); reverse KL(q ‖ p) punishes q for putting mass where p has little
// (mode-seeking fits) — RLHF penalises KL(policy ‖ reference).
//
// Terms with pᵢ = 0 contribute 0; a term with pᵢ > 0 and qᵢ = 0 makes the
// result +Inf. Rounding can push the sum a few ulp below 0 when p ≈ q; the result
// is clamped at 0, the true lower bound.
//
// It panics unless p and q are distributions of the same length. Time O(n).
func KLDivergence(p, q []float64) float64 {
	checkSameLength("KLDivergence", p, q)
	checkDistribution("KLDivergence", "p", p)
	checkDistribution("KLDivergence", "q", q)
	kl := 0.0
	for i, pi := range p {
		if pi > 0 {
			kl += pi * logRatio(pi, q[i])
		}
	}
	return max(kl, 0)
}

// logRatio returns ln(a/b) for a > 0, b ≥ 0: one rounding in the quotient keeps
// it accurate when a ≈ b, and the difference of logs takes over when a/b would
// overflow (b subnormal). It is +Inf when b = 0.
func logRatio(a, b float64) float64 {
	if r := a / b; !math.IsInf(r, 1) || b == 0 {
		return math.Log(r)
	}
	return ln(a) - ln(b)
}

// ln is math.Log made exact for subnormal arguments. On amd64, Go's assembly
// math.Log flattens every x below 2⁻¹⁰²² (the smallest normal float64) to
// about −709.09, while ln(5e-324) is −744.44; scaling by 2⁵⁴ first makes x
// normal, and the scale comes back out exactly as 54·ln 2.
func ln(x float64) float64 {
	if x > 0 && x < 0x1p-1022 {
		return math.Log(x*0x1p54) - 54*math.Ln2
	}
	return math.Log(x)
}

// JSDivergence returns the Jensen–Shannon divergence between p and q, in nats:
//
//	JS(p, q) = ½ KL(p ‖ m) + ½ KL(q ‖ m),  m = ½ (p + q).
//
// Unlike KL it is symmetric, always finite and bounded: 0 ≤ JS ≤ ln 2, with
// ln 2 reached exactly when p and q have disjoint supports. Its square root is a
// metric (SciPy's jensenshannon returns that root).
//
// Where one of pᵢ, qᵢ is 0 the term is (pᵢ + qᵢ)/2 · ln 2 exactly; those
// coefficients are summed first and multiplied by ln 2 once, so disjoint
// supports give ln 2 to the last bit. The result is clamped to [0, ln 2].
//
// It panics unless p and q are distributions of the same length. Time O(n).
func JSDivergence(p, q []float64) float64 {
	checkSameLength("JSDivergence", p, q)
	checkDistribution("JSDivergence", "p", p)
	checkDistribution("JSDivergence", "q", q)
	disjoint := 0.0 // Σ (pᵢ + qᵢ) over i where exactly one of them is 0
	js := 0.0
	for i, pi := range p {
		qi := q[i]
		switch {
		case pi == 0 && qi == 0:
		case pi == 0 || qi == 0:
			disjoint += pi + qi
		default:
			m := 0.5 * (pi + qi)
			js += pi*math.Log(pi/m) + qi*math.Log(qi/m)
		}
	}
	js = 0.5*js + 0.5*disjoint*math.Ln2
	return min(max(js, 0), math.Ln2)
}
