// Package crossentropy is exercise 05: cross-entropy between distributions,
// the cross-entropy loss on logits, and its gradient.
package crossentropy

// CrossEntropy returns H(p, q) = −Σ p_i ln q_i in nats. Terms with p_i = 0
// contribute 0; a q_i = 0 where p_i > 0 makes the result +Inf.
func CrossEntropy(p, q []float64) float64 { panic("TODO: implement CrossEntropy (see README.md)") }

// Loss returns the cross-entropy loss of the logits against the one-hot
// target, −ln softmax(logits)[target], finite for logits of ±1e4 (see
// README.md for the exact cases).
func Loss(logits []float64, target int) float64 { panic("TODO: implement Loss (see README.md)") }

// Gradient returns ∂Loss/∂logits_i for every i.
func Gradient(logits []float64, target int) []float64 {
	panic("TODO: implement Gradient (see README.md)")
}
