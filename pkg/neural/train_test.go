package neural

import (
	"math"
	"strings"
	"testing"
	"time"
)

// A few dozen steps of a very small model on a repetitive text must lower
// the validation loss below the uniform ln 256, save a checkpoint, and
// load back to the same numbers.
func TestTrainSaveLoad(t *testing.T) {
	text := strings.Repeat("the light of the sun is refracted. ", 200)
	dir := t.TempDir()
	cfg := TrainConfig{
		Model: Config{Context: 8, Embed: 8, Hidden: 32}, Batch: 64, LearningRate: 0.01,
		MaxSteps: 60, EvalEvery: 20, EvalBytes: 256, MaxTime: time.Minute, Dir: dir,
	}
	var steps, validations int
	cfg.OnStep = func(s Step) {
		steps++
		if s.Validation != nil {
			validations++
		}
	}
	m, curve, err := Train(text, text[:700], cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(curve) != 3 {
		t.Fatalf("curve has %d checkpoints, want 3", len(curve))
	}
	if steps != 60+3 || validations != 3 {
		t.Fatalf("OnStep saw %d calls with %d validations, want 63 and 3", steps, validations)
	}
	if v := m.Info().ValidationNats; !(v < math.Log(256)/2) {
		t.Fatalf("validation %.3f nats/byte, want < ln(256)/2 = %.3f", v, math.Log(256)/2)
	}
	again, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := m.MeanNats(bytesOf(text[:700])), again.MeanNats(bytesOf(text[:700])); math.Abs(a-b) > 1e-6 {
		t.Fatalf("reloaded model scores %.6f, trained %.6f", b, a)
	}
	p := 0.0
	for _, lp := range again.NextLogProbs([]int{'t', 'h'}) {
		p += math.Exp(lp)
	}
	if math.Abs(p-1) > 1e-9 {
		t.Fatalf("next-byte distribution sums to %v", p)
	}
}

func TestLoadMissing(t *testing.T) {
	_, err := Load("no/such/dir")
	if err == nil || !strings.Contains(err.Error(), "no/such/dir") {
		t.Fatalf("error %v does not name the directory", err)
	}
}

// With a learning rate far too large the validation loss stops improving;
// training must stop after Patience checks and keep the best checkpoint,
// not the last weights.
func TestEarlyStoppingKeepsBest(t *testing.T) {
	text := strings.Repeat("abcabd", 300)
	dir := t.TempDir()
	_, curve, err := Train(text, text[:240], TrainConfig{
		Model: Config{Context: 4, Embed: 4, Hidden: 16}, Batch: 32, LearningRate: 3,
		MaxSteps: 400, EvalEvery: 5, EvalBytes: 240, Patience: 2, MaxTime: time.Minute, Dir: dir,
	})
	if err != nil {
		t.Fatal(err)
	}
	if last := curve[len(curve)-1].Step; last >= 400 {
		t.Fatalf("no early stop: trained to step %d", last)
	}
	best := math.Inf(1)
	for _, c := range curve {
		best = min(best, c.ValidationNats)
	}
	m, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Info().ValidationNats; math.Abs(got-best) > 1e-5 {
		t.Fatalf("saved model scores %.6f, best check was %.6f (curve %+v)", got, best, curve)
	}
}
