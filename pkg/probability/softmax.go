package probability

import (
	"fmt"
	"math"
)

// Argmax returns the index of the largest entry of x, the lowest such index
// when several entries tie. NaN entries never win; if every entry is NaN the
// result is 0. Time O(n).
//
// It panics if x is empty.
func Argmax(x []float64) int {
	checkNonEmpty("Argmax", "x", x)
	best := 0
	for i, v := range x {
		if v > x[best] || (math.IsNaN(x[best]) && !math.IsNaN(v)) {
			best = i
		}
	}
	return best
}

// rowMax returns the index and value of max(x) for a softmax-like function fn,
// panicking when the row has no finite maximum: all −Inf (no token has any
// probability) or a +Inf entry (the distribution would be undefined). NaN
// entries are skipped here and propagate through the caller's arithmetic; a
// row of only −Inf and NaN yields NaN.
func rowMax(fn string, x []float64) (int, float64) {
	checkNonEmpty(fn, "logits", x)
	i := Argmax(x)
	switch m := x[i]; {
	case math.IsInf(m, 1):
		panic(fmt.Sprintf("probability: %s: logit +Inf at index %d has no finite softmax", fn, i))
	case math.IsInf(m, -1) || math.IsNaN(m):
		if hasNaN(x) {
			return i, math.NaN()
		}
		panic(fmt.Sprintf("probability: %s: every one of the %d logits is -Inf, so no token has probability > 0", fn, len(x)))
	}
	return i, x[i]
}

// logNormaliser returns ln Σᵢ exp(xᵢ − m) for the row maximum m at index
// imax, computed as ln1p(Σ_{i≠imax} exp(xᵢ − m)): the maximum contributes
// exactly 1, and ln1p keeps the digits of the small remainder that ln(1 + r)
// would round away when one logit dominates.
func logNormaliser(x []float64, imax int, m float64) float64 {
	rest := 0.0
	for i, v := range x {
		if i != imax {
			rest += math.Exp(v - m)
		}
	}
	return math.Log1p(rest)
}

func hasNaN(x []float64) bool {
	for _, v := range x {
		if math.IsNaN(v) {
			return true
		}
	}
	return false
}

// LogSumExp returns ln Σᵢ exp(xᵢ), computed stably as
//
//	m + ln Σᵢ exp(xᵢ − m),  m = maxᵢ xᵢ,
//
// so that no exponential overflows: every exp(xᵢ − m) lies in [0, 1] and the
// sum lies in [1, n]. The sum is split as 1 + Σ_{i≠argmax}, and ln1p of the
// remainder keeps full precision when one logit dominates. The result is the
// log of a softmax's normaliser; it is within ln n of the maximum:
// m ≤ LogSumExp(x) ≤ m + ln n.
//
// −Inf entries contribute nothing. A NaN entry makes the result NaN. It panics
// on an empty slice, on a +Inf entry and when every entry is −Inf. Time O(n),
// two passes.
func LogSumExp(x []float64) float64 {
	i, m := rowMax("LogSumExp", x)
	return m + logNormaliser(x, i, m)
}

// Softmax returns the probability distribution
//
//	softmax(z)ᵢ = exp(zᵢ) / Σⱼ exp(zⱼ) = exp(zᵢ − m) / Σⱼ exp(zⱼ − m),  m = maxⱼ zⱼ.
//
// The outputs are in [0, 1] (exactly 0 for −Inf logits and for logits more than
// about 745 below the maximum, where exp underflows), sum to 1 within rounding,
// keep the order of the logits, and do not change when a constant is added to
// every logit (shift invariance).
//
// Bad input: see the package documentation (empty, +Inf or all −Inf panics; a
// NaN logit makes every output NaN). Time O(n), two passes; allocates the
// result ([SoftmaxTo] writes into a slice the caller owns).
func Softmax(logits []float64) []float64 {
	return softmaxTo("Softmax", make([]float64, len(logits)), logits)
}

// SoftmaxTo writes [Softmax](logits) into dst and returns dst, bit for bit
// the same values, allocating nothing: for loops that recompute a
// distribution over a large vocabulary many times. dst must be logits itself
// or not overlap it.
//
// It panics if len(dst) ≠ len(logits), and on the bad input of Softmax.
func SoftmaxTo(dst, logits []float64) []float64 {
	if len(dst) != len(logits) {
		panic(fmt.Sprintf("probability: SoftmaxTo: len(dst) = %d, want len(logits) = %d", len(dst), len(logits)))
	}
	return softmaxTo("SoftmaxTo", dst, logits)
}

func softmaxTo(fn string, p, logits []float64) []float64 {
	_, m := rowMax(fn, logits)
	sum := 0.0
	for i, v := range logits {
		p[i] = math.Exp(v - m)
		sum += p[i]
	}
	for i := range p {
		p[i] /= sum
	}
	return p
}

// LogSoftmax returns ln softmax(z)ᵢ = zᵢ − LogSumExp(z), the log-probabilities
// of the tokens, in nats, evaluated as (zᵢ − m) − ln Σⱼ exp(zⱼ − m) so that a
// large maximum m does not swallow the small normaliser through rounding.
// Computing it directly, rather than as the log of Softmax, keeps precision
// for tiny probabilities: a token 800 nats below the maximum gets −800, where
// ln(Softmax) would give ln 0 = −Inf.
//
// Bad input as for [Softmax]; −Inf logits give −Inf. Time O(n).
func LogSoftmax(logits []float64) []float64 {
	imax, m := rowMax("LogSoftmax", logits)
	logZ := logNormaliser(logits, imax, m)
	out := make([]float64, len(logits))
	for i, v := range logits {
		out[i] = (v - m) - logZ
	}
	return out
}

// SoftmaxTemperature returns softmax(z/T), the distribution a decoder samples
// from at temperature T:
//
//	softmax(z/T)ᵢ = exp((zᵢ − m)/T) / Σⱼ exp((zⱼ − m)/T),  m = maxⱼ zⱼ.
//
// T = 1 is the model's own distribution; T < 1 sharpens it towards the argmax;
// T > 1 flattens it towards uniform over the tokens with finite logits. Shifting
// by the maximum before dividing keeps tiny temperatures exact: (zᵢ − m)/T is
// never positive, so nothing overflows even at T = 1e-300.
//
// T = 0 is greedy decoding: a one-hot vector on the argmax, the lowest index
// when several logits tie for the maximum. Without ties this is the limit
// T → 0⁺; with ties the limit would share the mass equally among the tied
// tokens, while greedy decoding must pick one.
//
// It panics if T is negative, NaN or +Inf, and on the bad input of [Softmax].
// Time O(n).
func SoftmaxTemperature(logits []float64, temperature float64) []float64 {
	if !(temperature >= 0) || math.IsInf(temperature, 1) {
		panic(fmt.Sprintf("probability: SoftmaxTemperature: temperature = %v, want a finite T ≥ 0", temperature))
	}
	_, m := rowMax("SoftmaxTemperature", logits)
	p := make([]float64, len(logits))
	if temperature == 0 {
		if math.IsNaN(m) {
			for i := range p {
				p[i] = math.NaN()
			}
			return p
		}
		p[Argmax(logits)] = 1
		return p
	}
	sum := 0.0
	for i, v := range logits {
		p[i] = math.Exp((v - m) / temperature)
		sum += p[i]
	}
	for i := range p {
		p[i] /= sum
	}
	return p
}
