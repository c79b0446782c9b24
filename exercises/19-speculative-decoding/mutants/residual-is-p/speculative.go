// Mutant: after a rejection the replacement is drawn from the target p itself instead of max(0, p − q)/Z.

//go:build ignore

package speculative

// Residual returns r(x) = max(0, p(x) − q(x)) / Z, Z = Σ max(0, p − q), the
// distribution a rejected draft is replaced from; a copy of p when Z = 0
// (p = q: no rejection can happen).
func Residual(p, q []float64) []float64 {
	return append([]float64(nil), p...)
}
