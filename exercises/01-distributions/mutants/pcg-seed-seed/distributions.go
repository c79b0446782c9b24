// Mutant: SampleN seeds PCG with (seed, seed) instead of (seed, 0), the draws then differ from the prescribed stream.

//go:build ignore

package distributions

import "math/rand/v2"

// SampleN draws n indices from probs with a seeded generator: it creates
// rand.New(rand.NewPCG(seed, 0)) once and calls Sample(probs, rng.Float64())
// n times. The same seed always gives the same draws.
func SampleN(probs []float64, n int, seed uint64) []int {
	rng := rand.New(rand.NewPCG(seed, seed))
	draws := make([]int, n)
	for i := range draws {
		draws[i] = Sample(probs, rng.Float64())
	}
	return draws
}
