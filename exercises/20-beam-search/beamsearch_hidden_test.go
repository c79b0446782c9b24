package beamsearch_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomTable is a bigram table over v tokens with log-probabilities from
// a seeded softmax of N(0, spread²) logits.
func randomTable(rng *rand.Rand, v int, spread float64) [][]float64 {
	rows := make([][]float64, v)
	for i := range rows {
		rows[i] = make([]float64, v)
		m, z := math.Inf(-1), 0.0
		for j := range rows[i] {
			rows[i][j] = spread * rng.NormFloat64()
			m = math.Max(m, rows[i][j])
		}
		for _, x := range rows[i] {
			z += math.Exp(x - m)
		}
		for j := range rows[i] {
			rows[i][j] -= m + math.Log(z)
		}
	}
	return rows
}

// bruteForce scores every sequence Search could return and keeps the best
// (ties: the smaller sequence).
func bruteForce(p problem) hyp {
	var best hyp
	bestScore := math.Inf(-1)
	var walk func(h hyp)
	walk = func(h hyp) {
		n := len(h.Tokens)
		if n > 0 && (h.Tokens[n-1] == p.EOS || n == p.MaxLen) {
			s := h.LogProb / math.Pow(float64(n), p.Alpha)
			if s > bestScore || (s == bestScore && slices.Compare(h.Tokens, best.Tokens) < 0) {
				best, bestScore = h, s
			}
			return
		}
		prev := p.Start
		if n > 0 {
			prev = h.Tokens[n-1]
		}
		for tok, lp := range p.LogProbs[prev] {
			walk(hyp{append(slices.Clone(h.Tokens), tok), h.LogProb + lp})
		}
	}
	walk(hyp{Tokens: []int{}})
	return best
}

// Full width keeps every sequence: Search must equal exhaustive search,
// for every α and with or without an end token.
func TestSearchFullWidthIsExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(20, 1))
	for k := range 60 {
		v, maxLen := 3, 4
		p := problem{LogProbs: randomTable(rng, v, 1.5), Start: k % v, EOS: k%(v+1) - 1, Width: 81, MaxLen: maxLen, Alpha: []float64{0, 0.5, 1, 2}[k%4]}
		want := bruteForce(p)
		got := Search(p)
		ok := len(got) > 0 && slices.Equal(got[0].Tokens, want.Tokens) && math.Abs(got[0].LogProb-want.LogProb) < 1e-9
		if !ok {
			t.Fatalf("case %d (EOS %d, α %v, width 81 ≥ 3^4): best %s, exhaustive search finds %v (ln p %.4f) — see lessons/20-beam-search.md, section “Beam search”",
				k, p.EOS, p.Alpha, showHyps(got[:min(1, len(got))]), want.Tokens, want.LogProb)
		}
	}
}

// Narrow beams on random tables, against the same search run to MaxLen with
// no early stop: stopping early must not change the answer. A stopping
// rule that divides the best live ln p by its current length instead of
// MaxLen^α is not a bound when α > 0 and stops too soon.
func TestSearchNarrowBeams(t *testing.T) {
	rng := rand.New(rand.NewPCG(20, 2))
	for k := range 80 {
		p := problem{LogProbs: randomTable(rng, 5, 2), Start: 0, EOS: 1 + k%4, Width: 1 + k%3, MaxLen: 7, Alpha: []float64{0, 0.6, 1, 1.5}[k%4]}
		got := Search(p)
		want := runToEnd(p)
		if !sameHyps(got, want) {
			t.Fatalf("case %d (width %d, EOS %d, α %v, MaxLen 7): got %s, want %s — see lessons/20-beam-search.md, section “Beam search”",
				k, p.Width, p.EOS, p.Alpha, showHyps(got), showHyps(want))
		}
	}
}

// runToEnd is beam search without any early stop.
func runToEnd(p problem) []hyp {
	live := []hyp{{Tokens: []int{}}}
	var done []hyp
	for step := 1; step <= p.MaxLen && len(live) > 0; step++ {
		var cands []hyp
		for _, h := range live {
			prev := p.Start
			if len(h.Tokens) > 0 {
				prev = h.Tokens[len(h.Tokens)-1]
			}
			for tok, lp := range p.LogProbs[prev] {
				cands = append(cands, hyp{append(slices.Clone(h.Tokens), tok), h.LogProb + lp})
			}
		}
		slices.SortStableFunc(cands, func(a, b hyp) int {
			if a.LogProb != b.LogProb {
				return -cmpFloat(a.LogProb, b.LogProb)
			}
			return slices.Compare(a.Tokens, b.Tokens)
		})
		live = nil
		for r, c := range cands {
			if c.Tokens[len(c.Tokens)-1] == p.EOS {
				if r < p.Width {
					done = append(done, c)
				}
			} else if len(live) < p.Width {
				live = append(live, c)
			}
		}
		if step == p.MaxLen {
			done = append(done, live...)
		}
	}
	score := func(h hyp) float64 { return h.LogProb / math.Pow(float64(len(h.Tokens)), p.Alpha) }
	slices.SortStableFunc(done, func(a, b hyp) int {
		if sa, sb := score(a), score(b); sa != sb {
			return -cmpFloat(sa, sb)
		}
		return slices.Compare(a.Tokens, b.Tokens)
	})
	return done[:min(len(done), p.Width)]
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
