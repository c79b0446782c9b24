package neural

import (
	"math"
	"strings"
	"testing"
	"time"
)

// tinyTransformer is a shape small enough to train in seconds.
var tinyTransformer = Config{Arch: Transformer, Context: 16, Embed: 16, Hidden: 32, Layers: 2, Heads: 4}

// A few dozen steps of a tiny transformer on a repetitive text lower the
// validation loss below half of ln 256, and the model reloads to the same
// numbers; its attention rows are causal distributions.
func TestTransformerTrainSaveLoad(t *testing.T) {
	text := strings.Repeat("the light of the sun is refracted. ", 200)
	dir := t.TempDir()
	m, curve, err := Train(text, text[:700], TrainConfig{
		Model: tinyTransformer, Batch: 8, LearningRate: 0.01,
		MaxSteps: 60, EvalEvery: 20, EvalBytes: 256, MaxTime: time.Minute, Dir: dir,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(curve) != 3 {
		t.Fatalf("curve has %d checkpoints, want 3", len(curve))
	}
	if v := m.Info().ValidationNats; !(v < math.Log(256)/2) {
		t.Fatalf("validation %.3f nats/byte, want < ln(256)/2 = %.3f", v, math.Log(256)/2)
	}
	again, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	val := bytesOf(text[:700])
	if a, b := m.MeanNats(val), again.MeanNats(val); math.Abs(a-b) > 1e-6 {
		t.Fatalf("reloaded model scores %.6f, trained %.6f", b, a)
	}
	if got, want := again.Info().Config.Params(), countParams(t, again); got != want {
		t.Fatalf("Params() = %d, the store holds %d", got, want)
	}
	w, err := again.Attention(val[:10])
	if err != nil {
		t.Fatal(err)
	}
	if len(w) != 2 || len(w[0]) != 4 || len(w[0][0]) != 10 {
		t.Fatalf("attention shape %d×%d×%d, want 2×4×10", len(w), len(w[0]), len(w[0][0]))
	}
	for l := range w {
		for h := range w[l] {
			for i, row := range w[l][h] {
				sum := 0.0
				for j, p := range row {
					if j > i && p != 0 {
						t.Fatalf("block %d head %d: query %d attends to future key %d (%g)", l, h, i, j, p)
					}
					sum += p
				}
				if math.Abs(sum-1) > 1e-5 {
					t.Fatalf("block %d head %d row %d sums to %v", l, h, i, sum)
				}
			}
		}
	}
}

// countParams counts the float32 values of the model's saved variables.
func countParams(t *testing.T, m *Model) int {
	t.Helper()
	n := 0
	for v := range m.store.IterVariables() {
		if strings.HasPrefix(v.Path(), "/"+scopeName+"/") {
			n += v.Shape().Size()
		}
	}
	return n
}

// The transformer's score of a byte must not depend on later bytes, and
// must equal NextLogProbs on the same history (within the first C bytes,
// where both read the window from its start): Score's blocks and the
// single-history path agree.
func TestTransformerScoreIsCausal(t *testing.T) {
	text := strings.Repeat("abcabd ", 60)
	dir := t.TempDir()
	m, _, err := Train(text, text[:100], TrainConfig{
		Model: tinyTransformer, Batch: 4, MaxSteps: 5, EvalEvery: 5, EvalBytes: 50, MaxTime: time.Minute, Dir: dir,
	})
	if err != nil {
		t.Fatal(err)
	}
	ids := bytesOf(text[:40])
	full := m.Score(ids, 0, false)
	for _, k := range []int{1, 5, 9, 15} {
		lp := m.NextLogProbs(ids[:k])
		if math.Abs(lp[ids[k]]-full[k].LogProb) > 1e-5 {
			t.Fatalf("byte %d: Score %.6f, NextLogProbs %.6f", k, full[k].LogProb, lp[ids[k]])
		}
	}
	cut := m.Score(ids[:24], 0, false) // a block boundary: the same blocks
	for i := range cut {
		if cut[i].LogProb != full[i].LogProb {
			t.Fatalf("byte %d: score changed from %.6f to %.6f when later bytes were dropped", i, full[i].LogProb, cut[i].LogProb)
		}
	}
}

func TestBlocksCoverTargetsOnce(t *testing.T) {
	for _, tc := range []struct{ n, from, c int }{{40, 0, 16}, {257, 128, 128}, {5, 0, 128}, {33, 7, 1}} {
		next := tc.from
		for _, b := range blocks(tc.n, tc.from, tc.c) {
			if b.from != next || b.to <= b.from || b.begin < 0 || b.to-1-b.begin >= tc.c {
				t.Fatalf("%+v: block %+v after target %d", tc, b, next)
			}
			if b.begin > 0 && b.from-b.begin < tc.c-max(1, tc.c/2) {
				t.Fatalf("%+v: block %+v gives target %d only %d bytes of history", tc, b, b.from, b.from-b.begin)
			}
			next = b.to
		}
		if next != tc.n {
			t.Fatalf("%+v: blocks end at %d", tc, next)
		}
	}
}

// Resuming continues the step count and the curve from the saved run and
// starts from its weights: the first new validation is no worse than
// random weights would give, and the saved record spans both runs.
func TestTransformerResume(t *testing.T) {
	text := strings.Repeat("the light of the sun is refracted. ", 100)
	first, second := t.TempDir(), t.TempDir()
	cfg := TrainConfig{Model: tinyTransformer, Batch: 8, LearningRate: 0.01,
		MaxSteps: 30, EvalEvery: 15, EvalBytes: 256, MaxTime: time.Minute, Dir: first}
	m1, _, err := Train(text, text[:300], cfg)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Dir, cfg.Resume, cfg.MaxSteps = second, first, 45
	m2, curve, err := Train(text, text[:300], cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(curve) != 3 || curve[2].Step != 45 || m2.Info().Steps != 45 {
		t.Fatalf("resumed curve %+v, steps %d; want checks at 15, 30, 45", curve, m2.Info().Steps)
	}
	if v1, v2 := m1.Info().ValidationNats, m2.Info().ValidationNats; !(v2 <= v1) {
		t.Fatalf("resumed model %.4f nats/byte, worse than the one it resumed (%.4f)", v2, v1)
	}
	cfg.Resume, cfg.Model.Heads = first, 2
	if _, _, err := Train(text, text[:300], cfg); err == nil || !strings.Contains(err.Error(), "cannot resume") {
		t.Fatalf("resuming a different shape: err = %v", err)
	}
}

// LogProbRows gives the same rows as Score's log-probabilities, for both
// architectures.
func TestLogProbRowsMatchScore(t *testing.T) {
	text := strings.Repeat("abcabd ", 60)
	for _, cfg := range []Config{tinyTransformer, {Context: 4, Embed: 4, Hidden: 8}} {
		m, _, err := Train(text, text[:100], TrainConfig{Model: cfg, Batch: 4, MaxSteps: 3, EvalEvery: 3, EvalBytes: 50, MaxTime: time.Minute, Dir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		ids := bytesOf(text[:50])
		rows, scores := m.LogProbRows(ids), m.Score(ids, 0, false)
		for i, s := range scores {
			if math.Abs(rows[i][ids[i]]-s.LogProb) > 1e-12 {
				t.Fatalf("%+v byte %d: row gives %.6f, Score %.6f", cfg, i, rows[i][ids[i]], s.LogProb)
			}
		}
	}
}
