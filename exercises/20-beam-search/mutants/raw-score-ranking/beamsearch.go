// Mutant: finished hypotheses are ranked by ln p, ignoring the length penalty: the shortest answers win (short-sequence bias).

//go:build ignore

package beamsearch

import (
	"slices"
)

// Search runs beam search from Start and returns up to Width finished
// hypotheses, best Normalized score first (ties: smaller Tokens first).
// Hypotheses still live after MaxLen tokens are finished as they are. It
// stops early once Width hypotheses are finished and the best live LogProb
// divided by MaxLen^α — the best score any continuation of it can reach —
// is no better than the Width-th finished score.
func Search(p Problem) []Hyp {
	live := []Hyp{{Tokens: []int{}}}
	var done []Hyp
	for step := 1; step <= p.MaxLen && len(live) > 0; step++ {
		r := Step(p, live)
		live, done = r.Live, append(done, r.Finished...)
		if step == p.MaxLen {
			done = append(done, live...)
		}
		sortByScore(done, p.Alpha)
		if len(done) >= p.Width && len(live) > 0 &&
			live[0].LogProb <= done[p.Width-1].LogProb {
			break
		}
	}
	sortByScore(done, p.Alpha)
	return done[:min(len(done), p.Width)]
}

func sortByScore(hs []Hyp, alpha float64) {
	slices.SortFunc(hs, func(a, b Hyp) int {
		return rank(a.LogProb, b.LogProb, a.Tokens, b.Tokens)
	})
}
