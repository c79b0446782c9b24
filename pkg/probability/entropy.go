package probability

import "math"

// Entropy returns the Shannon entropy of the distribution p in nats:
//
//	H(p) = −Σᵢ pᵢ ln pᵢ,  with 0 · ln 0 = 0.
//
// H measures uncertainty: 0 for a one-hot distribution (the outcome is known),
// ln n for the uniform distribution over n outcomes, the maximum. A fair coin has
// ln 2 nats = 1 bit. Divide by ln 2, or call [Bits], for bits.
//
// It panics unless p is a distribution (non-empty, non-negative, no NaN, sums
// to 1 within 1e-9). Time O(n).
func Entropy(p []float64) float64 {
	checkDistribution("Entropy", "p", p)
	h := 0.0
	for _, v := range p {
		if v > 0 {
			h -= v * math.Log(v)
		}
	}
	return max(h, 0) // a sum of non-negative terms; guards −0
}

// BinaryEntropy returns the entropy in nats of a coin that lands heads with
// probability p:
//
//	H(p) = −p ln p − (1 − p) ln(1 − p),
//
// which is 0 at p ∈ {0, 1} and peaks at ln 2 (1 bit) at p = ½. The second term
// uses ln1p so that it stays accurate for tiny p. It panics unless 0 ≤ p ≤ 1.
func BinaryEntropy(p float64) float64 {
	checkProbability("BinaryEntropy", "p", p)
	h := 0.0
	if p > 0 {
		h -= p * math.Log(p)
	}
	if p < 1 {
		h -= (1 - p) * math.Log1p(-p)
	}
	return h
}

// Bits converts an amount of information from nats to bits: bits = nats / ln 2.
// One nat is about 1.4427 bits.
func Bits(nats float64) float64 { return nats / math.Ln2 }

// Nats converts an amount of information from bits to nats: nats = bits · ln 2.
func Nats(bits float64) float64 { return bits * math.Ln2 }
