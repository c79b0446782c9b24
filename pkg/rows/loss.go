package rows

import (
	"math"

	"github.com/bitsandlogits/course/internal/vecmath"
)

// Reduction says how per-row losses are combined, as in PyTorch.
type Reduction int

const (
	// Mean averages over the rows whose target is not ignored.
	Mean Reduction = iota
	// Sum adds the rows' losses.
	Sum
)

// IgnoreIndex is PyTorch's default ignore_index: rows whose target is −100
// contribute no loss (padding, prompt tokens).
const IgnoreIndex = -100

// CrossEntropyOptions are the knobs of PyTorch's
// torch.nn.functional.cross_entropy that matter for language models. The
// zero value ignores no target, smooths nothing and takes the Mean;
// [TorchDefaults] adds PyTorch's ignore index −100.
type CrossEntropyOptions struct {
	Ignore         bool    // whether rows whose target is IgnoreIndex are ignored
	IgnoreIndex    int     // with Ignore: such rows get loss 0 and are left out of Mean
	LabelSmoothing float64 // ε in [0, 1]: the target is (1−ε)·one-hot + ε·uniform
	Reduction      Reduction
}

// Ignores reports whether a row with target t is left out of the loss.
func (o CrossEntropyOptions) Ignores(t int) bool { return o.Ignore && t == o.IgnoreIndex }

// TorchDefaults are PyTorch's defaults: ignore_index −100, no label
// smoothing, mean reduction.
var TorchDefaults = CrossEntropyOptions{Ignore: true, IgnoreIndex: IgnoreIndex, Reduction: Mean}

// CrossEntropy writes the cross-entropy loss of each row of logits
// against its integer target, in nats:
//
//	ℓ = (1−ε)·(L − x_t) + ε·(L − (1/V)·Σⱼ xⱼ),  L = ln Σⱼ exp xⱼ,
//
// which is −ln softmax(x)_t when ε = 0 (PyTorch's label smoothing spreads
// ε uniformly over all V classes, the target included). Rows whose
// target opt ignores get 0, as with PyTorch's reduction
// "none". opt.Reduction is not used here; see [CrossEntropyLoss]. A
// target whose logit is −Inf gives +Inf, and so, when ε > 0, does any −Inf
// logit in the row (PyTorch does the same); a row of −Inf gives NaN.
//
// It panics on a bad shape, len(targets) ≠ rows, ε outside [0, 1], an
// unknown opt.Reduction, or a target outside [0, V) that is not ignored. Time O(rows·V): one pass
// per row (max, Σx and Σ exp together, block by block).
func CrossEntropy(dst, logits []float32, v int, targets []int, opt CrossEntropyOptions) {
	n := numRows("CrossEntropy", logits, v)
	checkLen("CrossEntropy", "dst", len(dst), n)
	checkTargets("CrossEntropy", targets, n, v, opt)
	eps := opt.LabelSmoothing
	forRows(n, func(r int, _ *scratch) {
		t := targets[r]
		if opt.Ignores(t) {
			dst[r] = 0
			return
		}
		in := logits[r*v : (r+1)*v]
		var m float32
		var sum, s float64
		if eps > 0 {
			m, sum, s = vecmath.MaxSumExp(in, 1)
		} else {
			m, s = vecmath.MaxExp(in, 1)
		}
		// L − x_t as (m − x_t) + ln S: forming L = m + ln S first would
		// round ln S away when |m| is large (1e30 and up).
		ls := math.Log(s)
		loss := (float64(m) - float64(in[t])) + ls
		if eps > 0 {
			loss = (1-eps)*loss + eps*((float64(m)-sum/float64(v))+ls)
		}
		dst[r] = float32(loss)
	})
}

// checkTargets panics unless there is one target per row (n rows), every
// target is in [0, v) or ignored, ε ∈ [0, 1] and opt.Reduction is known.
func checkTargets(fn string, targets []int, n, v int, opt CrossEntropyOptions) {
	check.Targets(fn, targets, n, v, opt.LabelSmoothing, opt.Ignore, opt.IgnoreIndex)
	check.Reduction(fn, int(opt.Reduction))
}

// CrossEntropyLoss returns the batch's cross-entropy reduced as
// opt.Reduction says: the Sum of the per-row losses of [CrossEntropy], or
// their Mean over the rows that are not ignored. As in PyTorch, a Mean
// over a batch whose rows are all ignored is 0/0 = NaN.
//
// It panics as CrossEntropy does. Time O(rows·V).
func CrossEntropyLoss(logits []float32, v int, targets []int, opt CrossEntropyOptions) float64 {
	n := numRows("CrossEntropyLoss", logits, v)
	checkTargets("CrossEntropyLoss", targets, n, v, opt)
	per := make([]float32, n)
	CrossEntropy(per, logits, v, targets, opt)
	return Reduce(per, targets, opt)
}

// Reduce combines per-row losses as opt.Reduction says: their Sum, or
// their Mean over the rows opt does not ignore (0/0 = NaN when none is
// left, as in PyTorch). It does not check its arguments; [CrossEntropyLoss]
// does.
func Reduce(per []float32, targets []int, opt CrossEntropyOptions) float64 {
	var total float64
	count := 0
	for r, l := range per {
		if !opt.Ignores(targets[r]) {
			total += float64(l)
			count++
		}
	}
	if opt.Reduction == Sum {
		return total
	}
	return total / float64(count)
}

// Perplexity returns exp of the mean cross-entropy over the N rows that
// are not ignored,
//
//	PPL = exp((1/N)·Σᵣ ℓᵣ),
//
// as probability.Perplexity does from the log-probabilities ln q_t = −ℓᵣ:
// the effective number of equally likely tokens the model hesitates
// between (dimensionless, ≥ 1). Leave opt.LabelSmoothing at 0 for a
// model's perplexity: if set, the smoothed loss is exponentiated instead,
// which is larger. opt.Reduction is ignored (always Mean). All rows
// ignored gives NaN.
//
// It panics as CrossEntropy does. Time O(rows·V).
func Perplexity(logits []float32, v int, targets []int, opt CrossEntropyOptions) float64 {
	opt.Reduction = Mean
	return math.Exp(CrossEntropyLoss(logits, v, targets, opt))
}
