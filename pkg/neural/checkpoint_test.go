package neural

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/bitsandlogits/course/pkg/corpus"
	"github.com/bitsandlogits/course/pkg/ngram"
)

// committed is the checkpoint shipped with the course (see models/README.md).
const committed = "../../models/neural-bytes"

// The committed checkpoint loads, reproduces the validation loss recorded
// when it was trained, and beats a Kneser–Ney bigram on validation bits
// per byte.
func TestCommittedCheckpoint(t *testing.T) {
	m, err := Load(committed)
	if err != nil {
		t.Fatal(err)
	}
	sp, err := corpus.OpticksSplit()
	if err != nil {
		t.Fatal(err)
	}
	info := m.Info()
	if info.ValidationBytes != len(sp.Validation) || info.TrainBytes != len(sp.Train) {
		t.Fatalf("checkpoint trained on %d/%d bytes, split now has %d/%d", info.TrainBytes, info.ValidationBytes, len(sp.Train), len(sp.Validation))
	}
	val := bytesOf(sp.Validation)
	got := m.MeanNats(val)
	if math.Abs(got-info.ValidationNats) > 1e-4 {
		t.Fatalf("validation loss %.6f nats/byte, recorded %.6f", got, info.ValidationNats)
	}
	bigram := ngram.Train(bytesOf(sp.Train), 2, Vocab)
	bi := 0.0
	for _, s := range bigram.Score(val, 0, false) {
		bi -= s.LogProb
	}
	bi /= float64(len(val))
	t.Logf("neural %.4f bits/byte, KN bigram %.4f bits/byte", got/math.Ln2, bi/math.Ln2)
	if got >= bi {
		t.Fatalf("neural %.4f nats/byte does not beat the bigram's %.4f", got, bi)
	}
}

// The committed checkpoint's next-byte distributions agree with an
// independent PyTorch implementation of the same network (float64, exact
// GELU), computed by testdata/golden.py from the checkpoint files.
func TestCommittedCheckpointMatchesPyTorch(t *testing.T) {
	var golden struct {
		Checkpoint string      `json:"checkpoint"`
		Contexts   []string    `json:"contexts"`
		LogProbs   [][]float64 `json:"log_probs"`
	}
	b, err := os.ReadFile("testdata/golden.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &golden); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(committed, golden.Checkpoint)); err != nil {
		t.Fatalf("golden.json was made from %s, which is no longer committed: rerun testdata/golden.py", golden.Checkpoint)
	}
	m, err := Load(committed)
	if err != nil {
		t.Fatal(err)
	}
	for i, ctx := range golden.Contexts {
		got := m.NextLogProbs(bytesOf(ctx))
		for v, want := range golden.LogProbs[i] {
			if math.Abs(got[v]-want) > 1e-4 {
				t.Fatalf("context %q, byte %d: ln p = %.6f, PyTorch %.6f", ctx, v, got[v], want)
			}
		}
	}
}
