// Package decoding is exercise 08: greedy decoding and the top-k and top-p
// (nucleus) filters.
package decoding

// Greedy returns the index of the largest logit (the lowest index on ties).
func Greedy(logits []float64) int { panic("TODO: implement Greedy (see README.md)") }

// TopK returns a copy of logits in which all but the k largest are set to
// −Inf. Ties at the boundary keep the lower index, so exactly min(k, len)
// logits survive. The input is not modified.
func TopK(logits []float64, k int) []float64 { panic("TODO: implement TopK (see README.md)") }

// TopP returns a copy of logits that keeps the smallest set of most likely
// tokens whose softmax probability mass reaches p (is ≥ p) and sets the rest
// to −Inf. Tokens are ranked by decreasing probability, the lower index
// first on ties. The most likely token is always kept, and p ≥ 1 keeps
// every token. The input is not modified.
func TopP(logits []float64, p float64) []float64 { panic("TODO: implement TopP (see README.md)") }
