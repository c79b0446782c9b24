// Mutant: AcceptProb is min(1, p/q) written directly: 0/0 = NaN when p = q = 0.

//go:build ignore

package speculative

// AcceptProb returns the probability min(1, p/q) that a token drafted with
// draft probability q is kept when the target gives it probability p:
// 1 when q = 0 < p (the ratio is +Inf), 0 when p = 0 (even if q = 0 too).
func AcceptProb(p, q float64) float64 {
	return min(1, p/q)
}
