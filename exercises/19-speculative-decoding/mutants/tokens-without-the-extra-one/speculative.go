// Mutant: ExpectedTokens counts the accepted drafts only, Σ_{i=1..k} Π_{j<i} α_j, forgetting the token the target always adds.

//go:build ignore

package speculative

// ExpectedTokens returns the expected number of tokens one round yields when
// draft i is accepted with probability alphas[i], independently:
//
//	E = Σ_{i=0..k} Π_{j<i} α_j = 1 + α₀ + α₀α₁ + … + α₀⋯α_{k−1},
//
// the accepted drafts plus the one token the target always adds.
func ExpectedTokens(alphas []float64) float64 {
	e, reach := 0.0, 1.0
	for _, a := range alphas {
		reach *= a
		e += reach
	}
	return e
}
