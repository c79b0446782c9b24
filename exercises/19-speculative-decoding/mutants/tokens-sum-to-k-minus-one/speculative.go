// Mutant: ExpectedTokens sums α⁰ … α^{k−1}: the closed form with k instead of k + 1, which drops the bonus token after k acceptances.

//go:build ignore

package speculative

// ExpectedTokens returns the expected number of tokens one round yields when
// draft i is accepted with probability alphas[i], independently:
//
//	E = Σ_{i=0..k} Π_{j<i} α_j = 1 + α₀ + α₀α₁ + … + α₀⋯α_{k−1},
//
// the accepted drafts plus the one token the target always adds.
func ExpectedTokens(alphas []float64) float64 {
	e, reach := 1.0, 1.0
	for _, a := range alphas[:max(len(alphas)-1, 0)] {
		reach *= a
		e += reach
	}
	return e
}
