// Mutant: TailMass clamps every negative tail to 0, so a top that sums far above 1 (values that are
// not one distribution's top-k, or rounded too coarsely) passes as a report with nothing left out.

// Package logprobs is exercise 21: what the top-k log-probabilities of an
// inference API say about the distribution they were cut from — the mass
// outside the top-k and tight bounds on the full entropy, in bits.
package logprobs

import "math"

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
	mx := math.Inf(-1)
	for _, l := range top {
		mx = math.Max(mx, l)
	}
	if math.IsInf(mx, -1) {
		return 1
	}
	s := 0.0
	for _, l := range top {
		s += math.Exp(l - mx)
	}
	m := -math.Expm1(mx + math.Log(s))
	return math.Max(m, 0)
}

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
	lo, hi := known+packed(m, pmin, r), known
	if m > 0 {
		hi -= m * math.Log(m/float64(r))
	}
	return Bounds{math.Min(lo, hi) / math.Ln2, hi / math.Ln2}
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
	return RatioBounds{h / math.Ln2, math.Max(h, hi) / math.Ln2, m}
}

// packed is the smallest tail entropy: ⌊m/p⌋ tokens of p (at most r) and
// one remainder.
func packed(m, p float64, r int) float64 {
	if m <= 0 || p <= 0 {
		return 0
	}
	n := math.Min(math.Floor(m/p), float64(r))
	rho := math.Max(0, m-n*p)
	if n == float64(r) {
		rho = 0
	}
	return -n*xlogx(p) - xlogx(rho)
}

// xlogx is x·ln x with 0·ln 0 = 0.
func xlogx(x float64) float64 {
	if x == 0 {
		return 0
	}
	return x * math.Log(x)
}
