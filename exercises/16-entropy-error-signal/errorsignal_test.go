package errorsignal_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

const lesson = check.Lesson("lessons/16-entropy-error-signal.md, section “AUROC: one number for a ranking”")

func TestAUROCHandComputed(t *testing.T) {
	for _, c := range []struct {
		name  string
		score []float64
		pos   []bool
		want  float64
	}{
		// Pairs (pos, neg): (0.8, 0.1) win, (0.8, 0.4) win, (0.35, 0.1) win, (0.35, 0.4) loss.
		{"scikit-learn's example", []float64{0.1, 0.4, 0.35, 0.8}, []bool{false, false, true, true}, 0.75},
		{"perfect separation", []float64{-math.Inf(1), 0, 1, math.Inf(1)}, []bool{false, false, true, true}, 1},
		{"inverted", []float64{3, 2, 1}, []bool{false, false, true}, 0},
	} {
		check.Close(t, fmt.Sprintf("AUROC, %s: %v %v", c.name, c.score, c.pos), AUROC(c.score, c.pos), c.want, 1e-12, lesson)
	}
}

func TestAUROCTies(t *testing.T) {
	check.Close(t, "AUROC of a constant score (every pair a tie)", AUROC([]float64{5, 5, 5, 5, 5}, []bool{true, false, true, false, false}), 0.5, 1e-12, lesson)
	// Pairs: (2, 1) win, (2, 2) tie = ½, (3, 1) win, (3, 2) win → 3.5 / 4.
	check.Close(t, "AUROC([1 2 2 3], [neg neg pos pos])", AUROC([]float64{1, 2, 2, 3}, []bool{false, false, true, true}), 0.875, 1e-12, lesson)
	got := AUROC([]float64{1, 2}, []bool{true, true})
	check.Invariant(t, "with no negative example the area is undefined (NaN)", math.IsNaN(got), fmt.Sprintf("got %v", got), lesson)
}

// pairwise is the O(n²) definition.
func pairwise(score []float64, pos []bool) float64 {
	wins, pairs := 0.0, 0.0
	for i := range score {
		for j := range score {
			if pos[i] && !pos[j] {
				pairs++
				if score[i] > score[j] {
					wins++
				} else if score[i] == score[j] {
					wins += 0.5
				}
			}
		}
	}
	return wins / pairs
}

func TestAUROCPairwise(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 16))
	for trial := range 40 {
		n := 2 + rng.IntN(80)
		score, pos, neg := make([]float64, n), make([]bool, n), make([]float64, n)
		for i := range score {
			score[i] = float64(rng.IntN(6)) // few distinct values: many ties
			neg[i] = -score[i]
			pos[i] = i == 0 || (i != 1 && rng.IntN(3) == 0)
		}
		got := AUROC(score, pos)
		check.Close(t, fmt.Sprintf("trial %d: AUROC against the pairwise definition, scores %v, positives %v", trial, score, pos), got, pairwise(score, pos), 1e-12, lesson)
		check.Close(t, fmt.Sprintf("trial %d: AUROC(−score) = 1 − AUROC(score)", trial), AUROC(neg, pos), 1-got, 1e-12, lesson)
		if t.Failed() {
			return
		}
	}
}

func TestAUROCMillion(t *testing.T) {
	// Positives score N(1, 1), negatives N(0, 1): AUROC = Φ(1/√2) = 0.76025.
	const n = 1_000_000
	rng := rand.New(rand.NewPCG(1, 6))
	score, pos := make([]float64, n), make([]bool, n)
	for i := range score {
		pos[i] = rng.IntN(2) == 0
		score[i] = rng.NormFloat64()
		if pos[i] {
			score[i]++
		}
	}
	want := 0.5 * math.Erfc(-0.5) // Φ(1/√2)
	check.Close(t, "AUROC of N(1,1) positives vs N(0,1) negatives, 10⁶ examples (within 0.003)", AUROC(score, pos), want, 0.003, lesson)
}

func TestAccuracyByBin(t *testing.T) {
	score := []float64{0.1, 0.4, 0.5, 0.9, 1.2, 1.7, 2.5, -1}
	correct := []bool{true, true, false, true, false, false, true, true}
	acc, count := AccuracyByBin(score, correct, []float64{0, 0.5, 1, 2, 3})
	wantCount := []int{2, 2, 2, 1}
	if fmt.Sprint(count) != fmt.Sprint(wantCount) {
		t.Errorf("AccuracyByBin counts: expected %v, got %v (bins [0,0.5) [0.5,1) [1,2) [2,3); −1 is outside)\n    %v", wantCount, count, lesson)
	}
	check.Slice(t, "AccuracyByBin accuracies", acc, []float64{1, 0.5, 0, 1}, 1e-12, lesson)
	acc, count = AccuracyByBin([]float64{0.2}, []bool{true}, []float64{0, 1, 2})
	check.Invariant(t, "an empty bin has accuracy NaN and count 0", len(acc) == 2 && math.IsNaN(acc[1]) && count[1] == 0,
		fmt.Sprintf("got accuracy %v, count %v", acc, count), lesson)
}

const baseRateLesson = check.Lesson("lessons/16-entropy-error-signal.md, section “Pitfalls” (an AUROC without its base rate) and lessons/10-bayes-calibration.md, section “The base-rate trap”")

func TestFlagAtThreshold(t *testing.T) {
	score := []float64{0.1, 0.4, 0.35, 0.8, 0.4}
	pos := []bool{false, false, true, true, true}
	// Flag score > 0.35: the positive AT 0.35 is not flagged; 0.4 (negative), 0.8 and 0.4 (positives) are.
	recall, precision := FlagAtThreshold(score, pos, 0.35)
	check.Close(t, "recall of FlagAtThreshold(score > 0.35)", recall, 2.0/3, 1e-12, baseRateLesson)
	check.Close(t, "precision of FlagAtThreshold(score > 0.35)", precision, 2.0/3, 1e-12, baseRateLesson)
	recall, precision = FlagAtThreshold(score, pos, 0.9)
	check.Close(t, "recall when nothing is flagged", recall, 0, 1e-12, baseRateLesson)
	check.Invariant(t, "precision is NaN when nothing is flagged (0/0)", math.IsNaN(precision), fmt.Sprintf("got %v", precision), baseRateLesson)
}

func TestFlagBaseRate(t *testing.T) {
	// The same detector (identical score distributions per class) at base rates 50 % and 4 %:
	// AUROC and recall do not move, precision collapses. Golden values: scikit-learn.
	posScores, negScores := []float64{2.5, 3.0, 3.5, 1.0}, []float64{0.5, 1.5, 2.0, 2.6}
	for _, c := range []struct {
		copies                 int
		auroc, recall, precise float64
	}{{1, 0.75, 0.75, 0.75}, {24, 0.75, 0.75, 0.1111111111111111}} {
		score := append([]float64{}, posScores...)
		pos := []bool{true, true, true, true}
		for range c.copies {
			score = append(score, negScores...)
			pos = append(pos, false, false, false, false)
		}
		rate := fmt.Sprintf("base rate %.0f %%", 400.0/float64(len(score)))
		check.Close(t, "AUROC at "+rate, AUROC(score, pos), c.auroc, 1e-12, baseRateLesson)
		recall, precision := FlagAtThreshold(score, pos, 2.2)
		check.Close(t, "recall of score > 2.2 at "+rate, recall, c.recall, 1e-12, baseRateLesson)
		check.Close(t, "precision of score > 2.2 at "+rate+" (most flags are false alarms when errors are rare)", precision, c.precise, 1e-12, baseRateLesson)
	}
}
