// Mutant: AcceptProb treats a draft with q(x) = 0 as impossible and rejects it, even when p(x) > 0.

//go:build ignore

package speculative

// AcceptProb returns the probability min(1, p/q) that a token drafted with
// draft probability q is kept when the target gives it probability p:
// 1 when q = 0 < p (the ratio is +Inf), 0 when p = 0 (even if q = 0 too).
func AcceptProb(p, q float64) float64 {
	if p <= 0 || q == 0 {
		return 0
	}
	if p >= q {
		return 1
	}
	return p / q
}
