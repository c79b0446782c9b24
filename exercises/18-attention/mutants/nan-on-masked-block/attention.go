// Mutant: OnlineSteps does not guard a block whose scores are all −Inf: exp(−Inf − (−Inf)) = NaN poisons the state.

//go:build ignore

package attention

import "math"

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
		if true {
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
