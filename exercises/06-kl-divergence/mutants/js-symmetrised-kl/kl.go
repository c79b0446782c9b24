// Mutant: “JS” as the symmetrised KL ½(KL(p‖q) + KL(q‖p)): symmetric but not bounded, infinite on disjoint supports (lesson 06, “Definition and properties”).

//go:build ignore

package kl

// JS returns the Jensen–Shannon divergence ½ KL(p‖m) + ½ KL(q‖m) with
// m = ½(p + q), in nats: symmetric, finite, between 0 and ln 2.
func JS(p, q []float64) float64 {
	return KL(p, q)/2 + KL(q, p)/2
}
