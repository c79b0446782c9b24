// Package logprobs reasons from what an inference API reports: the top-k
// log-probabilities ℓ₁ … ℓ_k of a next-token distribution p over V tokens.
// It bounds what the report leaves out — the mass outside the top-k and the
// entropy of the full distribution — tightly, by the extremal distributions
// that agree with the report.
//
// With pᵢ = e^ℓᵢ, the known part of the entropy and the tail mass are
//
//	H_known = −Σᵢ pᵢ ln pᵢ,   m = 1 − Σᵢ pᵢ,
//
// and the tail is r = V − k tokens, each at most p_min = minᵢ pᵢ (a token
// larger than the smallest reported one would have been reported). The
// entropy of the tail, −Σⱼ qⱼ ln qⱼ with Σ qⱼ = m and 0 ≤ qⱼ ≤ p_min, is
// concave and symmetric in q, so
//
//	largest:  every tail token at m/r              → −m ln(m/r)
//	smallest: n = ⌊m/p_min⌋ tokens at p_min and    → −n p_min ln p_min − ρ ln ρ
//	          one at ρ = m − n·p_min, the rest 0
//
// (the packed vector majorises every feasible tail, and the uniform one is
// majorised by all). Both are attained, so the bounds are tight; k = V gives
// m = 0 and width 0. All entropies are in nats.
package logprobs

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/bitsandlogits/course/pkg/probability"
)

// Slack is the rounding tolerated in reported log-probabilities: a top-k
// whose probabilities sum to at most 1 + Slack has tail mass 0 (APIs round
// each ℓᵢ, so Σ e^ℓᵢ can exceed 1 slightly), and a tail that overfills its
// r·p_min room by at most Slack (relative) is accepted. Anything larger is
// an error: the report is not the top-k of a distribution over V tokens.
const Slack = 1e-6

// Interval is the closed interval [Lo, Hi].
type Interval struct{ Lo, Hi float64 }

// Width is Hi − Lo.
func (r Interval) Width() float64 { return r.Hi - r.Lo }

// Bounds is what a top-k report says about the full distribution.
type Bounds struct {
	K, Vocab int      // reported tokens k and vocabulary size V (0: unknown)
	Known    float64  // H_known = −Σᵢ pᵢ ln pᵢ over the reported tokens, nats
	Tail     Interval // mass outside the top-k; Lo = Hi when it is known
	Entropy  Interval // entropy of the full distribution, nats
}

// Tail returns the mass outside the reported tokens, m = 1 − Σᵢ e^ℓᵢ,
// computed as −expm1(logsumexp ℓ) so that a tail of 1e-12 keeps its digits
// (1 − Σ e^ℓᵢ would cancel them). A sum above 1 by at most Slack is rounding
// and gives 0; above that, or a NaN, +Inf or empty top, is an error.
func Tail(top []float64) (float64, error) {
	if err := validate(top); err != nil {
		return 0, err
	}
	lse := probability.LogSumExp(top)
	m := -math.Expm1(lse)
	if m < 0 {
		if -m > Slack {
			return 0, fmt.Errorf("logprobs: the top-%d probabilities sum to 1 + %.3g: not log-probabilities of one distribution", len(top), -m)
		}
		m = 0
	}
	return m, nil
}

// FromTopK bounds the full distribution from its top-k log-probabilities
// (any order) over a vocabulary of vocab tokens: the tail mass is known
// exactly (Tail) and the entropy lies in
//
//	[H_known − n·p_min ln p_min − ρ ln ρ,  H_known − m ln(m/r)]
//
// (package comment). With vocab = 0 (unknown) the lower bound still holds
// and the upper one is +Inf: a tail spread over ever more tokens has
// unbounded entropy. It returns an error for logprobs no distribution over
// vocab tokens can have (k > V, a tail too large for r tokens of at most
// p_min, probabilities summing above 1 + Slack).
func FromTopK(top []float64, vocab int) (Bounds, error) {
	m, err := Tail(top)
	if err != nil {
		return Bounds{}, err
	}
	k := len(top)
	if vocab != 0 && vocab < k {
		return Bounds{}, fmt.Errorf("logprobs: %d reported tokens but a vocabulary of %d", k, vocab)
	}
	pmin := math.Exp(minOf(top))
	if m > Slack && pmin == 0 {
		return Bounds{}, fmt.Errorf("logprobs: tail mass %.6g but a reported token has probability 0", m)
	}
	known := knownEntropy(top)
	b := Bounds{K: k, Vocab: vocab, Known: known, Tail: Interval{m, m}, Entropy: Interval{known, known}}
	switch r := vocab - k; {
	case vocab == 0:
		b.Entropy.Lo += packedEntropy(m, pmin, -1)
		if m > 0 {
			b.Entropy.Hi = math.Inf(1)
		}
	case m > float64(r)*pmin*(1+Slack)+Slack:
		return Bounds{}, fmt.Errorf("logprobs: tail mass %.6g does not fit in %d tokens of at most p_min = %.6g", m, r, pmin)
	case r == 0:
		b.Tail = Interval{} // nothing outside: what is left of m is rounding
	default:
		b.Entropy.Hi += xlogy(m, float64(r)/m)
		b.Entropy.Lo = math.Min(b.Entropy.Hi, known+packedEntropy(m, pmin, r)) // equal up to rounding when the tail is full
	}
	return b, nil
}

// FromRatios bounds the full distribution when only the ratios of the top-k
// probabilities are known: log-probabilities renormalised over the top-k (a
// provider's "processed" logprobs after top-k or top-p), or any log-weights
// wᵢ = ℓᵢ + c with c unknown (Untemper's output). With p̃ = softmax(w) the
// truth is pᵢ = S·p̃ᵢ for an unknown S = 1 − m, and the tail must fit below
// S·p̃_min, so
//
//	m ∈ [0, r·p̃_min / (1 + r·p̃_min)],
//	H ∈ [H(p̃), entropy when every one of the r tail tokens equals S·p̃_min].
//
// The lower end is the renormalised top-k taken as the whole distribution
// (m = 0); the upper end is the fullest tail, where the upper bound of
// FromTopK is largest (its derivative in S there is H(p̃) + ln p̃_min ≤ 0).
// With vocab = 0 the tail can be any m < 1 and H is unbounded above.
func FromRatios(logw []float64, vocab int) (Bounds, error) {
	if err := validateWeights(logw); err != nil {
		return Bounds{}, err
	}
	k := len(logw)
	if vocab != 0 && vocab < k {
		return Bounds{}, fmt.Errorf("logprobs: %d reported tokens but a vocabulary of %d", k, vocab)
	}
	lse := probability.LogSumExp(logw)
	norm := make([]float64, k)
	for i, w := range logw {
		norm[i] = w - lse
	}
	h := knownEntropy(norm)
	b := Bounds{K: k, Vocab: vocab, Known: h, Tail: Interval{0, 1}, Entropy: Interval{h, math.Inf(1)}}
	if vocab == 0 {
		return b, nil
	}
	rp := float64(vocab-k) * math.Exp(minOf(norm))
	s := 1 / (1 + rp)
	b.Tail.Hi = rp * s
	scaled := make([]float64, k)
	for i, l := range norm {
		scaled[i] = l + math.Log(s)
	}
	b.Entropy.Hi = knownEntropy(scaled) + xlogy(b.Tail.Hi, float64(vocab-k)/b.Tail.Hi)
	b.Entropy.Hi = math.Max(b.Entropy.Hi, h)
	return b, nil
}

// Untemper turns log-probabilities reported after a temperature T,
// ℓᵢ = zᵢ/T − logsumexp(z/T), into log-weights of the T = 1 distribution,
// T·ℓᵢ = zᵢ − c with c unknown: the tail's share at T = 1 is not in the
// report, so pass the result to FromRatios, not FromTopK. It panics unless
// T > 0.
func Untemper(top []float64, temperature float64) []float64 {
	if !(temperature > 0) || math.IsInf(temperature, 1) {
		panic(fmt.Sprintf("logprobs: Untemper: temperature %v, want a finite T > 0", temperature))
	}
	out := make([]float64, len(top))
	for i, l := range top {
		out[i] = temperature * l
	}
	return out
}

// Extremes returns the two distributions over vocab tokens that agree with
// the report and attain FromTopK's bounds: lo (the tail packed into tokens
// of p_min and one remainder) and hi (the tail spread evenly). Token i < k
// is the i-th reported one; tokens k … V−1 are the tail.
func Extremes(top []float64, vocab int) (lo, hi []float64, err error) {
	b, err := FromTopK(top, vocab)
	if err != nil {
		return nil, nil, err
	}
	if vocab == 0 {
		return nil, nil, errors.New("logprobs: Extremes needs the vocabulary size")
	}
	k, m, pmin := len(top), b.Tail.Lo, math.Exp(minOf(top))
	lo, hi = make([]float64, vocab), make([]float64, vocab)
	for i, l := range top {
		lo[i], hi[i] = math.Exp(l), math.Exp(l)
	}
	n, rho := pack(m, pmin, vocab-k)
	for j := range n {
		lo[k+j] = pmin
	}
	if n < vocab-k {
		lo[k+n] = rho
	}
	for j := k; j < vocab; j++ {
		hi[j] = m / float64(vocab-k)
	}
	return lo, hi, nil
}

// TopK returns the k largest log-probabilities of a full distribution in
// descending order: what an API with top_logprobs = k reports. It panics
// unless 1 ≤ k ≤ len(logp). Time O(V·k) worst case, O(V) typical.
func TopK(logp []float64, k int) []float64 {
	if k < 1 || k > len(logp) {
		panic(fmt.Sprintf("logprobs: TopK: k = %d for %d tokens", k, len(logp)))
	}
	out := make([]float64, 0, k+1)
	for _, l := range logp {
		if len(out) == k && !(l > out[k-1]) {
			continue
		}
		i := len(out)
		for i > 0 && l > out[i-1] {
			i--
		}
		out = slices.Insert(out, i, l)
		if len(out) > k {
			out = out[:k]
		}
	}
	return out
}

// pack splits a tail m into n tokens of p (at most r of them) and a
// remainder ρ = m − n·p in [0, p).
func pack(m, p float64, r int) (n int, rho float64) {
	if m <= 0 || p <= 0 {
		return 0, 0
	}
	q := math.Floor(m / p)
	if r >= 0 && q >= float64(r) {
		return r, 0
	}
	n = int(q)
	return n, math.Max(0, m-float64(n)*p)
}

// packedEntropy is the smallest tail entropy, −n·p ln p − ρ ln ρ, with at
// most r tokens (r < 0: no limit).
func packedEntropy(m, p float64, r int) float64 {
	n, rho := pack(m, p, r)
	return float64(n)*xlogy(p, 1/p) + xlogy(rho, 1/rho)
}

// knownEntropy is −Σ e^ℓ·ℓ, with 0 for ℓ = −Inf.
func knownEntropy(logp []float64) float64 {
	h := 0.0
	for _, l := range logp {
		if !math.IsInf(l, -1) {
			h -= math.Exp(l) * l
		}
	}
	return h
}

// xlogy is x·ln y with 0 when x = 0 (the 0·ln 0 = 0 convention).
func xlogy(x, y float64) float64 {
	if x == 0 {
		return 0
	}
	return x * math.Log(y)
}

func minOf(xs []float64) float64 {
	m := math.Inf(1)
	for _, x := range xs {
		m = math.Min(m, x)
	}
	return m
}

func validate(top []float64) error {
	if err := validateWeights(top); err != nil {
		return err
	}
	for i, l := range top {
		if l > Slack {
			return fmt.Errorf("logprobs: log-probability %d is %v > 0", i, l)
		}
	}
	return nil
}

func validateWeights(w []float64) error {
	if len(w) == 0 {
		return errors.New("logprobs: no reported tokens")
	}
	for i, l := range w {
		if math.IsNaN(l) || math.IsInf(l, 1) {
			return fmt.Errorf("logprobs: log-probability %d is %v", i, l)
		}
	}
	if math.IsInf(slices.Max(w), -1) {
		return errors.New("logprobs: every reported log-probability is −Inf")
	}
	return nil
}
