// Mutant: KL with its arguments swapped, Σ q_i ln(q_i/p_i): KL is not symmetric (lesson 06, “Definition and properties” and “Pitfalls”: argument order).

//go:build ignore

package kl

import "math"

// KL returns KL(p‖q) = Σ p_i ln(p_i / q_i) in nats. Terms with p_i = 0 are 0;
// a q_i = 0 where p_i > 0 gives +Inf. KL ≥ 0, = 0 iff p = q, not symmetric.
func KL(p, q []float64) float64 {
	d := 0.0
	for i, pi := range p {
		if pi > 0 {
			d += q[i] * math.Log(q[i]/pi)
		}
	}
	return d
}
