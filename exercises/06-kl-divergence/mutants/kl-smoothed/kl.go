// Mutant: adds ε = 1e-10 to q to avoid +Inf: an infinite KL is the right answer when q rules out what p allows (lesson 06, “Pitfalls”: smoothing Q silently).

//go:build ignore

package kl

import "math"

// KL returns KL(p‖q) = Σ p_i ln(p_i / q_i) in nats. Terms with p_i = 0 are 0;
// a q_i = 0 where p_i > 0 gives +Inf. KL ≥ 0, = 0 iff p = q, not symmetric.
func KL(p, q []float64) float64 {
	d := 0.0
	for i, pi := range p {
		if pi > 0 {
			d += pi * math.Log(pi/(q[i]+1e-10))
		}
	}
	return d
}
