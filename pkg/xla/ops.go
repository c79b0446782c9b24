package xla

import (
	"fmt"
	"math"
	"runtime"
	"sync"

	"github.com/gomlx/compute"
	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"

	"github.com/bitsandlogits/course/internal/contract"
	"github.com/bitsandlogits/course/pkg/rows"
)

// The methods below mirror the functions of pkg/rows: same arguments,
// same semantics, same panics on programmer errors (bad shapes or
// parameters). They return an error when the backend fails. An empty
// batch returns before any graph is built or run.

// check holds the argument checks and panic messages shared with
// pkg/rows (internal/contract): an empty batch is valid and does nothing.
var check = contract.Checker("xla")

func numRows(fn string, x []float32, v int) int { return check.Rows(fn, x, v) }

func checkLen(fn, name string, got, want int) { check.Len(fn, name, got, want) }

func checkTemperature(fn string, t float32) { check.Temperature(fn, t) }

// invTemperature is 1/t capped at the largest float32, as in pkg/rows:
// below t ≈ 2.9e−39 the reciprocal would be +Inf, and 0·Inf at the row's
// max would make the results NaN.
func invTemperature(t float32) float32 { return min(1/t, math.MaxFloat32) }

// call builds (once) the graph key with mk, runs it on args and copies
// its outputs into dsts (one float32 slice per output).
func (e *Engine) call(key string, mk func(compute.Backend) (*graph.Exec, error), dsts [][]float32, args ...any) error {
	if len(args) > 0 && empty(args[0]) {
		return nil // an empty batch: nothing to compute
	}
	ex, err := e.exec(key, mk)
	if err != nil {
		return err
	}
	outs, err := run(key, ex, args...)
	for _, a := range args {
		if t, ok := a.(*tensors.Tensor); ok { // inputs made for this call; a *Resident is kept
			t.FinalizeAll()
		}
	}
	if err != nil {
		return err
	}
	for i, t := range outs {
		if err := copyOut(dsts[i], t); err != nil {
			return fmt.Errorf("xla: reading output of %s: %w", key, err)
		}
	}
	return nil
}

// empty reports whether arg is a tensor with no elements.
func empty(arg any) bool {
	t, ok := arg.(*tensors.Tensor)
	return ok && t.Shape().Size() == 0
}

func batch(x []float32, n, v int) *tensors.Tensor { return tensors.FromFlatDataAndDimensions(x, n, v) }

// Softmax is rows.Softmax on the engine's backend.
func (e *Engine) Softmax(dst, x []float32, v int, temperature float32) error {
	n := numRows("Softmax", x, v)
	checkLen("Softmax", "dst", len(dst), len(x))
	checkTemperature("Softmax", temperature)
	if temperature == 0 {
		return e.call("softmax-greedy", func(b compute.Backend) (*graph.Exec, error) {
			return graph.NewExec(b, func(x *node) *node { return graph.Softmax(greedyGraph(x), -1) })
		}, [][]float32{dst}, batch(x, n, v))
	}
	return e.call("softmax", func(b compute.Backend) (*graph.Exec, error) {
		return graph.NewExec(b, func(x, invT *node) *node { return graph.Softmax(scaled(x, invT), -1) })
	}, [][]float32{dst}, batch(x, n, v), invTemperature(temperature))
}

// LogSoftmax is rows.LogSoftmax on the engine's backend.
func (e *Engine) LogSoftmax(dst, x []float32, v int, temperature float32) error {
	n := numRows("LogSoftmax", x, v)
	checkLen("LogSoftmax", "dst", len(dst), len(x))
	checkTemperature("LogSoftmax", temperature)
	if temperature == 0 {
		return e.call("logsoftmax-greedy", func(b compute.Backend) (*graph.Exec, error) {
			return graph.NewExec(b, func(x *node) *node { return graph.LogSoftmax(greedyGraph(x), -1) })
		}, [][]float32{dst}, batch(x, n, v))
	}
	return e.call("logsoftmax", func(b compute.Backend) (*graph.Exec, error) {
		return graph.NewExec(b, func(x, invT *node) *node { return graph.LogSoftmax(scaled(x, invT), -1) })
	}, [][]float32{dst}, batch(x, n, v), invTemperature(temperature))
}

// LogSumExp is rows.LogSumExp on the engine's backend.
func (e *Engine) LogSumExp(dst, x []float32, v int) error {
	n := numRows("LogSumExp", x, v)
	checkLen("LogSumExp", "dst", len(dst), n)
	return e.call("logsumexp", func(b compute.Backend) (*graph.Exec, error) {
		return graph.NewExec(b, func(x *node) *node { return squeeze(logSumExp(x)) })
	}, [][]float32{dst}, batch(x, n, v))
}

// Entropy is rows.Entropy on the engine's backend.
func (e *Engine) Entropy(dst, x []float32, v int, temperature float32) error {
	n := numRows("Entropy", x, v)
	checkLen("Entropy", "dst", len(dst), n)
	checkTemperature("Entropy", temperature)
	if temperature == 0 {
		clear(dst)
		return nil
	}
	return e.call("entropy", func(b compute.Backend) (*graph.Exec, error) {
		return graph.NewExec(b, entropyGraph)
	}, [][]float32{dst}, batch(x, n, v), invTemperature(temperature))
}

// CrossEntropy is rows.CrossEntropy on the engine's backend.
func (e *Engine) CrossEntropy(dst, logits []float32, v int, targets []int, opt rows.CrossEntropyOptions) error {
	n := numRows("CrossEntropy", logits, v)
	checkLen("CrossEntropy", "dst", len(dst), n)
	t32 := checkTargets("CrossEntropy", targets, n, v, opt)
	if n == 0 {
		return nil
	}
	return e.call("crossentropy", func(b compute.Backend) (*graph.Exec, error) {
		return graph.NewExec(b, crossEntropyGraph)
	}, [][]float32{dst}, batch(logits, n, v), tensors.FromFlatDataAndDimensions(t32, n),
		ignoredTarget, float32(opt.LabelSmoothing))
}

// ignoredTarget stands in the graph for the target of an ignored row: no
// valid target is negative.
const ignoredTarget int32 = -1

// checkTargets validates the targets and options of a cross-entropy as
// pkg/rows does and returns the targets as int32, ignoredTarget for the
// rows opt ignores.
func checkTargets(fn string, targets []int, n, v int, opt rows.CrossEntropyOptions) []int32 {
	check.Targets(fn, targets, n, v, opt.LabelSmoothing, opt.Ignore, opt.IgnoreIndex)
	check.Reduction(fn, int(opt.Reduction))
	t32 := make([]int32, n)
	for r, t := range targets {
		t32[r] = int32(t)
		if opt.Ignores(t) {
			t32[r] = ignoredTarget
		}
	}
	return t32
}

// CrossEntropyLoss is rows.CrossEntropyLoss on the engine's backend: the
// per-row losses come from the graph, the reduction is done in float64.
func (e *Engine) CrossEntropyLoss(logits []float32, v int, targets []int, opt rows.CrossEntropyOptions) (float64, error) {
	n := numRows("CrossEntropyLoss", logits, v)
	checkTargets("CrossEntropyLoss", targets, n, v, opt)
	per := make([]float32, n)
	if err := e.CrossEntropy(per, logits, v, targets, opt); err != nil {
		return 0, err
	}
	return rows.Reduce(per, targets, opt), nil
}

// KL is rows.KL on the engine's backend.
func (e *Engine) KL(dst, p, q []float32, v int) error {
	n := numRows("KL", p, v)
	checkLen("KL", "q", len(q), len(p))
	checkLen("KL", "dst", len(dst), n)
	return e.call("kl", func(b compute.Backend) (*graph.Exec, error) {
		return graph.NewExec(b, klGraph)
	}, [][]float32{dst}, batch(p, n, v), batch(q, n, v))
}

// JS is rows.JS on the engine's backend.
func (e *Engine) JS(dst, p, q []float32, v int) error {
	n := numRows("JS", p, v)
	checkLen("JS", "q", len(q), len(p))
	checkLen("JS", "dst", len(dst), n)
	return e.call("js", func(b compute.Backend) (*graph.Exec, error) {
		return graph.NewExec(b, jsGraph)
	}, [][]float32{dst}, batch(p, n, v), batch(q, n, v))
}

// KLEstimate is rows.KLEstimate on the engine's backend.
func (e *Engine) KLEstimate(dst, logRatio []float32, est rows.Estimator) error {
	checkLen("KLEstimate", "dst", len(dst), len(logRatio))
	check.Estimator("KLEstimate", int(est))
	f := [...]func(r *node) *node{
		graph.Neg,
		func(r *node) *node { return graph.MulScalar(graph.Square(r), 0.5) },
		func(r *node) *node { return graph.Sub(graph.Expm1(r), r) },
	}[est]
	if len(logRatio) == 0 {
		return nil
	}
	return e.call("kl-"+est.String(), func(b compute.Backend) (*graph.Exec, error) {
		return graph.NewExec(b, f)
	}, [][]float32{dst}, tensors.FromFlatDataAndDimensions(logRatio, len(logRatio)))
}

// PreferenceLoss is rows.PreferenceLoss on the engine's backend.
func (e *Engine) PreferenceLoss(dst, policyChosen, policyRejected, refChosen, refRejected []float32, beta float32, kind rows.Preference) error {
	n := len(dst)
	check.Preference("PreferenceLoss", n, policyChosen, policyRejected, refChosen, refRejected, beta, int(kind))
	loss := [...]func(bh, h, beta *node) *node{
		func(bh, _, _ *node) *node { return graph.Softplus(graph.Neg(bh)) },          // DPO: −ln σ(βh)
		func(bh, _, _ *node) *node { return graph.MaxScalar(graph.OneMinus(bh), 0) }, // Hinge
		func(_, h, beta *node) *node { // IPO
			return graph.Square(graph.Sub(h, graph.Div(graph.ScalarOne(h.Graph(), h.DType()), graph.MulScalar(beta, 2))))
		},
	}[kind]
	if n == 0 {
		return nil
	}
	vec := func(s []float32) *tensors.Tensor { return tensors.FromFlatDataAndDimensions(s, n) }
	return e.call("preference-"+kind.String(), func(b compute.Backend) (*graph.Exec, error) {
		return graph.NewExec(b, func(in []*node) *node {
			pc, pr, rc, rr, beta := in[0], in[1], in[2], in[3], in[4]
			h := graph.Sub(graph.Sub(pc, rc), graph.Sub(pr, rr))
			return loss(graph.Mul(beta, h), h, beta)
		})
	}, [][]float32{dst}, vec(policyChosen), vec(policyRejected), vec(refChosen), vec(refRejected), beta)
}

// TopK is rows.TopK on the engine's backend.
func (e *Engine) TopK(dst, x []float32, v, k int) error {
	n := numRows("TopK", x, v)
	checkLen("TopK", "dst", len(dst), len(x))
	check.TopK("TopK", k)
	if k >= v || n == 0 {
		copy(dst, x)
		return nil
	}
	return e.call("topk", func(b compute.Backend) (*graph.Exec, error) {
		return graph.NewExec(b, topKGraph)
	}, [][]float32{dst}, batch(x, n, v), float32(k))
}

// TopP is rows.TopP on the engine's backend.
func (e *Engine) TopP(dst, x []float32, v int, p float32) error {
	n := numRows("TopP", x, v)
	checkLen("TopP", "dst", len(dst), len(x))
	check.TopP("TopP", p)
	if p == 1 || n == 0 {
		copy(dst, x)
		return nil
	}
	return e.call("topp", func(b compute.Backend) (*graph.Exec, error) {
		return graph.NewExec(b, topPGraph)
	}, [][]float32{dst}, batch(x, n, v), p)
}

// MinP is rows.MinP on the engine's backend.
func (e *Engine) MinP(dst, x []float32, v int, minP float32) error {
	n := numRows("MinP", x, v)
	checkLen("MinP", "dst", len(dst), len(x))
	check.MinP("MinP", minP)
	if n == 0 {
		return nil
	}
	return e.call("minp", func(b compute.Backend) (*graph.Exec, error) {
		return graph.NewExec(b, minPGraph)
	}, [][]float32{dst}, batch(x, n, v), logOf(minP))
}

func checkConfig(fn string, c rows.SamplerConfig) {
	check.Sampler(fn, c.Temperature, c.TopK, c.TopP, c.MinP)
}

// filterKey names the filter graph of a configuration: which stages are on.
func filterKey(c rows.SamplerConfig) string {
	return fmt.Sprintf("filter-t%v-k%v-p%v-m%v", c.Temperature != 1, c.TopK > 0, c.TopP > 0 && c.TopP < 1, c.MinP > 0)
}

// filterGraph applies the stages of c that are on, in pkg/sampling's
// order; the parameter values come in as scalar inputs.
func filterGraph(c rows.SamplerConfig) func(x, invT, k, p, logMinP *node) *node {
	return func(x, invT, k, p, logMinP *node) *node {
		z := x
		if c.Temperature != 1 {
			z = scaled(x, invT)
		}
		if c.TopK > 0 {
			z = topKGraph(z, k)
		}
		if c.TopP > 0 && c.TopP < 1 {
			z = topPGraph(z, p)
		}
		if c.MinP > 0 {
			z = minPGraph(z, logMinP)
		}
		return z
	}
}

func filterArgs(x []float32, n, v int, c rows.SamplerConfig) []any {
	k := float32(c.TopK)
	if c.TopK >= v {
		k = float32(v) // keeps everything, as rows.TopK
	}
	return []any{batch(x, n, v), invTemperature(c.Temperature), k, c.TopP, logOf(c.MinP)}
}

// Filter is rows.Filter on the engine's backend.
func (e *Engine) Filter(dst, x []float32, v int, cfg rows.SamplerConfig) error {
	n := numRows("Filter", x, v)
	checkLen("Filter", "dst", len(dst), len(x))
	checkConfig("Filter", cfg)
	if n == 0 {
		return nil
	}
	if cfg.Temperature == 0 {
		return e.call("greedy", func(b compute.Backend) (*graph.Exec, error) {
			return graph.NewExec(b, greedyGraph)
		}, [][]float32{dst}, batch(x, n, v))
	}
	if cfg == (rows.SamplerConfig{Temperature: 1}) {
		copy(dst, x) // no stage is on
		return nil
	}
	return e.call(filterKey(cfg), func(b compute.Backend) (*graph.Exec, error) {
		return graph.NewExec(b, filterGraph(cfg))
	}, [][]float32{dst}, filterArgs(x, n, v, cfg)...)
}

// Sample is rows.Sample on the engine's backend: the graph filters the
// logits, adds the Gumbel noise of rows.GumbelNoise (computed on the host,
// so both engines draw the same tokens) and takes the argmax per row.
func (e *Engine) Sample(tokens []int, logits []float32, v int, cfg rows.SamplerConfig, seed, step uint64) error {
	n := numRows("Sample", logits, v)
	checkLen("Sample", "tokens", len(tokens), n)
	checkConfig("Sample", cfg)
	if n == 0 {
		return nil
	}
	out := make([]float32, n)
	if cfg.Temperature == 0 {
		err := e.call("argmax", func(b compute.Backend) (*graph.Exec, error) {
			return graph.NewExec(b, func(x *node) *node { return graph.ConvertDType(graph.ArgMax(x, -1), x.DType()) })
		}, [][]float32{out}, batch(logits, n, v))
		for r := range tokens {
			tokens[r] = int(out[r])
		}
		return err
	}
	noise := gumbelNoise(n, v, seed, step)
	filter := filterGraph(cfg)
	args := append(filterArgs(logits, n, v, cfg), tensors.FromFlatDataAndDimensions(noise, n, v))
	err := e.call("sample-"+filterKey(cfg), func(b compute.Backend) (*graph.Exec, error) {
		return graph.NewExec(b, func(in []*node) *node {
			z := filter(in[0], in[1], in[2], in[3], in[4])
			// As rows.Sample, tokens more than GumbelCutoff nats below the
			// row's best are never drawn.
			far := graph.LessThan(graph.Sub(z, rowMax(z)), graph.Scalar(z.Graph(), z.DType(), -contract.GumbelCutoff))
			z = graph.Where(far, negInf(z.Graph()), z)
			tok := graph.ConvertDType(graph.ArgMax(graph.Add(z, in[5]), -1), z.DType())
			// −1 for a row with no finite logit, as rows.Sample.
			none := graph.Equal(squeeze(rowMax(z)), negInf(z.Graph()))
			return graph.Where(none, graph.Scalar(z.Graph(), z.DType(), -1), tok)
		})
	}, [][]float32{out}, args...)
	for r := range tokens {
		tokens[r] = int(out[r]) // token ids < 2²⁴ are exact in float32
	}
	return err
}

// gumbelNoise fills [n, v] with rows.GumbelNoise, rows spread over
// GOMAXPROCS goroutines.
func gumbelNoise(n, v int, seed, step uint64) []float32 {
	noise := make([]float32, n*v)
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), n)
	for w := range workers {
		wg.Go(func() {
			for r := w; r < n; r += workers {
				for i := range v {
					noise[r*v+i] = float32(rows.GumbelNoise(seed, uint64(r), step, i))
				}
			}
		})
	}
	wg.Wait()
	return noise
}
