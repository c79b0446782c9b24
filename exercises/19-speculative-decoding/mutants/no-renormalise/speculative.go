// Mutant: Residual returns max(0, p − q) without dividing by Z = Σ max(0, p − q).

//go:build ignore

package speculative

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
	return r
}
