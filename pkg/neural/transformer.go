package neural

import (
	"fmt"
	"math"

	"github.com/gomlx/compute/dtypes"
	"github.com/gomlx/compute/shapes"
	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/layers"
	"github.com/gomlx/gomlx/ml/layers/activation"
	"github.com/gomlx/gomlx/ml/layers/norm"
	"github.com/gomlx/gomlx/ml/model"

	"github.com/bitsandlogits/course/pkg/probability"
)

// Transformer is Config.Arch of the causal transformer: a pre-norm
// decoder with learned positions. For bytes x₁…x_T (T ≤ C), with
// d = Embed and L = Layers blocks,
//
//	h⁰ = e(x) + P[:T]                              (T × d)
//	a  = h + MHA(LN(h))   causal, Heads heads of width d/Heads
//	h' = a + W₂ · gelu(W₁ · LN(a) + b₁) + b₂        (feed-forward width Hidden)
//	logits = W_o · LN(h^L) + b_o                    (T × 256)
//
// where each head's weights over the positions j ≤ i are
// softmax_j(q_i·k_j / √(d/Heads)) (see causalSelfAttention). GoMLX's own
// attention layer (with RoPE) gave the same model but trained 3–4× slower
// on the Go backend, and its parallel executor deadlocked (see Backend).
const Transformer = "transformer"

// DefaultTransformer is the shape of the committed transformer checkpoint.
var DefaultTransformer = Config{Arch: Transformer, Context: 128, Embed: 64, Hidden: 256, Layers: 2, Heads: 4}

// transformerParams is 256·d (embedding) + C·d (positions) +
// L·(4·(d² + d) + 2·d·H + H + d + 4·d) (attention, feed-forward, two layer
// norms) + 2·d (final norm) + (d + 1)·256 (output).
func (c Config) transformerParams() int {
	d, h := c.Embed, c.Hidden
	block := 4*(d*d+d) + 2*d*h + h + d + 4*d
	return Vocab*d + c.Context*d + c.Layers*block + 2*d + (d+1)*Vocab
}

// transformerTrainBytes estimates training memory for batch sequences of
// C bytes: 16 bytes per parameter (weights, gradients, Adam) plus, per
// token, activations kept for the backward pass (about 12·d + 2·H per
// block, the Heads·C attention weights three times) and the 256 logits,
// 4 bytes each, counted twice (values and gradients).
func (c Config) transformerTrainBytes(batch int) float64 {
	tokens := float64(batch) * float64(c.Context)
	perTok := float64(c.Layers)*(12*float64(c.Embed)+2*float64(c.Hidden)+3*float64(c.Heads)*float64(c.Context)) + 2*Vocab
	return 16*float64(c.transformerParams()) + 8*tokens*perTok
}

// causalSelfAttention is multi-head attention with a causal mask, written
// out: q, k, v = x·W + b split into heads of width e = d/heads, weights
// softmax_j(q_i·k_j/√e) over j ≤ i (later positions get −Inf logits), the
// heads' weighted sums of v concatenated and projected back to d. With
// coef non-nil it appends the weights [B, heads, T, T].
func causalSelfAttention(s *model.Scope, x *graph.Node, heads int, coef *[]*graph.Node) *graph.Node {
	dims := x.Shape().Dimensions
	b, t, d := dims[0], dims[1], dims[2]
	e := d / heads
	qkv := graph.Reshape(layers.DenseWithBias(s.In("qkv"), x, 3*d), b, t, 3, heads, e)
	parts := graph.Split(qkv, 2, 3) // q, k, v: [B, T, 1, heads, e]
	q, k, v := graph.Squeeze(parts[0], 2), graph.Squeeze(parts[1], 2), graph.Squeeze(parts[2], 2)
	scores := graph.MulScalar(graph.Einsum("bqhe,bkhe->bhqk", q, k), 1/math.Sqrt(float64(e)))
	visible := graph.BroadcastToDims(graph.Reshape(graph.LowerTriangular(x.Graph(), t), 1, 1, t, t), b, heads, t, t)
	scores = graph.Where(visible, scores, graph.BroadcastToDims(graph.Infinity(x.Graph(), dtypes.Float32, -1), b, heads, t, t))
	w := graph.Softmax(scores, -1)
	if coef != nil {
		*coef = append(*coef, w)
	}
	out := graph.Reshape(graph.Einsum("bhqk,bkhe->bqhe", w, v), b, t, d)
	return layers.DenseWithBias(s.In("output"), out, d)
}

// transformerGraph builds logits [B, T, 256] from bytes x [B, T]; when
// coef is not nil it appends each block's attention weights
// [B, Heads, T, T] to it.
func transformerGraph(scope *model.Scope, cfg Config, x *graph.Node, coef *[]*graph.Node) *graph.Node {
	s := scope.In(scopeName)
	h := layers.Embedding(s.In("embed"), x, dtypes.Float32, Vocab, cfg.Embed) // [B, T, d]
	t := x.Shape().Dimensions[1]
	pos := s.In("position").VariableWithShape("embeddings", shapes.Make(dtypes.Float32, cfg.Context, cfg.Embed))
	h = graph.Add(h, graph.ExpandAxes(graph.Slice(pos.NodeValue(x.Graph()), graph.AxisRange(0, t)), 0))
	for l := range cfg.Layers {
		ls := s.In("block_%d", l)
		a := norm.LayerNorm(ls.In("norm_attention"), h, -1).Done()
		h = graph.Add(h, causalSelfAttention(ls.In("attention"), a, cfg.Heads, coef))
		f := norm.LayerNorm(ls.In("norm_mlp"), h, -1).Done()
		f = activation.Gelu(layers.DenseWithBias(ls.In("mlp_in"), f, cfg.Hidden))
		h = graph.Add(h, layers.DenseWithBias(ls.In("mlp_out"), f, cfg.Embed))
	}
	h = norm.LayerNorm(s.In("norm_final"), h, -1).Done()
	return layers.DenseWithBias(s.In("output"), h, Vocab)
}

// seqBatch is the most sequences one transformer forward pass takes;
// batches are padded up to a power of two no larger.
const seqBatch = 16

// block is one transformer forward pass over q[begin : begin+C] that
// scores the targets t in [from, to): target t (window[t] = q[t+1]) is
// predicted by the output at position t − begin.
type block struct{ begin, from, to int }

// blocks cuts the targets [from, n) into runs of stride = max(1, C/2) and
// gives each run the latest start that still covers it, so that every
// target sees at least C − stride bytes of history (all of it near the
// start of the window).
func blocks(n, from, c int) []block {
	stride := max(1, c/2)
	var out []block
	for a := from; a < n; a += stride {
		e := min(a+stride, n)
		out = append(out, block{begin: max(0, e-c), from: a, to: e})
	}
	return out
}

// seqLogProbs returns ln p(window[t] | window[:t]) rows for t in
// [from, len(window)). The model reads q = [0] + window (byte 0 marks the
// start of the window, as the MLP's padding does) in blocks of C bytes
// (see blocks), several blocks per forward pass.
func (m *Model) seqLogProbs(window []int, from int) [][]float64 {
	c := m.info.Config.Context
	q := make([]int32, len(window)+1)
	for i, v := range window {
		q[i+1] = int32(v)
	}
	bs := blocks(len(window), from, c)
	out := make([][]float64, 0, len(window)-from)
	for start := 0; start < len(bs); start += seqBatch {
		group := bs[start:min(start+seqBatch, len(bs))]
		nb := 1
		for nb < len(group) {
			nb *= 2
		}
		in := make([]int32, nb*c) // right padding is never read: attention is causal
		for i, b := range group {
			copy(in[i*c:(i+1)*c], q[b.begin:min(b.begin+c, len(q))])
		}
		flat := m.forward(in, nb, c)
		row := make([]float64, Vocab)
		for i, b := range group {
			for t := b.from; t < b.to; t++ {
				off := (i*c + t - b.begin) * Vocab
				for v := range Vocab {
					row[v] = float64(flat[off+v])
				}
				out = append(out, probability.LogSoftmax(row))
			}
		}
	}
	return out
}

// Attention returns the transformer's attention weights on the bytes ids
// (1 ≤ len(ids) ≤ C, read as they are, with no start byte):
// w[l][h][i][j] = softmax_j(q_i·k_j/√(d/Heads)) of head h in block l, for
// query position i and key position j; w[l][h][i][j] = 0 for j > i, and
// each row sums to 1. It returns an error for the MLP or a bad length.
func (m *Model) Attention(ids []int) ([][][][]float64, error) {
	cfg := m.info.Config
	if cfg.Arch != Transformer {
		return nil, fmt.Errorf("neural: Attention: the model is not a transformer")
	}
	n := len(ids)
	if n < 1 || n > cfg.Context {
		return nil, fmt.Errorf("neural: Attention: %d bytes, want 1 to %d", n, cfg.Context)
	}
	in := make([]int32, n)
	for i, v := range ids {
		in[i] = int32(v)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.attn == nil {
		exec, err := model.NewExec(m.backend, m.store, func(scope *model.Scope, x *graph.Node) []*graph.Node {
			var coef []*graph.Node
			logits := transformerGraph(scope, cfg, x, &coef)
			return append([]*graph.Node{logits}, coef...)
		})
		if err != nil {
			return nil, fmt.Errorf("neural: %w", err)
		}
		m.attn = exec.SetMaxCache(8)
	}
	res, err := m.attn.Call(tensors.FromFlatDataAndDimensions(in, 1, n))
	if err != nil {
		return nil, fmt.Errorf("neural: attention pass: %w", err)
	}
	res[0].MustFinalizeAll()
	w := make([][][][]float64, len(res)-1)
	for l, t := range res[1:] {
		flat := tensors.MustCopyFlatData[float32](t) // [1, Heads, n, n]
		t.MustFinalizeAll()
		w[l] = make([][][]float64, cfg.Heads)
		for h := range cfg.Heads {
			w[l][h] = make([][]float64, n)
			for i := range n {
				row := make([]float64, n)
				for j := range n {
					row[j] = float64(flat[(h*n+i)*n+j])
				}
				w[l][h][i] = row
			}
		}
	}
	return w, nil
}
