// Mutant: EntropyBoundsBits and RenormalisedBoundsBits return nats, not bits.

//go:build ignore

package logprobs

import "math"

// EntropyBoundsBits returns the tight entropy interval, in bits, of a
// distribution over vocab tokens whose top-k natural-log probabilities are
// top: the known terms plus the tail m packed into tokens of p_min = min pᵢ
// and one remainder (Lo), or spread evenly over the V − k others (Hi).
func EntropyBoundsBits(top []float64, vocab int) Bounds {
	known, pmin := 0.0, 1.0
	for _, l := range top {
		p := math.Exp(l)
		known -= xlogx(p)
		pmin = math.Min(pmin, p)
	}
	m, r := TailMass(top), vocab-len(top)
	if r == 0 {
		return Bounds{known, known}
	}
	lo, hi := known+packed(m, pmin, r), known
	if m > 0 {
		hi -= m * math.Log(m/float64(r))
	}
	return Bounds{math.Min(lo, hi), hi}
}

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
	s := 1 / (1 + r*pmin)
	m := 1 - s
	hi := 0.0
	for _, l := range top {
		hi -= xlogx(s * math.Exp(l))
	}
	if r > 0 {
		hi -= r * xlogx(s*pmin)
	}
	return RatioBounds{h, math.Max(h, hi), m}
}
