package xla

import (
	"math"
	"math/bits"

	"github.com/gomlx/compute/dtypes"
	"github.com/gomlx/compute/shapes"
	"github.com/gomlx/gomlx/core/graph"
)

// This file holds the graph-building functions: each takes and returns
// *graph.Node values of a [rows, V] float32 batch (or per-row [rows, 1]
// values) and is called once per shape, when GoMLX compiles the graph.

type node = graph.Node

func rowMax(x *node) *node { return graph.ReduceAndKeep(x, graph.ReduceMax, -1) }
func rowSum(x *node) *node { return graph.ReduceAndKeep(x, graph.ReduceSum, -1) }

// squeeze drops the trailing axis of a [rows, 1] value.
func squeeze(x *node) *node { return graph.Reshape(x, x.Shape().Dimensions[0]) }

func zerosF32(g *graph.Graph) *node { return graph.Scalar(g, dtypes.Float32, 0) }

func negInf(g *graph.Graph) *node { return graph.Infinity(g, dtypes.Float32, -1) }

// scaled returns (x − max x)·invT: the logits at temperature 1/invT,
// shifted so that the largest is 0.
func scaled(x, invT *node) *node { return graph.Mul(graph.Sub(x, rowMax(x)), invT) }

// logSumExp returns ln Σ exp x per row, as [rows, 1]; a row of −Inf gives
// −Inf (ln 0), as in pkg/rows, not the NaN of −Inf − (−Inf).
func logSumExp(x *node) *node {
	m := rowMax(x)
	shift := graph.Where(graph.Equal(m, negInf(x.Graph())), graph.ZerosLike(m), m)
	return graph.Add(shift, graph.Log(rowSum(graph.Exp(graph.Sub(x, shift)))))
}

// plogRatio returns Σ p·(a − b) per row over the entries with p > 0, so that
// 0·(−Inf) terms count as 0.
func plogRatio(p, a, b *node) *node {
	g := p.Graph()
	return squeeze(rowSum(graph.Where(graph.GreaterThan(p, zerosF32(g)), graph.Mul(p, graph.Sub(a, b)), zerosF32(g))))
}

// entropyGraph: −Σ p ln p of softmax(x·invT).
func entropyGraph(x, invT *node) *node {
	logp := graph.LogSoftmax(scaled(x, invT))
	p := graph.Exp(logp)
	return graph.Neg(plogRatio(p, logp, graph.ZerosLike(logp)))
}

// crossEntropyGraph: per-row loss with PyTorch's label smoothing and
// ignore_index; ignored rows give 0. Everything is computed on x − max x,
// so that a large max is never rounded into the loss.
func crossEntropyGraph(x, targets, ignore, eps *node) *node {
	g := x.Graph()
	rows, v := x.Shape().Dimensions[0], x.Shape().Dimensions[1]
	z := graph.Sub(x, rowMax(x))
	lse := squeeze(graph.Log(rowSum(graph.Exp(z)))) // LSE(x) − max x
	iota := graph.Iota(g, shapes.Make(dtypes.Int32, rows, v), 1)
	isTarget := graph.Equal(iota, graph.ExpandAxes(targets, -1))
	zt := squeeze(rowSum(graph.Where(isTarget, z, zerosF32(g))))
	mean := graph.DivScalar(squeeze(rowSum(z)), float64(v))
	one := graph.Scalar(g, dtypes.Float32, 1)
	// The smoothing term only where ε > 0: a masked (−Inf) logit makes it
	// +Inf, and 0·Inf would turn the plain loss into NaN.
	zeros := graph.ZerosLike(lse)
	smooth := graph.Where(graph.GreaterThan(graph.Add(zeros, eps), zeros), graph.Mul(eps, graph.Sub(lse, mean)), zeros)
	loss := graph.Add(graph.Mul(graph.Sub(one, eps), graph.Sub(lse, zt)), smooth)
	return graph.Where(graph.Equal(targets, ignore), zerosF32(g), loss)
}

func klGraph(p, q *node) *node {
	lp, lq := graph.LogSoftmax(p), graph.LogSoftmax(q)
	return plogRatio(graph.Exp(lp), lp, lq)
}

func jsGraph(p, q *node) *node {
	lp, lq := graph.LogSoftmax(p), graph.LogSoftmax(q)
	pp, pq := graph.Exp(lp), graph.Exp(lq)
	lm := graph.Log(graph.MulScalar(graph.Add(pp, pq), 0.5))
	js := graph.MulScalar(graph.Add(plogRatio(pp, lp, lm), plogRatio(pq, lq, lm)), 0.5)
	return graph.MaxScalar(js, 0)
}

// keys maps float32 logits to int64 keys with the same order (−0 = +0):
// the bits b as int32, with the 31 low bits flipped when b < 0.
func keys(x *node) *node {
	g := x.Graph()
	b := graph.ConvertDType(graph.Bitcast(x, dtypes.Int32), dtypes.Int64)
	k := graph.Where(graph.LessThan(b, graph.Scalar(g, dtypes.Int64, 0)),
		graph.Sub(graph.Scalar(g, dtypes.Int64, -(1<<31)-1), b), b)
	return graph.Where(graph.Equal(x, zerosF32(g)), graph.Scalar(g, dtypes.Int64, 0), k)
}

// bisectKey returns, per row, the largest key τ with weight(key ≥ τ) ≥
// target, by 33 halvings of [−2³¹−1, 2³¹]; weight sums w over the selected
// entries. If even the whole row weighs less than target (rounding), τ is
// below every key. Shapes: key, w [rows, V]; target [rows, 1].
func bisectKey(key, w, target *node) *node {
	g := key.Graph()
	rows := key.Shape().Dimensions[0]
	full := func(v int64) *node {
		return graph.BroadcastToDims(graph.Scalar(g, dtypes.Int64, v), rows, 1)
	}
	lo, hi := full(-(1<<31)-1), full(1<<31)
	zero := graph.ZerosLike(w)
	two := graph.Scalar(g, dtypes.Int64, 2)
	for range 33 {
		mid := graph.Add(lo, graph.Div(graph.Sub(hi, lo), two))
		mass := rowSum(graph.Where(graph.GreaterOrEqual(key, mid), w, zero))
		ok := graph.GreaterOrEqual(mass, target)
		lo, hi = graph.Where(ok, mid, lo), graph.Where(ok, hi, mid)
	}
	return lo
}

// topKGraph keeps the entries ≥ the row's k-th largest (ties kept).
func topKGraph(z, k *node) *node {
	key := keys(z)
	tau := bisectKey(key, graph.OnesLike(z), graph.BroadcastToDims(k, z.Shape().Dimensions[0], 1))
	return graph.Where(graph.GreaterOrEqual(key, tau), z, negInf(z.Graph()))
}

// topPGraph keeps the nucleus of mass p: every key above the crossing key
// τ, and of the entries tied at τ the lowest indices, as many as the mass
// still missing needs (pkg/sampling's rule).
func topPGraph(z, p *node) *node {
	g := z.Graph()
	rows, v := z.Shape().Dimensions[0], z.Shape().Dimensions[1]
	e := graph.Exp(graph.Sub(z, rowMax(z)))
	target := graph.Mul(rowSum(e), p)
	key := keys(z)
	tau := bisectKey(key, e, target)
	zero := graph.ZerosLike(e)
	above := rowSum(graph.Where(graph.GreaterThan(key, tau), e, zero))
	tie := graph.Equal(key, tau)
	eTie := rowMax(graph.Where(tie, e, zero)) // every tied entry has this weight
	// Tied entries needed: the smallest n with above + n·eTie ≥ target.
	need := graph.Ceil(graph.MulScalar(graph.Div(graph.Sub(target, above), eTie), 1-1e-6))
	need = graph.MaxScalar(need, 1)
	// The index J such that exactly need tied entries lie below it, by
	// bisection on the index (counts are exact in float32 below 2²⁴).
	iota := graph.Iota(g, shapes.Make(dtypes.Int32, rows, v), 1)
	tieF := graph.ConvertDType(tie, dtypes.Float32)
	lo := graph.BroadcastToDims(graph.Scalar(g, dtypes.Int32, 0), rows, 1)
	hi := graph.BroadcastToDims(graph.Scalar(g, dtypes.Int32, int32(v)), rows, 1)
	two := graph.Scalar(g, dtypes.Int32, 2)
	for range bits.Len(uint(v)) + 1 {
		mid := graph.Add(lo, graph.Div(graph.Sub(hi, lo), two))
		count := rowSum(graph.Where(graph.LessThan(iota, mid), tieF, zero))
		ok := graph.GreaterOrEqual(count, need)
		lo, hi = graph.Where(ok, lo, mid), graph.Where(ok, mid, hi)
	}
	keep := graph.Or(graph.GreaterThan(key, tau), graph.And(tie, graph.LessThan(iota, hi)))
	return graph.Where(keep, z, negInf(g))
}

// minPGraph keeps z ≥ max z + ln minP.
func minPGraph(z, logMinP *node) *node {
	keep := graph.GreaterOrEqual(z, graph.Add(rowMax(z), logMinP))
	return graph.Where(keep, z, negInf(z.Graph()))
}

// greedyGraph keeps only the row's argmax (lowest index on ties).
func greedyGraph(x *node) *node {
	g := x.Graph()
	rows, v := x.Shape().Dimensions[0], x.Shape().Dimensions[1]
	best := graph.ArgMax(x, -1, dtypes.Int32)
	iota := graph.Iota(g, shapes.Make(dtypes.Int32, rows, v), 1)
	return graph.Where(graph.Equal(iota, graph.ExpandAxes(best, -1)), x, negInf(g))
}

// logOf returns ln x as float32, with ln 0 = −Inf.
func logOf(x float32) float32 { return float32(math.Log(float64(x))) }
