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
	golden := loadGolden(t)
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

// committedTransformer is the transformer checkpoint shipped with the
// course (see models/README.md).
const committedTransformer = "../../models/transformer-bytes"

// The committed transformer loads, has the recorded shape and size (at most
// 5 MB on disk), reproduces the validation loss recorded when it was
// trained, and its attention rows are causal distributions.
func TestCommittedTransformer(t *testing.T) {
	m, err := Load(committedTransformer)
	if err != nil {
		t.Fatal(err)
	}
	info := m.Info()
	if info.Config.Arch != Transformer {
		t.Fatalf("%s holds a %q model", committedTransformer, info.Config.Arch)
	}
	files, _ := filepath.Glob(filepath.Join(committedTransformer, "*"))
	size := int64(0)
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		size += st.Size()
	}
	if size > 5_000_000 {
		t.Fatalf("checkpoint is %d bytes, over 5 MB", size)
	}
	sp, err := corpus.OpticksSplit()
	if err != nil {
		t.Fatal(err)
	}
	if info.ValidationBytes != len(sp.Validation) || info.TrainBytes != len(sp.Train) {
		t.Fatalf("checkpoint trained on %d/%d bytes, split now has %d/%d", info.TrainBytes, info.ValidationBytes, len(sp.Train), len(sp.Validation))
	}
	got := m.MeanNats(bytesOf(sp.Validation))
	t.Logf("transformer: %d parameters, %d bytes on disk, %.4f bits/byte", info.Config.Params(), size, got/math.Ln2)
	if math.Abs(got-info.ValidationNats) > 1e-4 {
		t.Fatalf("validation loss %.6f nats/byte, recorded %.6f", got, info.ValidationNats)
	}
	w, err := m.Attention(bytesOf(sp.Validation[:info.Config.Context]))
	if err != nil {
		t.Fatal(err)
	}
	for l := range w {
		for h := range w[l] {
			for i, row := range w[l][h] {
				sum := 0.0
				for j, p := range row {
					if p < 0 || j > i && p != 0 {
						t.Fatalf("block %d head %d row %d: weight %g at %d", l, h, i, p, j)
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

// goldenFile is testdata/golden.json: next-byte log-probabilities of the
// committed checkpoint from testdata/golden.py (PyTorch, float64).
type goldenFile struct {
	Checkpoint string      `json:"checkpoint"`
	Contexts   []string    `json:"contexts"`
	LogProbs   [][]float64 `json:"log_probs"`
}

func loadGolden(t *testing.T) goldenFile {
	t.Helper()
	var g goldenFile
	b, err := os.ReadFile("testdata/golden.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	return g
}
