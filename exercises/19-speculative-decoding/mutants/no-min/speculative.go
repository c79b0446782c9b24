// Mutant: AcceptProb returns the raw ratio p/q, which exceeds 1 when the target likes a token more than the draft.

//go:build ignore

package speculative

// AcceptProb returns the probability min(1, p/q) that a token drafted with
// draft probability q is kept when the target gives it probability p:
// 1 when q = 0 < p (the ratio is +Inf), 0 when p = 0 (even if q = 0 too).
func AcceptProb(p, q float64) float64 {
	if p <= 0 {
		return 0
	}
	if q == 0 {
		return 1
	}
	return p / q
}
