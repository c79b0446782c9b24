// Mutant: The early stop divides the best live ln p by the next length (step + 1)^α instead of MaxLen^α: not a bound.

// Package beamsearch is exercise 20: beam search with a length penalty on a
// bigram model — prune by cumulative log-probability, finish hypotheses at
// EOS, stop when nothing live can win — and the repeated n-gram rate that
// shows what it does to text.
package beamsearch

import (
	"cmp"
	"math"
	"slices"
)

// Hyp is a hypothesis: the tokens generated after the start token (EOS
// included when it ended there) and their total log-probability.
type Hyp struct {
	Tokens  []int
	LogProb float64
}

// Problem is a bigram model and the search's settings.
type Problem struct {
	LogProbs [][]float64 // LogProbs[a][b] = ln p(b | previous token a); may hold −Inf
	Start    int         // the token before the first generated one
	EOS      int         // the end token; −1 for none
	Width    int         // hypotheses kept per step, ≥ 1
	MaxLen   int         // tokens generated at most, ≥ 1
	Alpha    float64     // length penalty exponent, ≥ 0
}

// StepResult is what one beam step returns.
type StepResult struct {
	Live     []Hyp // the best Width candidates that do not end in EOS, best first
	Finished []Hyp // candidates ending in EOS that rank within the first Width, best first
}

// Normalized is the length-normalised score ln p / L^α.
func Normalized(logProb float64, length int, alpha float64) float64 {
	return logProb / math.Pow(float64(length), alpha)
}

// rank orders by key (larger first), then by the lexicographically smaller sequence.
func rank(ka, kb float64, a, b []int) int {
	if c := cmp.Compare(kb, ka); c != 0 {
		return c
	}
	return slices.Compare(a, b)
}

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
			Normalized(live[0].LogProb, step+1, p.Alpha) <= Normalized(done[p.Width-1].LogProb, len(done[p.Width-1].Tokens), p.Alpha) {
			break
		}
	}
	sortByScore(done, p.Alpha)
	return done[:min(len(done), p.Width)]
}

func sortByScore(hs []Hyp, alpha float64) {
	slices.SortFunc(hs, func(a, b Hyp) int {
		return rank(Normalized(a.LogProb, len(a.Tokens), alpha), Normalized(b.LogProb, len(b.Tokens), alpha), a.Tokens, b.Tokens)
	})
}

// RepeatedNGramRate is the fraction of the len(words) − n + 1 n-grams of
// words that already occurred at an earlier position; 0 when there are none.
func RepeatedNGramRate(words []string, n int) float64 {
	total := len(words) - n + 1
	if total < 1 {
		return 0
	}
	seen := map[string]bool{}
	repeated := 0
	for i := range total {
		key := ""
		for _, w := range words[i : i+n] {
			key += w + "\x00"
		}
		if seen[key] {
			repeated++
		}
		seen[key] = true
	}
	return float64(repeated) / float64(total)
}
