// Mutant: Contrastive returns ln p_e − ln p_a on the plausible tokens without renormalising.

//go:build ignore

package logitarith

import "math"

// Contrastive returns contrastive decoding's distribution as normalised
// log-probabilities: ln p_expert − ln p_amateur on the tokens Plausible keeps
// (decided on the expert, before subtracting), −Inf elsewhere.
func Contrastive(expert, amateur []float64, alpha float64) []float64 {
	le, la := logSoftmax(expert), logSoftmax(amateur)
	keep := Plausible(le, alpha)
	z := make([]float64, len(le))
	for i := range z {
		z[i] = math.Inf(-1)
		if keep[i] {
			z[i] = le[i] - la[i]
		}
	}
	return z
}
