// Mutant: Contrastive scores every token by ln p_e − ln p_a first and applies the α·max threshold to the contrastive distribution afterwards.

//go:build ignore

package logitarith

import "math"

// Contrastive returns contrastive decoding's distribution as normalised
// log-probabilities: ln p_expert − ln p_amateur on the tokens Plausible keeps
// (decided on the expert, before subtracting), −Inf elsewhere.
func Contrastive(expert, amateur []float64, alpha float64) []float64 {
	le, la := logSoftmax(expert), logSoftmax(amateur)
	z := make([]float64, len(le))
	for i := range z {
		z[i] = le[i] - la[i]
	}
	cd := logSoftmax(z)
	keep := Plausible(cd, alpha)
	for i := range z {
		if !keep[i] {
			z[i] = math.Inf(-1)
		}
	}
	return logSoftmax(z)
}
