// Mutant: the residual draw reuses u[i], the uniform that just rejected the draft;
// given a rejection it lies in [min(1, p/q), 1), not uniform in [0, 1), so the replacement is biased.

//go:build ignore

package speculative

// VerifyRound verifies k = len(drafts) drafted tokens. q[i] is the draft's
// distribution drafts[i] was drawn from, p[i] the target's at the same
// position, and p[k] the target's after all k drafts; u holds k + 1 uniforms
// in [0, 1). Draft i is kept when u[i] < AcceptProb(p[i][x], q[i][x]). At
// the first rejection, position i, the round returns drafts[:i] followed by
// Draw(Residual(p[i], q[i]), u[k]); when all k pass, it returns the k drafts
// followed by the bonus token Draw(p[k], u[k]).
func VerifyRound(p, q [][]float64, drafts []int, u []float64) []int {
	k := len(drafts)
	out := make([]int, 0, k+1)
	for i, x := range drafts {
		if u[i] >= AcceptProb(p[i][x], q[i][x]) {
			return append(out, Draw(Residual(p[i], q[i]), u[i]))
		}
		out = append(out, x)
	}
	return append(out, Draw(p[k], u[k]))
}
