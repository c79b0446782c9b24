// Package logprobs is exercise 21: what the top-k log-probabilities of an
// inference API say about the distribution they were cut from — the mass
// outside the top-k and tight bounds on the full entropy, in bits.
package logprobs

// Bounds is an entropy interval in bits.
type Bounds struct{ Lo, Hi float64 }

// RatioBounds is what a renormalised top-k allows: an entropy interval in
// bits and the largest tail mass (the smallest is 0).
type RatioBounds struct{ Lo, Hi, MaxTail float64 }

// Rounding is the excess over 1 that TailMass treats as rounding.
const Rounding = 1e-6

// TailMass returns m = 1 − Σᵢ e^ℓᵢ for natural-log logprobs ℓ, computed
// as −expm1(log Σ e^ℓ) so that a tiny tail keeps its digits. A negative
// result of at most Rounding is rounding and returns 0; a more negative one
// is returned as it is (the input is not a distribution's top-k).
func TailMass(top []float64) float64 {
	panic("TODO: implement TailMass (see README.md)")
}

// EntropyBoundsBits returns the tight entropy interval, in bits, of a
// distribution over vocab tokens whose top-k natural-log probabilities are
// top: the known terms plus the tail m packed into tokens of p_min = min pᵢ
// and one remainder (Lo), or spread evenly over the V − k others (Hi).
func EntropyBoundsBits(top []float64, vocab int) Bounds {
	panic("TODO: implement EntropyBoundsBits (see README.md)")
}

// RenormalisedBoundsBits bounds a distribution over vocab tokens from its
// top-k logprobs renormalised over the top-k (they sum to 1): the true
// top-k is S·p̃ for an unknown S, the tail is at most r·S·p̃_min, so
// m ≤ r·p̃_min/(1 + r·p̃_min); the entropy lies between H(p̃) (no tail) and
// the entropy with every tail token at S·p̃_min (the fullest tail).
func RenormalisedBoundsBits(top []float64, vocab int) RatioBounds {
	panic("TODO: implement RenormalisedBoundsBits (see README.md)")
}
