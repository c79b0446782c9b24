// Mutant: ExactNext returns the per-step masked distribution p(t)/Σ_allowed p instead of weighting each token by Z(prefix t): the bias the lesson measures.

//go:build ignore

package constrained

// ExactNext returns q(t) = p(t | prefix) · Z(prefix t) / Z(prefix), the
// next-token distribution of the exact conditional; nil when Z(prefix) = 0
// or the prefix has MaxLen tokens.
func ExactNext(p Problem, prefix []int) []float64 {
	s, prev := p.DFA.Start, -1
	for _, t := range prefix {
		if s = p.DFA.Next[s][t]; s == Dead {
			return nil
		}
		prev = t
	}
	r := p.MaxLen - len(prefix)
	z := Satisfy(p, prev, s, r)
	if r <= 0 || z <= 0 {
		return nil
	}
	q := make([]float64, len(p.Start))
	kept := 0.0
	for t, ok := range Allowed(p, s, r) {
		if ok {
			q[t] = dist(p, prev)[t]
			kept += q[t]
		}
	}
	for t := range q {
		q[t] /= kept
	}
	return q
}
