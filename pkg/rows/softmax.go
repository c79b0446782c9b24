package rows

import (
	"math"

	"github.com/bitsandlogits/course/internal/vecmath"
)

// checkTemperature panics unless t is finite and ≥ 0.
func checkTemperature(fn string, t float32) { check.Temperature(fn, t) }

// invTemperature returns 1/t for t > 0, capped at the largest float32: a
// temperature below 1/MaxFloat32 ≈ 2.9e−39 (which no float32 reciprocal
// can hold) acts as that one, instead of an infinite factor that turns
// the max's 0·Inf into NaN.
func invTemperature(t float32) float32 { return min(1/t, math.MaxFloat32) }

// argmax returns the index of the largest value of x, the lowest on ties.
func argmax(x []float32) int {
	best := 0
	for i, v := range x {
		if v > x[best] {
			best = i
		}
	}
	return best
}

// Softmax writes, for each row x of the batch, softmax(x/T):
//
//	dstᵢ = exp((xᵢ − m)/T) / Σⱼ exp((xⱼ − m)/T),  m = max x,
//
// where subtracting m changes nothing mathematically and keeps exp from
// overflowing. T = 0 gives the one-hot of the argmax (lowest index on
// ties), the limit as T → 0. −Inf logits get probability 0; a row with no
// finite logit gives NaN. dst may be x.
//
// It panics on a bad shape or a temperature that is negative, NaN or +Inf.
// Time O(rows·V): one exponential per element; each row is read once,
// and its output rescaled while still in cache, during the next row's
// reads on the same goroutine (after its last row, on its own; see
// internal/vecmath.Softmaxer).
func Softmax(dst, x []float32, v int, temperature float32) {
	n := numRows("Softmax", x, v)
	checkLen("Softmax", "dst", len(dst), len(x))
	checkTemperature("Softmax", temperature)
	if temperature == 0 {
		forRows(n, func(r int, _ *scratch) {
			out := dst[r*v : (r+1)*v]
			k := argmax(x[r*v : (r+1)*v])
			clear(out)
			out[k] = 1
		})
		return
	}
	a := invTemperature(temperature)
	forRowsThen(n, func(r int, s *scratch) {
		s.soft.Row(dst[r*v:(r+1)*v], x[r*v:(r+1)*v], a)
	}, func(s *scratch) { s.soft.Flush() })
}

// LogSoftmax writes, for each row x, log softmax(x/T):
//
//	dstᵢ = (xᵢ − m)/T − ln Σⱼ exp((xⱼ − m)/T),  m = max x,
//
// computed without forming the probabilities, so tiny probabilities keep
// their full precision as large negative numbers. T = 0 gives 0 at the
// argmax and −Inf elsewhere. dst may be x.
//
// It panics on a bad shape or a temperature that is negative, NaN or +Inf.
// Time O(rows·V): each row is read once from memory for its max and
// Σ exp, and then written from cache: with the AVX2 and SSE2 kernels
// during the next row's read on the same goroutine (after its last row,
// on its own), otherwise straight after its own read (see
// internal/vecmath.LogSoftmaxer).
func LogSoftmax(dst, x []float32, v int, temperature float32) {
	n := numRows("LogSoftmax", x, v)
	checkLen("LogSoftmax", "dst", len(dst), len(x))
	checkTemperature("LogSoftmax", temperature)
	if temperature == 0 {
		forRows(n, func(r int, _ *scratch) {
			out := dst[r*v : (r+1)*v]
			k := argmax(x[r*v : (r+1)*v])
			for i := range out {
				out[i] = float32(math.Inf(-1))
			}
			out[k] = 0
		})
		return
	}
	a := invTemperature(temperature)
	forRowsThen(n, func(r int, s *scratch) {
		s.logSoft.Row(dst[r*v:(r+1)*v], x[r*v:(r+1)*v], a)
	}, func(s *scratch) { s.logSoft.Flush() })
}

// rowLSE returns m = max x and ln Σ exp(xᵢ − m) for one row.
func rowLSE(x []float32) (m float32, logSum float64) {
	m, s := vecmath.MaxExp(x, 1)
	return m, math.Log(s)
}

// LogSumExp writes, for each row x, ln Σᵢ exp(xᵢ) = m + ln Σᵢ exp(xᵢ − m)
// with m = max x: the log of the softmax's normaliser (the log-partition
// function). dst has one entry per row. A row of −Inf gives −Inf (ln 0).
//
// It panics on a bad shape. Time O(rows·V): one pass per row.
func LogSumExp(dst, x []float32, v int) {
	n := numRows("LogSumExp", x, v)
	checkLen("LogSumExp", "dst", len(dst), n)
	forRows(n, func(r int, _ *scratch) {
		m, ls := rowLSE(x[r*v : (r+1)*v])
		dst[r] = float32(float64(m) + ls)
	})
}

// Entropy writes, for each row x of logits, the entropy in nats of
// p = softmax(x/T):
//
//	H(p) = −Σᵢ pᵢ ln pᵢ = ln S − (1/T)·Σᵢ pᵢ (xᵢ − m),  S = Σⱼ exp((xⱼ − m)/T),
//
// with 0·ln 0 = 0 (−Inf logits add nothing). Both terms are ≥ 0, so the
// sum does not cancel. dst has one entry per row; T = 0 gives 0, a row
// with no finite logit NaN.
//
// It panics on a bad shape or a bad temperature. Time O(rows·V): two
// passes per row.
func Entropy(dst, x []float32, v int, temperature float32) {
	n := numRows("Entropy", x, v)
	checkLen("Entropy", "dst", len(dst), n)
	checkTemperature("Entropy", temperature)
	forRowsAhead(n, rowsOf(x, v), func(r int, sc *scratch) {
		if temperature == 0 {
			dst[r] = 0
			return
		}
		in := x[r*v : (r+1)*v]
		a := invTemperature(temperature)
		m := sc.rowMax(in)
		s, d, nm := vecmath.ExpSumDotNext(in, sc.ahead.next, a, m)
		sc.ahead.took(nm)
		dst[r] = float32(math.Log(s) - float64(a)*d/s)
	})
}
