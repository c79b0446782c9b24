// Package attention is scaled dot-product attention written out as what it
// is, a softmax over positions, in float64 for the course's chapter 18:
// scores, causal masking by −Inf logits, the weights' entropy, and the
// online (flash-attention) softmax that never holds a whole row.
//
// For a query q and keys k₁…k_n of width d, the weights are
//
//	wⱼ = softmax_j(q·kⱼ / √d),  j ≤ i for a causal query at position i,
//
// and the output Σⱼ wⱼ vⱼ is their average of the values.
package attention

import (
	"fmt"
	"math"

	"github.com/bitsandlogits/course/pkg/probability"
)

// Scores returns sⱼ = scale · q·kⱼ for every key (scale = 1/√d is the
// standard choice; 1 is unscaled attention). It panics when a key's width
// differs from q's. Time O(n·d).
func Scores(q []float64, keys [][]float64, scale float64) []float64 {
	s := make([]float64, len(keys))
	for j, k := range keys {
		if len(k) != len(q) {
			panic(fmt.Sprintf("attention: Scores: key %d has width %d, query %d", j, len(k), len(q)))
		}
		dot := 0.0
		for i := range q {
			dot += q[i] * k[i]
		}
		s[j] = scale * dot
	}
	return s
}

// Causal returns a copy of scores with every position after i set to −Inf:
// the causal mask as logits, so that softmax gives those positions weight
// exactly 0.
func Causal(scores []float64, i int) []float64 {
	out := append([]float64(nil), scores...)
	for j := i + 1; j < len(out); j++ {
		out[j] = math.Inf(-1)
	}
	return out
}

// Weights returns softmax(scores) with −Inf scores (masked positions)
// weighted 0. A row masked everywhere (every score −Inf, e.g. a padding
// query) has no distribution: Weights returns all zeros, as fused
// attention kernels do, rather than NaN. Time O(n).
func Weights(scores []float64) []float64 {
	for _, s := range scores {
		if !math.IsInf(s, -1) {
			return probability.Softmax(scores)
		}
	}
	return make([]float64, len(scores))
}

// Online returns Σⱼ softmax(scores)ⱼ · valuesⱼ and ln Σⱼ exp(scoresⱼ),
// reading scores and values block positions at a time as flash attention
// does: it keeps the running maximum m, the running sum ℓ = Σ exp(sⱼ − m)
// and the running output o = Σ exp(sⱼ − m)·vⱼ, and when a block raises the
// maximum to m' it rescales both by exp(m − m'). A block whose scores are
// all −Inf changes nothing. The results equal the full softmax's up to
// rounding; with every score −Inf the output is 0 and the log-sum −Inf.
// It panics on block < 1 or mismatched lengths. Time O(n), memory O(1).
func Online(scores, values []float64, block int) (out, logSum float64) {
	if block < 1 || len(scores) != len(values) {
		panic(fmt.Sprintf("attention: Online: block %d, %d scores, %d values", block, len(scores), len(values)))
	}
	m, l, o := math.Inf(-1), 0.0, 0.0
	for start := 0; start < len(scores); start += block {
		s, v := scores[start:min(start+block, len(scores))], values[start:min(start+block, len(values))]
		bm := math.Inf(-1)
		for _, x := range s {
			bm = math.Max(bm, x)
		}
		if math.IsInf(bm, -1) {
			continue // nothing visible in this block; exp(−Inf − (−Inf)) would be NaN
		}
		if bm > m {
			r := math.Exp(m - bm) // 0 on the first visible block
			l, o, m = l*r, o*r, bm
		}
		for j, x := range s {
			e := math.Exp(x - m)
			l += e
			o += e * v[j]
		}
	}
	if l == 0 {
		return 0, math.Inf(-1)
	}
	return o / l, m + math.Log(l)
}

// Full returns the same as Online from the whole row at once:
// Σⱼ Weights(scores)ⱼ · valuesⱼ and LogSumExp(scores).
func Full(scores, values []float64) (out, logSum float64) {
	w := Weights(scores)
	for j := range w {
		out += w[j] * values[j]
	}
	for _, s := range scores {
		if !math.IsInf(s, -1) {
			return out, probability.LogSumExp(scores)
		}
	}
	return 0, math.Inf(-1)
}

// Entropy returns the entropy of one row of attention weights in nats,
// −Σⱼ wⱼ ln wⱼ: 0 when the query attends to one position, ln n when it
// spreads evenly over n. An all-zero row (fully masked) has entropy 0.
func Entropy(w []float64) float64 {
	h := 0.0
	for _, p := range w {
		if p > 0 {
			h -= p * math.Log(p)
		}
	}
	return h
}
