// Mutant: a candidate ending in EOS stays in the beam and is extended like any other; only hypotheses alive at MaxLen are finished.

//go:build ignore

package beamsearch

import (
	"math"
	"slices"
)

// Step extends every hypothesis of beam by every token with a finite
// log-probability, ranks the candidates by cumulative LogProb (ties: the
// lexicographically smaller Tokens first), sends the EOS candidates among
// the first Width ranks to Finished and keeps the first Width others as Live.
func Step(p Problem, beam []Hyp) StepResult {
	var cands []Hyp
	for _, h := range beam {
		prev := p.Start
		if len(h.Tokens) > 0 {
			prev = h.Tokens[len(h.Tokens)-1]
		}
		for tok, lp := range p.LogProbs[prev] {
			if !math.IsInf(lp, -1) {
				cands = append(cands, Hyp{append(slices.Clone(h.Tokens), tok), h.LogProb + lp})
			}
		}
	}
	slices.SortFunc(cands, func(a, b Hyp) int { return rank(a.LogProb, b.LogProb, a.Tokens, b.Tokens) })
	var r StepResult
	for i, c := range cands {
		if i < p.Width {
			r.Live = append(r.Live, c)
		}
	}
	return r
}
