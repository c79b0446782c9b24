// Mutant: hypotheses carry the product of probabilities, which underflows to 0 after a few hundred tokens; every long hypothesis then ties.

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
				cands = append(cands, Hyp{append(slices.Clone(h.Tokens), tok), math.Log(math.Exp(h.LogProb) * math.Exp(lp))})
			}
		}
	}
	slices.SortFunc(cands, func(a, b Hyp) int { return rank(a.LogProb, b.LogProb, a.Tokens, b.Tokens) })
	var r StepResult
	for i, c := range cands {
		if c.Tokens[len(c.Tokens)-1] == p.EOS {
			if i < p.Width {
				r.Finished = append(r.Finished, c)
			}
		} else if len(r.Live) < p.Width {
			r.Live = append(r.Live, c)
		}
	}
	return r
}
