// Mutant: KL computed literally as p·(ln p − ln q): a term with p_i = 0 gives 0·(−Inf) = NaN instead of 0 (lesson 06, “Pitfalls”: log 0).

//go:build ignore

package kl

import "math"

// KL returns KL(p‖q) = Σ p_i ln(p_i / q_i) in nats. Terms with p_i = 0 are 0;
// a q_i = 0 where p_i > 0 gives +Inf. KL ≥ 0, = 0 iff p = q, not symmetric.
func KL(p, q []float64) float64 {
	d := 0.0
	for i, pi := range p {
		d += pi * (math.Log(pi) - math.Log(q[i]))
	}
	return d
}
