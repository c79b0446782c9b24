// Mutant: candidates are ranked by the new token's ln p instead of the cumulative ln p: Width greedy decoders, not a beam.

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
	last := []float64{}
	for _, h := range beam {
		prev := p.Start
		if len(h.Tokens) > 0 {
			prev = h.Tokens[len(h.Tokens)-1]
		}
		for tok, lp := range p.LogProbs[prev] {
			if !math.IsInf(lp, -1) {
				cands = append(cands, Hyp{append(slices.Clone(h.Tokens), tok), h.LogProb + lp})
				last = append(last, lp)
			}
		}
	}
	idx := make([]int, len(cands))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return rank(last[a], last[b], cands[a].Tokens, cands[b].Tokens) })
	sorted := make([]Hyp, len(cands))
	for i, j := range idx {
		sorted[i] = cands[j]
	}
	cands = sorted
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
