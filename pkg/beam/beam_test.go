package beam

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/bitsandlogits/course/pkg/probability"
	"github.com/bitsandlogits/course/pkg/sampling"
)

// randomModel is a next-token model over v tokens whose distribution
// depends on the whole context (a hash of it seeds the logits), so no
// Markov shortcut can make beam search look exact.
func randomModel(seed uint64, v int, spread float64) LogProbs {
	return func(ctx []int) []float64 {
		h := seed
		for _, t := range ctx {
			h = h*1099511628211 + uint64(t) + 1
		}
		rng := rand.New(rand.NewPCG(h, seed))
		logits := make([]float64, v)
		for i := range logits {
			logits[i] = spread * rng.NormFloat64()
		}
		return probability.LogSoftmax(logits)
	}
}

// table is a bigram model: row = the last token (the prompt's last token at the start).
func table(rows [][]float64) LogProbs {
	return func(ctx []int) []float64 {
		lp := make([]float64, len(rows[0]))
		for i, p := range rows[ctx[len(ctx)-1]] {
			lp[i] = math.Log(p)
		}
		return lp
	}
}

func TestFullWidthEqualsExhaustive(t *testing.T) {
	for seed := range uint64(40) {
		v, maxLen := 3, 4
		m := randomModel(seed, v, 1.5)
		for _, alpha := range []float64{0, 0.5, 1, 2} {
			for _, eos := range []int{-1, 0, 2} {
				cfg := Config{Width: 81, MaxLen: maxLen, EOS: eos, Alpha: alpha} // 3^4
				want := Exhaustive(m, []int{1}, cfg)
				got := Search(m, []int{1}, cfg)[0]
				if !slices.Equal(got.Tokens, want.Tokens) || math.Abs(got.Score-want.Score) > 1e-12 {
					t.Fatalf("seed %d α %v EOS %d: Search %v (%.6f), Exhaustive %v (%.6f)", seed, alpha, eos, got.Tokens, got.Score, want.Tokens, want.Score)
				}
			}
		}
	}
}

// Beam search never returns a better score than the exhaustive optimum, and
// a wider beam finds it more often on random models.
func TestNarrowBeamsNeverBeatExhaustive(t *testing.T) {
	hits := map[int]int{}
	for seed := range uint64(60) {
		m := randomModel(seed+100, 4, 2)
		cfg := Config{MaxLen: 5, EOS: 0, Alpha: 1}
		best := Exhaustive(m, []int{2}, cfg)
		for _, w := range []int{1, 2, 8} {
			cfg.Width = w
			got := Search(m, []int{2}, cfg)
			if len(got) == 0 || len(got) > w {
				t.Fatalf("width %d returned %d hypotheses", w, len(got))
			}
			if got[0].Score > best.Score+1e-12 {
				t.Fatalf("seed %d width %d: %.6f beats the exhaustive optimum %.6f", seed, w, got[0].Score, best.Score)
			}
			if slices.Equal(got[0].Tokens, best.Tokens) {
				hits[w]++
			}
			for i := 1; i < len(got); i++ {
				if got[i].Score > got[i-1].Score {
					t.Fatalf("results not sorted by score: %v", got)
				}
			}
		}
	}
	if !(hits[1] <= hits[2] && hits[2] <= hits[8] && hits[8] > hits[1]) {
		t.Errorf("optimum found by width 1, 2, 8: %d, %d, %d of 60; want non-decreasing and growing", hits[1], hits[2], hits[8])
	}
	t.Logf("optimum found by width 1, 2, 8: %d, %d, %d of 60", hits[1], hits[2], hits[8])
}

func TestWidthOneIsGreedy(t *testing.T) {
	for seed := range uint64(30) {
		m := randomModel(seed+7, 5, 2)
		ctx := []int{3}
		var greedy []int
		for len(greedy) < 12 {
			tok := sampling.Greedy(m(ctx))
			greedy, ctx = append(greedy, tok), append(ctx, tok)
			if tok == 1 {
				break
			}
		}
		got := Search(m, []int{3}, Config{Width: 1, MaxLen: 12, EOS: 1})
		if !slices.Equal(got[0].Tokens, greedy) {
			t.Fatalf("seed %d: width 1 %v, greedy %v", seed, got[0].Tokens, greedy)
		}
	}
}

// A hand-built bigram where the length penalty decides. From the start
// token 0: EOS (3) at once with p = 0.5, or 1 → 2 → EOS with p = 0.5·0.8·0.6
// = 0.24, or round the loop 1 → 2 → 0 again (0.5·0.8·0.4 = 0.16 per lap).
// α = 0 takes the one-token answer, α = 1 the three-token one, α = 2
// over-corrects and goes round the loop once more.
func TestLengthPenalty(t *testing.T) {
	m := table([][]float64{
		{0, 0.5, 0, 0.5},
		{0, 0, 0.8, 0.2},
		{0.4, 0, 0, 0.6},
		{0.25, 0.25, 0.25, 0.25},
	})
	for _, c := range []struct {
		alpha float64
		want  []int
		score float64
	}{
		{0, []int{3}, math.Log(0.5)},                           // −0.6931
		{1, []int{1, 2, 3}, math.Log(0.24) / 3},                // −0.4757
		{2, []int{1, 2, 0, 1, 2, 3}, math.Log(0.16*0.24) / 36}, // −0.0905
	} {
		got := Search(m, []int{0}, Config{Width: 4, MaxLen: 6, EOS: 3, Alpha: c.alpha})[0]
		if !slices.Equal(got.Tokens, c.want) || math.Abs(got.Score-c.score) > 1e-12 || !got.Done {
			t.Errorf("α %v: got %v score %.6f done %v, want %v score %.6f", c.alpha, got.Tokens, got.Score, got.Done, c.want, c.score)
		}
	}
}

// 3,000 tokens: the best sequence has p = 0.5^3000 ≈ 1e-903, which is 0 in
// float64 (as is every other product); the sums of logs still rank them.
func TestLongSequencesDoNotUnderflow(t *testing.T) {
	m := table([][]float64{{0.4, 0.1, 0.5}, {0.4, 0.1, 0.5}, {0.4, 0.1, 0.5}})
	got := Search(m, []int{0}, Config{Width: 2, MaxLen: 3000, EOS: -1})
	if len(got) != 2 || math.Abs(got[0].LogProb-3000*math.Log(0.5)) > 1e-9 || math.Exp(got[0].LogProb) != 0 {
		t.Fatalf("best %v, want 3000 × ln 0.5", got[0].LogProb)
	}
	want := 2999*math.Log(0.5) + math.Log(0.4)
	if math.Abs(got[1].LogProb-want) > 1e-9 || math.Exp(got[1].LogProb) != 0 {
		t.Errorf("second %v, want %v (whose exponential underflows to 0)", got[1].LogProb, want)
	}
}

// Ties break towards the lexicographically smaller sequence, whatever the
// order of the candidates.
func TestTiesPreferSmallerSequence(t *testing.T) {
	m := table([][]float64{{0.25, 0.25, 0.25, 0.25}, {0.25, 0.25, 0.25, 0.25}, {0.25, 0.25, 0.25, 0.25}, {0.25, 0.25, 0.25, 0.25}})
	got := Search(m, []int{3}, Config{Width: 3, MaxLen: 2, EOS: -1})
	want := [][]int{{0, 0}, {0, 1}, {0, 2}}
	for i, h := range got {
		if !slices.Equal(h.Tokens, want[i]) {
			t.Fatalf("hypothesis %d: %v, want %v", i, h.Tokens, want[i])
		}
	}
	if ex := Exhaustive(m, []int{3}, Config{MaxLen: 2, EOS: -1}); !slices.Equal(ex.Tokens, []int{0, 0}) {
		t.Errorf("Exhaustive tie: %v, want [0 0]", ex.Tokens)
	}
}

func TestSearchLeavesPromptAlone(t *testing.T) {
	prompt := []int{1, 2, 0}
	Search(randomModel(1, 3, 1), prompt, Config{Width: 3, MaxLen: 4, EOS: 0})
	if !slices.Equal(prompt, []int{1, 2, 0}) {
		t.Errorf("prompt changed to %v", prompt)
	}
}

func TestBadConfigPanics(t *testing.T) {
	for _, c := range []Config{{Width: 0, MaxLen: 1}, {Width: 1, MaxLen: 0}, {Width: 1, MaxLen: 1, Alpha: -1}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%+v: no panic", c)
				}
			}()
			Search(randomModel(1, 2, 1), []int{0}, c)
		}()
	}
}

// FuzzSearch: on any small random model, full width equals the exhaustive
// optimum and every returned hypothesis carries its own log-probability.
func FuzzSearch(f *testing.F) {
	f.Add(uint64(1), uint8(3), uint8(3), uint8(2), 1.0)
	f.Fuzz(func(t *testing.T, seed uint64, v, maxLen, eos uint8, alpha float64) {
		V, L := int(v%3)+2, int(maxLen%4)+1
		if math.IsNaN(alpha) || alpha < 0 || alpha > 4 {
			alpha = 1
		}
		m := randomModel(seed, V, 3)
		cfg := Config{Width: int(math.Pow(float64(V), float64(L))), MaxLen: L, EOS: int(eos%uint8(V+1)) - 1, Alpha: alpha}
		want := Exhaustive(m, []int{0}, cfg)
		got := Search(m, []int{0}, cfg)
		if !slices.Equal(got[0].Tokens, want.Tokens) {
			t.Fatalf("Search %v, Exhaustive %v", got[0].Tokens, want.Tokens)
		}
		for _, h := range got {
			lp, ctx := 0.0, []int{0}
			for _, tok := range h.Tokens {
				lp += m(ctx)[tok]
				ctx = append(ctx, tok)
			}
			if math.Abs(lp-h.LogProb) > 1e-9 || len(h.Tokens) > L || h.Done != (h.Tokens[len(h.Tokens)-1] == cfg.EOS) {
				t.Fatalf("hypothesis %+v: recomputed ln p %v", h, lp)
			}
		}
	})
}

func TestTopTokens(t *testing.T) {
	inf := math.Inf(-1)
	lp := []float64{-1, -0.5, inf, -0.5, -3, -0.2}
	for k, want := range map[int][]int{1: {5}, 3: {5, 1, 3}, 5: {5, 1, 3, 0, 4}, 9: {5, 1, 3, 0, 4}} {
		if got := topTokens(lp, k); !slices.Equal(got, want) {
			t.Errorf("k = %d: %v, want %v", k, got, want)
		}
	}
}

// naiveSearch is Search without the per-parent shortcut: every one of the
// Width × V candidates is materialised and sorted.
func naiveSearch(model LogProbs, prompt []int, cfg Config) []Hypothesis {
	live := []Hypothesis{{Tokens: []int{}}}
	var done []Hypothesis
	for step := 1; step <= cfg.MaxLen && len(live) > 0; step++ {
		var cands []Hypothesis
		for _, h := range live {
			for tok, l := range model(append(slices.Clone(prompt), h.Tokens...)) {
				cands = append(cands, Hypothesis{Tokens: append(slices.Clone(h.Tokens), tok), LogProb: h.LogProb + l, Done: tok == cfg.EOS})
			}
		}
		slices.SortFunc(cands, func(a, b Hypothesis) int { return better(a.LogProb, b.LogProb, a.Tokens, b.Tokens) })
		live = nil
		for rank, c := range cands {
			if c.Done && rank < cfg.Width {
				done = append(done, c)
			} else if !c.Done && len(live) < cfg.Width {
				live = append(live, c)
			}
		}
		if step == cfg.MaxLen {
			done = append(done, live...)
		}
	}
	done = rankByScore(done, cfg.Alpha)
	return done[:min(len(done), cfg.Width)]
}

func TestSearchEqualsNaive(t *testing.T) {
	for seed := range uint64(50) {
		m := randomModel(seed+300, 6, 1+float64(seed%3))
		for _, w := range []int{1, 2, 3, 5} {
			cfg := Config{Width: w, MaxLen: 6, EOS: int(seed % 3), Alpha: float64(seed%4) / 2}
			got, want := Search(m, []int{1}, cfg), naiveSearch(m, []int{1}, cfg)
			if len(got) != len(want) {
				t.Fatalf("seed %d width %d: %d hypotheses, naive %d", seed, w, len(got), len(want))
			}
			for i := range got {
				if !slices.Equal(got[i].Tokens, want[i].Tokens) || got[i].Score != want[i].Score {
					t.Fatalf("seed %d width %d #%d: %v %v, naive %v %v", seed, w, i, got[i].Tokens, got[i].Score, want[i].Tokens, want[i].Score)
				}
			}
		}
	}
}
