// Package attention is exercise 18: attention weights as a softmax over
// positions — scaled scores, a masked softmax that survives a row masked
// everywhere, and flash attention's online softmax with a running maximum.
package attention

import "math"

// ScaledScores returns s_j = q·k_j / √d for every key, d = len(q).
func ScaledScores(q []float64, keys [][]float64) []float64 {
	scale := 1 / math.Sqrt(float64(len(q)))
	s := make([]float64, len(keys))
	for j, k := range keys {
		dot := 0.0
		for i := range q {
			dot += q[i] * k[i]
		}
		s[j] = dot * scale
	}
	return s
}

// MaskedSoftmax returns the softmax of scores over the positions j with
// visible[j], and weight 0 elsewhere. With no visible position it returns
// all zeros, never NaN.
func MaskedSoftmax(scores []float64, visible []bool) []float64 {
	m := math.Inf(-1)
	for j, s := range scores {
		if visible[j] {
			m = math.Max(m, s)
		}
	}
	w := make([]float64, len(scores))
	if math.IsInf(m, -1) {
		return w
	}
	sum := 0.0
	for j, s := range scores {
		if visible[j] {
			w[j] = math.Exp(s - m)
			sum += w[j]
		}
	}
	for j := range w {
		w[j] /= sum
	}
	return w
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
	st := State{Max: math.Inf(-1)}
	var out []State
	for start := 0; start < len(scores); start += block {
		end := min(start+block, len(scores))
		bm := math.Inf(-1)
		for _, s := range scores[start:end] {
			bm = math.Max(bm, s)
		}
		if bm > st.Max {
			r := math.Exp(st.Max - bm)
			st = State{Max: bm, Norm: st.Norm * r, Out: st.Out * r}
		}
		if !math.IsInf(st.Max, -1) {
			for j := start; j < end; j++ {
				e := math.Exp(scores[j] - st.Max)
				st.Norm += e
				st.Out += e * values[j]
			}
		}
		out = append(out, st)
	}
	return out
}

// OnlineAttention returns Σ_j softmax(scores)_j · values_j from the final
// state of OnlineSteps: Out / Norm, or 0 when every score is −Inf.
func OnlineAttention(scores, values []float64, block int) float64 {
	steps := OnlineSteps(scores, values, block)
	if len(steps) == 0 {
		return 0
	}
	last := steps[len(steps)-1]
	if last.Norm == 0 {
		return 0
	}
	return last.Out / last.Norm
}
