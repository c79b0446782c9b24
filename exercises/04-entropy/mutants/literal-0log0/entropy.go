// Mutant: 0·ln 0 computed literally: 0·(−Inf) is NaN instead of 0 (lesson 04, “Pitfalls”).

// Package entropy is exercise 04: Shannon entropy in nats and in bits.
package entropy

import "math"

// Entropy returns H(p) = −Σ p_i ln p_i in nats, with 0·ln 0 = 0.
func Entropy(p []float64) float64 {
	h := 0.0
	for _, pi := range p {
		h -= pi * math.Log(pi)
	}
	return h
}

// EntropyBits returns H(p) = −Σ p_i log₂ p_i in bits (nats / ln 2).
func EntropyBits(p []float64) float64 {
	return Entropy(p) / math.Ln2
}

// BinaryEntropy returns the entropy of a coin with P(heads) = p, in bits:
// −p log₂ p − (1−p) log₂(1−p). It is 0 at p = 0 and p = 1 and 1 bit at ½.
func BinaryEntropy(p float64) float64 {
	return EntropyBits([]float64{p, 1 - p})
}

// EntropyOfLogits returns H(softmax(logits)) in nats. It is finite for
// logits of ±1e4, and −Inf logits (tokens removed by a filter) count as
// probability 0.
func EntropyOfLogits(logits []float64) float64 {
	m := math.Inf(-1)
	for _, v := range logits {
		m = math.Max(m, v)
	}
	total := 0.0
	for _, v := range logits {
		total += math.Exp(v - m)
	}
	p := make([]float64, len(logits))
	for i, v := range logits {
		p[i] = math.Exp(v-m) / total
	}
	return Entropy(p)
}
