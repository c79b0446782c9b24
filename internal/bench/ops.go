package bench

import "github.com/bitsandlogits/course/pkg/rows"

// op is one benchmarked operation. inputs is the number of [B, V] float32
// operands it reads (for GB/s and the copy baseline).
type op struct {
	name   string
	inputs int
	about  string
	native func(in *inputs) func()
}

// topPConfig is the sampling configuration of the top-p benchmark.
var topPConfig = rows.SamplerConfig{Temperature: 1, TopP: 0.9}

var ops = []op{
	{"copy", 1, "copy the logits (the bandwidth limit itself)", func(in *inputs) func() {
		out := make([]float32, len(in.x))
		return func() { parallelCopy(out, in.x) }
	}},
	{"softmax", 1, "softmax per row", func(in *inputs) func() {
		out := make([]float32, len(in.x))
		return func() { rows.Softmax(out, in.x, in.v, 1) }
	}},
	{"log_softmax", 1, "log-softmax per row", func(in *inputs) func() {
		out := make([]float32, len(in.x))
		return func() { rows.LogSoftmax(out, in.x, in.v, 1) }
	}},
	{"logsumexp", 1, "log-sum-exp per row", func(in *inputs) func() {
		out := make([]float32, in.b)
		return func() { rows.LogSumExp(out, in.x, in.v) }
	}},
	{"entropy", 1, "entropy of softmax per row", func(in *inputs) func() {
		out := make([]float32, in.b)
		return func() { rows.Entropy(out, in.x, in.v, 1) }
	}},
	{"cross_entropy", 1, "mean cross-entropy against one target per row", func(in *inputs) func() {
		return func() { rows.CrossEntropyLoss(in.x, in.v, in.targets, rows.TorchDefaults) }
	}},
	{"kl", 2, "KL(softmax(x) ‖ softmax(y)) per row", func(in *inputs) func() {
		out := make([]float32, in.b)
		return func() { rows.KL(out, in.x, in.y, in.v) }
	}},
	{"topk50", 1, "top-k mask, k = 50", func(in *inputs) func() {
		out := make([]float32, len(in.x))
		return func() { rows.TopK(out, in.x, in.v, 50) }
	}},
	{"topp_sample", 1, "top-p (p = 0.9) filter and one draw per row", func(in *inputs) func() {
		tokens := make([]int, in.b)
		step := uint64(0)
		return func() {
			rows.Sample(tokens, in.x, in.v, topPConfig, 1, step)
			step++
		}
	}},
}
