// Mutant: RenormalisedBoundsBits caps the tail at r·p̃_min, forgetting that the true top-k, and with it the cap, is scaled by S = 1 − m.

//go:build ignore

package logprobs

import "math"

// RenormalisedBoundsBits bounds a distribution over vocab tokens from its
// top-k logprobs renormalised over the top-k (they sum to 1): the true
// top-k is S·p̃ for an unknown S, the tail is at most r·S·p̃_min, so
// m ≤ r·p̃_min/(1 + r·p̃_min); the entropy lies between H(p̃) (no tail) and
// the entropy with every tail token at S·p̃_min (the fullest tail).
func RenormalisedBoundsBits(top []float64, vocab int) RatioBounds {
	h, pmin := 0.0, 1.0
	for _, l := range top {
		p := math.Exp(l)
		h -= xlogx(p)
		pmin = math.Min(pmin, p)
	}
	r := float64(vocab - len(top))
	m := math.Min(1, r*pmin)
	s := 1 - m
	hi := 0.0
	for _, l := range top {
		hi -= xlogx(s * math.Exp(l))
	}
	if r > 0 {
		hi -= r * xlogx(m/r)
	}
	return RatioBounds{h / math.Ln2, math.Max(h, hi) / math.Ln2, m}
}
