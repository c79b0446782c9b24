// Package neural holds the course's two tiny causal byte-level language
// models, trained with GoMLX on its pure Go backend (no XLA, no download,
// CGO not needed): an MLP and a small transformer (see transformer.go).
//
// The MLP is Bengio et al.'s (2003) neural probabilistic language model:
// the previous C bytes are embedded (C × E), concatenated, passed through a
// hidden layer of H GELU units, and projected to 256 logits:
//
//	logits(x_{t−C} … x_{t−1}) = W₂ · gelu(W₁ · [e(x_{t−C}); …; e(x_{t−1})] + b₁) + b₂
//	p(x_t | history) = softmax(logits)
//
// A history shorter than C is left-padded with byte 0 (NUL, absent from
// the course's texts). Training minimises the mean cross-entropy in nats
// with Adam; see Train.
package neural

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sync"

	"github.com/gomlx/compute"
	"github.com/gomlx/compute/dtypes"
	"github.com/gomlx/compute/gobackend"
	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/layers"
	"github.com/gomlx/gomlx/ml/layers/activation"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/gomlx/gomlx/ml/model/checkpoint"

	"github.com/bitsandlogits/course/pkg/lmeval"
	"github.com/bitsandlogits/course/pkg/probability"
)

// Vocab is the byte vocabulary size.
const Vocab = 256

// Config is the model's shape.
type Config struct {
	// Arch is the architecture: "" (the MLP) or Transformer.
	Arch    string `json:"arch,omitempty"`
	Context int    `json:"context"`          // C: bytes of history
	Embed   int    `json:"embed"`            // E: embedding width per byte (the transformer's d)
	Hidden  int    `json:"hidden"`           // H: hidden units (the transformer's feed-forward width)
	Layers  int    `json:"layers,omitempty"` // transformer blocks
	Heads   int    `json:"heads,omitempty"`  // attention heads per block
}

// DefaultConfig is the shape of the committed checkpoint.
var DefaultConfig = Config{Context: 16, Embed: 16, Hidden: 256}

// Params returns the number of trainable parameters, for the MLP
// 256·E + (C·E + 1)·H + (H + 1)·256 (the transformer: see transformerParams).
func (c Config) Params() int {
	if c.Arch == Transformer {
		return c.transformerParams()
	}
	return Vocab*c.Embed + (c.Context*c.Embed+1)*c.Hidden + (c.Hidden+1)*Vocab
}

// TrainBytes estimates the memory of training with minibatches of batch
// examples, in bytes: float32 weights, gradients and Adam's two moments
// (4·4·P) plus the activations and their gradients (4·3·B·(C·E + H + 256)).
// It is a float64 so that absurd sizes do not overflow.
func (c Config) TrainBytes(batch int) float64 {
	if c.Arch == Transformer {
		return c.transformerTrainBytes(batch)
	}
	p := float64(Vocab)*float64(c.Embed) + (float64(c.Context)*float64(c.Embed)+1)*float64(c.Hidden) + (float64(c.Hidden)+1)*Vocab
	act := float64(batch) * (float64(c.Context)*float64(c.Embed) + float64(c.Hidden) + Vocab)
	return 16*p + 12*act
}

// Info describes a trained model; it is saved as info.json beside the
// GoMLX checkpoint.
type Info struct {
	Config Config `json:"config"`
	// Steps, Batch and Seed of the training run.
	Steps int    `json:"steps"`
	Batch int    `json:"batch"`
	Seed  uint64 `json:"seed"`
	// Seconds of wall-clock training time.
	Seconds float64 `json:"seconds"`
	// ValidationNats is the mean cross-entropy (nats/byte) on the whole
	// validation text, every byte with its full C-byte history (padded at
	// the start), recorded when the checkpoint was saved.
	ValidationNats float64 `json:"validation_nats"`
	// ValidationBytes is the length of the validation text it was measured on.
	ValidationBytes int `json:"validation_bytes"`
	// TrainBytes is the length of the training text.
	TrainBytes int `json:"train_bytes"`
	// Curve is the training curve: one entry per validation check.
	Curve []Checkpoint `json:"curve"`
}

// Model is a trained byte-level language model; it implements
// lmeval.Model. Its methods are safe for concurrent use.
type Model struct {
	info    Info
	backend compute.Backend
	store   *model.Store
	mu      sync.Mutex
	exec    *model.Exec
	attn    *model.Exec // transformer: logits and attention weights, built on first use
}

// Backend returns GoMLX's pure Go backend (created once per process),
// executing the ops of a graph one after another: its default, running
// independent ops in parallel, deadlocked in the transformer's training
// step (compute v0.1.2's worker pool, all workers waiting on each other).
// Each op still uses every core.
var Backend = sync.OnceValue(func() compute.Backend {
	b, err := gobackend.New("ops_sequential")
	if err != nil {
		panic(fmt.Sprintf("neural: Go backend: %v", err))
	}
	return b
})

// scopeName is where the model's variables live in the GoMLX store;
// everything else (optimizer state, step counter) is not saved.
const scopeName = "lm"

// logitsGraph builds the logits of cfg's architecture: the MLP's [B, 256]
// from byte contexts x [B, C], the transformer's [B, T, 256] from byte
// sequences x [B, T] (int32).
func logitsGraph(scope *model.Scope, cfg Config, x *graph.Node) *graph.Node {
	if cfg.Arch == Transformer {
		return transformerGraph(scope, cfg, x, nil)
	}
	s := scope.In(scopeName)
	batch := x.Shape().Dimensions[0]
	e := layers.Embedding(s.In("embed"), x, dtypes.Float32, Vocab, cfg.Embed) // [B, C, E]
	h := graph.Reshape(e, batch, cfg.Context*cfg.Embed)
	h = activation.Gelu(layers.DenseWithBias(s.In("hidden"), h, cfg.Hidden))
	return layers.DenseWithBias(s.In("output"), h, Vocab)
}

func newModel(info Info, store *model.Store) (*Model, error) {
	m := &Model{info: info, backend: Backend(), store: store}
	exec, err := model.NewExec(m.backend, store, func(scope *model.Scope, x *graph.Node) *graph.Node {
		return logitsGraph(scope, info.Config, x)
	})
	if err != nil {
		return nil, fmt.Errorf("neural: %w", err)
	}
	m.exec = exec.SetMaxCache(64)
	return m, nil
}

// Info returns the model's training record.
func (m *Model) Info() Info { return m.info }

// VocabSize returns 256.
func (m *Model) VocabSize() int { return Vocab }

// ContextLength returns C.
func (m *Model) ContextLength() int { return m.info.Config.Context }

// contexts returns, for each target position i in [from, len(ids)), the C
// bytes before it (left-padded with 0), flattened to [n·C].
func contexts(ids []int, from, c int) []int32 {
	out := make([]int32, 0, (len(ids)-from)*c)
	for i := from; i < len(ids); i++ {
		for j := i - c; j < i; j++ {
			if j < 0 {
				out = append(out, 0)
			} else {
				out = append(out, int32(ids[j]))
			}
		}
	}
	return out
}

// chunk is the largest batch one forward pass takes; batches are padded up
// to a power of two no larger, so that few graph shapes are compiled.
const chunk = 512

// logProbs returns ln p(· | context) for each row of ctx ([n·C]), as n rows
// of 256 float64 values.
func (m *Model) logProbs(ctx []int32) [][]float64 {
	c := m.info.Config.Context
	n := len(ctx) / c
	out := make([][]float64, 0, n)
	for start := 0; start < n; start += chunk {
		k := min(chunk, n-start)
		b := 1
		for b < k {
			b *= 2
		}
		in := make([]int32, b*c)
		copy(in, ctx[start*c:(start+k)*c])
		flat := m.forward(in, b, c)
		row := make([]float64, Vocab)
		for r := range k {
			for v := range Vocab {
				row[v] = float64(flat[r*Vocab+v])
			}
			out = append(out, probability.LogSoftmax(row))
		}
	}
	return out
}

// NextLogProbs returns ln p(· | history) over the 256 bytes.
func (m *Model) NextLogProbs(history []int) []float64 {
	if m.info.Config.Arch == Transformer {
		h := history[max(0, len(history)-m.ContextLength()):]
		return m.seqLogProbs(append(h[:len(h):len(h)], 0), len(h))[0]
	}
	h := append(history[max(0, len(history)-m.ContextLength()):len(history):len(history)], 0)
	return m.logProbs(contexts(h, len(h)-1, m.ContextLength()))[0]
}

// Score scores window[from:] in batched forward passes (see lmeval.Model);
// the entropy costs O(256) per token and is always computed.
func (m *Model) Score(window []int, from int, _ bool) []lmeval.TokenScore {
	var lps [][]float64
	if m.info.Config.Arch == Transformer {
		lps = m.seqLogProbs(window, from)
	} else {
		lps = m.logProbs(contexts(window, from, m.ContextLength()))
	}
	out := make([]lmeval.TokenScore, len(lps))
	p := make([]float64, Vocab)
	for i, lp := range lps {
		for v, l := range lp {
			p[v] = math.Exp(l)
		}
		out[i] = lmeval.TokenScore{LogProb: lp[window[from+i]], Entropy: probability.Entropy(p)}
	}
	return out
}

// LogProbRows returns ln p(· | ids[:t]) over the 256 bytes for every
// position t of ids, in batched forward passes: the rows NextLogProbs gives
// one at a time (the transformer's histories as in Score: at least C/2
// bytes, see seqLogProbs).
func (m *Model) LogProbRows(ids []int) [][]float64 {
	if m.info.Config.Arch == Transformer {
		return m.seqLogProbs(ids, 0)
	}
	return m.logProbs(contexts(ids, 0, m.ContextLength()))
}

// MeanNats returns the mean cross-entropy in nats per byte of ids, every
// byte given its full C-byte history (padded at the start) by the MLP, at
// least C/2 bytes of it by the transformer (see seqLogProbs).
func (m *Model) MeanNats(ids []int) float64 {
	total := 0.0
	for _, s := range m.Score(ids, 0, false) {
		total -= s.LogProb
	}
	return total / float64(len(ids))
}

// infoFile is the name of the training record inside a checkpoint directory.
const infoFile = "info.json"

// Load reads a model saved by Train from dir (info.json plus GoMLX's
// checkpoint files). A missing directory gives an error naming it.
func Load(dir string) (*Model, error) {
	b, err := os.ReadFile(filepath.Join(dir, infoFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("neural: no trained model in %s (run from the repository root, or train one with `course lm train --model neural|transformer --checkpoint %s`)", dir, dir)
	}
	if err != nil {
		return nil, fmt.Errorf("neural: %w", err)
	}
	var info Info
	if err := json.Unmarshal(b, &info); err != nil {
		return nil, fmt.Errorf("neural: %s: %w", filepath.Join(dir, infoFile), err)
	}
	store := model.NewStore()
	if _, err := checkpoint.Load(store).Dir(dir).Immediate().Done(); err != nil {
		return nil, fmt.Errorf("neural: loading checkpoint from %s: %w", dir, err)
	}
	return newModel(info, store)
}

// forward runs the network on rows × c token ids and returns its output,
// flat. The compiled graph is shared, so calls are serialised.
func (m *Model) forward(in []int32, rows, c int) []float32 {
	m.mu.Lock()
	res, err := m.exec.Call1(tensors.FromFlatDataAndDimensions(in, rows, c))
	m.mu.Unlock()
	if err != nil {
		panic(fmt.Sprintf("neural: forward pass: %v", err))
	}
	flat := tensors.MustCopyFlatData[float32](res)
	res.MustFinalizeAll()
	return flat
}
