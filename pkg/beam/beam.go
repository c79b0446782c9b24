// Package beam searches for high-probability continuations of a prompt under
// a next-token model: beam search with a length penalty, and the exhaustive
// search it approximates.
//
// A hypothesis y = y₁ … y_L after a prompt has log-probability
//
//	ln p(y) = Σ_t ln p(y_t | prompt, y_<t)
//
// and the length-normalised score
//
//	score(y) = ln p(y) / L^α
//
// with L counting the EOS token when y ends with it. This is the form of
// Hugging Face's length_penalty, whose L leaves EOS out: α = 0 ranks by
// ln p(y) and favours short hypotheses (every extra token adds a negative term), α = 1
// ranks by the mean log-probability per token. Wu et al. (2016, "Google's
// neural machine translation system") divide by ((5 + L)/6)^α instead; both
// are monotone in L and leave the ranking of equal-length hypotheses alone.
//
// Search keeps the Width hypotheses with the largest ln p(y) at each length
// (all live hypotheses have the same length, so ln p and the score rank them
// alike), moves a hypothesis that emits EOS to the finished pool, and stops
// when no live hypothesis can still beat the Width-th best finished score.
// Ties are broken towards the lexicographically smaller token sequence, so
// every result is deterministic. Everything is summed in log space: a
// product of probabilities underflows to 0 after a few hundred tokens.
package beam

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// LogProbs is a next-token model: ln p(· | ctx) over the vocabulary. It must
// not keep or modify ctx. The course's models provide it as a method value
// (ngram.Model.NextLogProbs, neural.Model.NextLogProbs).
type LogProbs func(ctx []int) []float64

// Config selects the search.
type Config struct {
	Width  int     // hypotheses kept per step, ≥ 1
	MaxLen int     // new tokens at most, ≥ 1
	EOS    int     // the token that ends a hypothesis (kept in it); −1 for none
	Alpha  float64 // length penalty exponent α ≥ 0 in score = ln p / L^α
}

// Hypothesis is one continuation of the prompt.
type Hypothesis struct {
	Tokens  []int   // the generated tokens, prompt excluded, EOS included when it ended there
	LogProb float64 // ln p(Tokens | prompt), nats
	Score   float64 // LogProb / len(Tokens)^α
	Done    bool    // ended with EOS (otherwise cut at MaxLen)
}

// Score is the length-normalised score ln p / L^α; L ≥ 1.
func Score(logProb float64, length int, alpha float64) float64 {
	if length < 1 {
		panic(fmt.Sprintf("beam: Score: length %d, want ≥ 1", length))
	}
	if alpha == 0 {
		return logProb
	}
	return logProb / math.Pow(float64(length), alpha)
}

// better reports whether a ranks before b: larger key, then the
// lexicographically smaller sequence.
func better(ka, kb float64, a, b []int) int {
	if c := cmp.Compare(kb, ka); c != 0 {
		return c
	}
	return slices.Compare(a, b)
}

func (c Config) check(fn string) {
	if c.Width < 1 || c.MaxLen < 1 || c.Alpha < 0 || math.IsNaN(c.Alpha) {
		panic(fmt.Sprintf("beam: %s: Width %d, MaxLen %d, Alpha %v (want Width ≥ 1, MaxLen ≥ 1, Alpha ≥ 0)", fn, c.Width, c.MaxLen, c.Alpha))
	}
}

// Search runs beam search after prompt and returns up to Width hypotheses,
// best score first. Each step extends every live hypothesis by every token
// (Width × V candidates), ranks the candidates by ln p, sends those that end
// in EOS and rank within the first Width to the finished pool, and keeps the
// best Width that do not as the live beams. A live hypothesis still running
// at MaxLen is finished there. The search stops early when the pool holds
// Width hypotheses and the best live ln p divided by MaxLen^α — the most any
// continuation of it can score, since ln p only falls — does not exceed the
// pool's Width-th score: no later hypothesis could rank above the pool.
// With Width ≥ V^MaxLen nothing is pruned and the result is exact
// (see Exhaustive); Width 1 with α = 0 is greedy decoding. Cost: up to
// Width · MaxLen model calls.
func Search(model LogProbs, prompt []int, cfg Config) []Hypothesis {
	cfg.check("Search")
	live := []Hypothesis{{Tokens: []int{}}}
	var done []Hypothesis
	ctx := slices.Clone(prompt)
	for step := 1; step <= cfg.MaxLen && len(live) > 0; step++ {
		cands := expand(model, ctx, live, cfg.Width)
		var next []Hypothesis
		for rank, c := range cands {
			if len(next) == cfg.Width && rank >= cfg.Width {
				break
			}
			isEOS := c.tok == cfg.EOS
			if (isEOS && rank >= cfg.Width) || (!isEOS && len(next) == cfg.Width) {
				continue
			}
			h := Hypothesis{Tokens: append(slices.Clip(slices.Clone(live[c.parent].Tokens)), c.tok), LogProb: c.logProb, Done: isEOS}
			if isEOS {
				done = append(done, h)
			} else {
				next = append(next, h)
			}
		}
		live = next
		if step == cfg.MaxLen {
			done = append(done, live...)
			break
		}
		done = rankByScore(done, cfg.Alpha)
		done = done[:min(len(done), cfg.Width)] // only the best Width can be returned
		if len(done) >= cfg.Width && len(live) > 0 &&
			Score(live[0].LogProb, cfg.MaxLen, cfg.Alpha) <= done[cfg.Width-1].Score {
			break
		}
	}
	done = rankByScore(done, cfg.Alpha)
	return done[:min(len(done), cfg.Width)]
}

// candidate is one extension: parent hypothesis, token, its ln p.
type candidate struct {
	parent, tok int
	logProb     float64
}

// expand returns the one-token extensions of the live hypotheses that can
// matter, ranked by ln p (ties: smaller sequence first). The candidates
// Search keeps lie within the first Width + 1 tokens of their own parent (a
// parent has one EOS; any Width of its non-EOS candidates above a candidate
// would push it out), so only those are ranked: O(Width · V) per step instead of sorting Width · V candidates.
func expand(model LogProbs, prompt []int, live []Hypothesis, width int) []candidate {
	order := make([]int, len(live)) // parents in lexicographic order, for ties
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return slices.Compare(live[a].Tokens, live[b].Tokens) })
	lexRank := make([]int, len(live))
	for r, i := range order {
		lexRank[i] = r
	}
	var cands []candidate
	ctx := slices.Clone(prompt)
	for p, h := range live {
		ctx = append(ctx[:len(prompt)], h.Tokens...)
		lp := model(ctx)
		for _, tok := range topTokens(lp, width+1) {
			cands = append(cands, candidate{p, tok, h.LogProb + lp[tok]})
		}
	}
	slices.SortFunc(cands, func(a, b candidate) int {
		if c := cmp.Compare(b.logProb, a.logProb); c != 0 {
			return c
		}
		if c := cmp.Compare(lexRank[a.parent], lexRank[b.parent]); c != 0 {
			return c
		}
		return cmp.Compare(a.tok, b.tok)
	})
	return cands
}

// topTokens returns the indices of the k largest finite entries of lp,
// largest first, ties to the lower index.
func topTokens(lp []float64, k int) []int {
	top := make([]int, 0, k+1)
	for tok, l := range lp {
		if math.IsInf(l, -1) || (len(top) == k && l <= lp[top[k-1]]) {
			continue
		}
		at := len(top)
		for at > 0 && l > lp[top[at-1]] {
			at--
		}
		top = slices.Insert(top, at, tok)
		if len(top) > k {
			top = top[:k]
		}
	}
	return top
}

// rankByScore sets each hypothesis's Score and sorts best first.
func rankByScore(hs []Hypothesis, alpha float64) []Hypothesis {
	for i := range hs {
		hs[i].Score = Score(hs[i].LogProb, len(hs[i].Tokens), alpha)
	}
	slices.SortFunc(hs, func(a, b Hypothesis) int { return better(a.Score, b.Score, a.Tokens, b.Tokens) })
	return hs
}

// Exhaustive returns the best-scoring hypothesis over every sequence the
// search could return: those ending at their first EOS within MaxLen tokens
// and those of exactly MaxLen tokens with no EOS, each scored as in Search
// (Width is ignored). It enumerates up to V^MaxLen sequences: for checking
// Search on small models only.
func Exhaustive(model LogProbs, prompt []int, cfg Config) Hypothesis {
	cfg.Width = 1
	cfg.check("Exhaustive")
	var best Hypothesis
	found := false
	var walk func(h Hypothesis)
	walk = func(h Hypothesis) {
		if h.Done || len(h.Tokens) == cfg.MaxLen {
			h.Score = Score(h.LogProb, len(h.Tokens), cfg.Alpha)
			if !found || better(h.Score, best.Score, h.Tokens, best.Tokens) < 0 {
				best, found = h, true
			}
			return
		}
		lp := model(append(slices.Clone(prompt), h.Tokens...))
		for tok, l := range lp {
			if !math.IsInf(l, -1) {
				walk(Hypothesis{Tokens: append(slices.Clone(h.Tokens), tok), LogProb: h.LogProb + l, Done: tok == cfg.EOS})
			}
		}
	}
	walk(Hypothesis{Tokens: []int{}})
	return best
}
