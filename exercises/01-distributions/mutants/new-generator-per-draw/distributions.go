// Mutant: SampleN seeds a fresh generator for every draw, so every draw sees the same u (lesson 01, “Pitfalls”: a new generator per draw).

//go:build ignore

package distributions

import "math/rand/v2"

// SampleN draws n indices from probs with a seeded generator: it creates
// rand.New(rand.NewPCG(seed, 0)) once and calls Sample(probs, rng.Float64())
// n times. The same seed always gives the same draws.
func SampleN(probs []float64, n int, seed uint64) []int {
	draws := make([]int, n)
	for i := range draws {
		rng := rand.New(rand.NewPCG(seed, 0))
		draws[i] = Sample(probs, rng.Float64())
	}
	return draws
}
