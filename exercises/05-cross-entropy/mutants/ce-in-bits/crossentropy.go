// Mutant: cross-entropy with log₂: bits where the contract (and PyTorch's loss) says nats (lesson 05, “Pitfalls”: bits vs nats).

//go:build ignore

package crossentropy

import "math"

// CrossEntropy returns H(p, q) = −Σ p_i ln q_i in nats. Terms with p_i = 0
// contribute 0; a q_i = 0 where p_i > 0 makes the result +Inf.
func CrossEntropy(p, q []float64) float64 {
	h := 0.0
	for i, pi := range p {
		if pi > 0 {
			h -= pi * math.Log2(q[i])
		}
	}
	return h
}
