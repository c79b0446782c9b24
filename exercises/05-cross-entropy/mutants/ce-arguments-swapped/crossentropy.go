// Mutant: cross-entropy with its arguments swapped, −Σ q_i ln p_i: H(p, q) is not symmetric (lesson 05, “Cross-entropy”).

//go:build ignore

package crossentropy

import "math"

// CrossEntropy returns H(p, q) = −Σ p_i ln q_i in nats. Terms with p_i = 0
// contribute 0; a q_i = 0 where p_i > 0 makes the result +Inf.
func CrossEntropy(p, q []float64) float64 {
	h := 0.0
	for i, pi := range p {
		if pi > 0 {
			h -= q[i] * math.Log(pi)
		}
	}
	return h
}
