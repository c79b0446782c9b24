// Package attention is exercise 18: attention weights as a softmax over
// positions — scaled scores, a masked softmax that survives a row masked
// everywhere, and flash attention's online softmax with a running maximum.
package attention

// ScaledScores returns s_j = q·k_j / √d for every key, d = len(q).
func ScaledScores(q []float64, keys [][]float64) []float64 {
	panic("TODO: implement ScaledScores (see README.md)")
}

// MaskedSoftmax returns the softmax of scores over the positions j with
// visible[j], and weight 0 elsewhere. With no visible position it returns
// all zeros, never NaN.
func MaskedSoftmax(scores []float64, visible []bool) []float64 {
	panic("TODO: implement MaskedSoftmax (see README.md)")
}

// State is the online softmax's running state after a prefix of the row.
type State struct {
	Max  float64 // m: the largest score so far (−Inf before any finite score)
	Norm float64 // ℓ = Σ_j exp(s_j − m) over the scores so far
	Out  float64 // o = Σ_j exp(s_j − m)·v_j over the scores so far
}

// OnlineSteps reads scores and values block positions at a time and
// returns the state after each block. When a block raises the maximum
// from m to m', Norm and Out are first multiplied by exp(m − m'). A block
// whose scores are all −Inf leaves the state unchanged.
func OnlineSteps(scores, values []float64, block int) []State {
	panic("TODO: implement OnlineSteps (see README.md)")
}

// OnlineAttention returns Σ_j softmax(scores)_j · values_j from the final
// state of OnlineSteps: Out / Norm, or 0 when every score is −Inf.
func OnlineAttention(scores, values []float64, block int) float64 {
	panic("TODO: implement OnlineAttention (see README.md)")
}
