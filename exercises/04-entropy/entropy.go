// Package entropy is exercise 04: Shannon entropy in nats and in bits.
package entropy

// Entropy returns H(p) = −Σ p_i ln p_i in nats, with 0·ln 0 = 0.
func Entropy(p []float64) float64 { panic("TODO: implement Entropy (see README.md)") }

// EntropyBits returns H(p) = −Σ p_i log₂ p_i in bits.
func EntropyBits(p []float64) float64 { panic("TODO: implement EntropyBits (see README.md)") }

// BinaryEntropy returns the entropy of a coin with P(heads) = p, in bits:
// −p log₂ p − (1−p) log₂(1−p). It is 0 at p = 0 and p = 1 and 1 bit at ½.
func BinaryEntropy(p float64) float64 { panic("TODO: implement BinaryEntropy (see README.md)") }

// EntropyOfLogits returns H(softmax(logits)) in nats. It is finite for
// logits of ±1e4, and −Inf logits (tokens removed by a filter) count as
// probability 0.
func EntropyOfLogits(logits []float64) float64 {
	panic("TODO: implement EntropyOfLogits (see README.md)")
}
