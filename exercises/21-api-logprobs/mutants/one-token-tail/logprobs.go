// Mutant: The lower bound puts the whole tail on one token (−m ln m), forgetting that no tail token can exceed p_min.

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
		return Bounds{known / math.Ln2, known / math.Ln2}
	}
	lo, hi := known-xlogx(m), known
	if m > 0 {
		hi -= m * math.Log(m/float64(r))
	}
	return Bounds{math.Min(lo, hi) / math.Ln2, hi / math.Ln2}
}
