// Mutant: Search stops as soon as Width hypotheses are finished, without asking whether a live one could still beat them.

//go:build ignore

package beamsearch

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
		if len(done) >= p.Width {
			break
		}
	}
	sortByScore(done, p.Alpha)
	return done[:min(len(done), p.Width)]
}
