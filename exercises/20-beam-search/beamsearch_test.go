package beamsearch_test

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	beamsearch "github.com/bitsandlogits/course/exercises/20-beam-search"
	"github.com/bitsandlogits/course/exercises/internal/check"
)

const (
	beamLesson    = check.Lesson("lessons/20-beam-search.md, section “Beam search”")
	penaltyLesson = check.Lesson("lessons/20-beam-search.md, section “The length penalty”")
	repeatLesson  = check.Lesson("lessons/20-beam-search.md, section “Beam search against sampling on real prompts”")
)

type (
	hyp     = beamsearch.Hyp
	problem = beamsearch.Problem
)

var ln = math.Log

// logs turns a table of probabilities into log-probabilities (0 → −Inf).
func logs(rows [][]float64) [][]float64 {
	out := make([][]float64, len(rows))
	for i, r := range rows {
		out[i] = make([]float64, len(r))
		for j, p := range r {
			out[i][j] = ln(p)
		}
	}
	return out
}

// toy is the lesson's worked example: start 0, EOS 3.
var toy = logs([][]float64{{0, 0.55, 0, 0.45}, {0, 0, 0.8, 0.2}, {0.4, 0, 0, 0.6}, {0.25, 0.25, 0.25, 0.25}})

func showHyps(hs []hyp) string {
	var b strings.Builder
	for _, h := range hs {
		fmt.Fprintf(&b, "%v (ln p %.4f) ", h.Tokens, h.LogProb)
	}
	return b.String()
}

// sameHyps reports whether got equals want: same tokens, log-probs to 1e-9.
func sameHyps(got, want []hyp) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if !slices.Equal(got[i].Tokens, want[i].Tokens) || math.Abs(got[i].LogProb-want[i].LogProb) > 1e-9 {
			return false
		}
	}
	return true
}

func TestNormalized(t *testing.T) {
	for _, c := range []struct {
		lp    float64
		l     int
		alpha float64
		want  float64
	}{
		{-4, 8, 0, -4},    // α = 0: ln p itself
		{-4, 8, 1, -0.5},  // α = 1: mean per token
		{-4, 16, 0.5, -1}, // √16 = 4
		{-3.0691, 6, 2, -3.0691 / 36},
	} {
		check.Close(t, fmt.Sprintf("Normalized(%v, L = %d, α = %v)", c.lp, c.l, c.alpha), Normalized(c.lp, c.l, c.alpha), c.want, 1e-12, penaltyLesson)
	}
}

// The lesson's check-yourself question 1: candidates are ranked by the
// cumulative ln p, not by the new token's ln p.
func TestStepPrunesByCumulativeLogProb(t *testing.T) {
	inf := math.Inf(-1)
	p := problem{
		LogProbs: [][]float64{{-0.2, -0.5, -3.0, inf}, {-0.05, -0.1, -4.0, inf}, {-1, -1, -1, inf}, {-1, -1, -1, inf}},
		Start:    2, EOS: -1, Width: 2, MaxLen: 5,
	}
	beam := []hyp{{Tokens: []int{0}, LogProb: -1.0}, {Tokens: []int{1}, LogProb: -2.5}}
	got := Step(p, beam)
	want := []hyp{{Tokens: []int{0, 0}, LogProb: -1.2}, {Tokens: []int{0, 1}, LogProb: -1.5}}
	check.Invariant(t, "Step keeps the two candidates with the largest cumulative ln p", sameHyps(got.Live, want) && len(got.Finished) == 0,
		fmt.Sprintf("beam %s → live %s finished %s; want live %s", showHyps(beam), showHyps(got.Live), showHyps(got.Finished), showHyps(want)), beamLesson)
}

// An EOS candidate within the first Width ranks is finished and leaves the
// beam; the beam is still filled with Width live candidates. An EOS
// candidate ranked after Width is dropped.
func TestStepFinishesAtEOS(t *testing.T) {
	p := problem{LogProbs: toy, Start: 0, EOS: 3, Width: 2, MaxLen: 6}
	got := Step(p, []hyp{{Tokens: []int{}}})
	check.Invariant(t, "first step of the worked example (width 2): EOS at rank 2 is finished, token 1 lives",
		sameHyps(got.Finished, []hyp{{[]int{3}, ln(0.45)}}) && sameHyps(got.Live, []hyp{{[]int{1}, ln(0.55)}}),
		fmt.Sprintf("live %s finished %s", showHyps(got.Live), showHyps(got.Finished)), beamLesson)

	p.Width = 1
	beam := []hyp{{Tokens: []int{1, 2}, LogProb: ln(0.44)}}
	got = Step(p, beam)
	check.Invariant(t, "after [1 2], width 1: EOS (0.6) ranks first and is finished; the beam keeps [1 2 0]",
		sameHyps(got.Finished, []hyp{{[]int{1, 2, 3}, ln(0.44) + ln(0.6)}}) && sameHyps(got.Live, []hyp{{[]int{1, 2, 0}, ln(0.44) + ln(0.4)}}),
		fmt.Sprintf("live %s finished %s", showHyps(got.Live), showHyps(got.Finished)), beamLesson)

	p.Width = 1
	got = Step(p, []hyp{{Tokens: []int{1}, LogProb: ln(0.55)}})
	check.Invariant(t, "after [1], width 1: EOS (0.2) ranks second and is not finished",
		len(got.Finished) == 0 && sameHyps(got.Live, []hyp{{[]int{1, 2}, ln(0.55) + ln(0.8)}}),
		fmt.Sprintf("live %s finished %s", showHyps(got.Live), showHyps(got.Finished)), beamLesson)
}

// Equal log-probabilities: the lexicographically smaller sequence first.
func TestStepTies(t *testing.T) {
	u := ln(0.25)
	p := problem{LogProbs: [][]float64{{u, u, u, u}, {u, u, u, u}, {u, u, u, u}, {u, u, u, u}}, Start: 3, EOS: 2, Width: 3, MaxLen: 4}
	got := Step(p, []hyp{{Tokens: []int{3}, LogProb: u}, {Tokens: []int{1}, LogProb: u}})
	wantLive := []hyp{{[]int{1, 0}, 2 * u}, {[]int{1, 1}, 2 * u}, {[]int{1, 3}, 2 * u}}
	wantDone := []hyp{{[]int{1, 2}, 2 * u}}
	check.Invariant(t, "eight tied candidates: the lexicographically smaller sequences first; [1 2] ends in EOS at rank 3 and is finished",
		sameHyps(got.Live, wantLive) && sameHyps(got.Finished, wantDone),
		fmt.Sprintf("live %s finished %s; want live %s finished %s", showHyps(got.Live), showHyps(got.Finished), showHyps(wantLive), showHyps(wantDone)), beamLesson)
}

// The worked example: α decides between the one-token answer, the
// three-token one and a loop.
func TestSearchLengthPenalty(t *testing.T) {
	for _, c := range []struct {
		alpha float64
		want  []int
		lp    float64
	}{
		{0, []int{3}, ln(0.45)},
		{1, []int{1, 2, 3}, ln(0.264)},
		{2, []int{1, 2, 0, 1, 2, 3}, ln(0.55 * 0.8 * 0.4 * 0.55 * 0.8 * 0.6)},
	} {
		got := Search(problem{LogProbs: toy, Start: 0, EOS: 3, Width: 4, MaxLen: 6, Alpha: c.alpha})
		check.Invariant(t, fmt.Sprintf("worked example, width 4, α = %v: best %v", c.alpha, c.want),
			len(got) > 0 && sameHyps(got[:1], []hyp{{c.want, c.lp}}),
			"got "+showHyps(got), penaltyLesson)
	}
}

// Width 1 with α = 0 is greedy decoding; the worked example's greedy
// answer is [1 2 3], not the more probable [3].
func TestSearchWidthOneIsGreedy(t *testing.T) {
	got := Search(problem{LogProbs: toy, Start: 0, EOS: 3, Width: 1, MaxLen: 6})
	check.Invariant(t, "width 1, α = 0 on the worked example is greedy: [1 2 3]",
		sameHyps(got, []hyp{{[]int{1, 2, 3}, ln(0.264)}}), "got "+showHyps(got), beamLesson)
}

// The early stop must be a bound. Width 1, α = 1, EOS 2: after step 1 the
// pool holds [2] (ln 0.45, score −0.799) and the beam [1] (ln 0.4). Divided
// by its current length 1, −0.916 looks worse than −0.799; but a live
// hypothesis can still reach MaxLen = 4, and −0.916/4 = −0.229 is better,
// so the search must go on — to [1 0 1 0], ln 0.1296, score −0.511.
func TestSearchStopsOnlyByABound(t *testing.T) {
	rows := logs([][]float64{{0.15, 0.4, 0.45}, {0.9, 0.05, 0.05}, {1.0 / 3, 1.0 / 3, 1.0 / 3}})
	got := Search(problem{LogProbs: rows, Start: 0, EOS: 2, Width: 1, MaxLen: 4, Alpha: 1})
	check.Invariant(t, "width 1, α = 1: stop only when no live hypothesis can still win: best [1 0 1 0]",
		sameHyps(got, []hyp{{[]int{1, 0, 1, 0}, ln(0.1296)}}), "got "+showHyps(got), beamLesson)
}

// 400 tokens from a model whose largest probability is 0.13: every
// product of probabilities is 0 in float64 (0.13^400 ≈ 1e-354); sums of
// logs still find the best sequence, all 7s (tied with 9: 7 is smaller).
func TestSearchLongSequence(t *testing.T) {
	row := []float64{0.04, 0.06, 0.08, 0.1, 0.1, 0.12, 0.12, 0.13, 0.12, 0.13}
	rows := make([][]float64, len(row))
	for i := range rows {
		rows[i] = row
	}
	got := Search(problem{LogProbs: logs(rows), Start: 0, EOS: -1, Width: 2, MaxLen: 400})
	sevens := slices.Repeat([]int{7}, 400)
	ok := len(got) == 2 && slices.Equal(got[0].Tokens, sevens) && math.Abs(got[0].LogProb-400*ln(0.13)) < 1e-8
	detail := "got no hypothesis"
	if len(got) > 0 {
		detail = fmt.Sprintf("best starts %v…, ln p %v (want 400 × ln 0.13 = %.4f)", got[0].Tokens[:min(8, len(got[0].Tokens))], got[0].LogProb, 400*ln(0.13))
	}
	check.Invariant(t, "400 tokens: sum log-probabilities, never multiply probabilities", ok, detail, beamLesson)
}

func TestRepeatedNGramRate(t *testing.T) {
	for _, c := range []struct {
		text string
		n    int
		want float64
	}{
		{"a b c d e f", 2, 0},
		{"a b c a b c a b", 2, 4.0 / 7},
		{"the cat the dog the", 1, 2.0 / 5},
		{"x y x y x y x y", 4, 3.0 / 5},
		{"a b", 3, 0},
		{"the first Particles of the first Particles of the first", 4, 3.0 / 7},
	} {
		check.Close(t, fmt.Sprintf("RepeatedNGramRate(%q, %d)", c.text, c.n), RepeatedNGramRate(strings.Fields(c.text), c.n), c.want, 1e-15, repeatLesson)
	}
}
