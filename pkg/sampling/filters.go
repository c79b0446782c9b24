package sampling

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/bitsandlogits/course/pkg/probability"
)

// Greedy returns the index of the largest logit, the lowest index on ties:
// argmaxᵢ zᵢ. It is what sampling becomes at temperature 0: deterministic,
// and prone to loops because the same context always gives the same token.
//
// It panics if logits is empty or has no logit above −Inf. Time O(V).
func Greedy(logits []float64) int {
	i := probability.Argmax(logits)
	if !(logits[i] > math.Inf(-1)) {
		panic(fmt.Sprintf("sampling: Greedy: no logit above -Inf among %d (got %v at index %d)", len(logits), logits[i], i))
	}
	return i
}

// masked returns a copy of logits with every index for which keep is false set
// to −Inf.
func masked(logits []float64, keep func(i int) bool) []float64 {
	out := slices.Clone(logits)
	for i := range out {
		if !keep(i) {
			out[i] = math.Inf(-1)
		}
	}
	return out
}

// descendingOrder fills order with the token indices sorted by decreasing
// value, ties by increasing index, and returns it (len(order) = len(values)).
func descendingOrder(order []int, values []float64) []int {
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(values[b], values[a]) })
	return order
}

// TopK keeps the k highest logits: it returns a copy in which every logit
// strictly below the k-th largest is −Inf. Tokens tied with the k-th largest
// are all kept, so more than k may survive (this matches Hugging Face's
// TopKLogitsWarper). k ≥ V keeps everything.
//
// It panics if logits is empty or k < 1. Time O(V log V) (a sorted copy),
// O(V) when logits are already in decreasing order.
func TopK(logits []float64, k int) []float64 {
	if len(logits) == 0 {
		panic("sampling: TopK: logits is empty")
	}
	if k < 1 {
		panic(fmt.Sprintf("sampling: TopK: k = %d, want k ≥ 1", k))
	}
	out := slices.Clone(logits)
	new(Workspace).topK(out, k)
	return out
}

// TopP keeps the nucleus: the smallest set of tokens, taken in order of
// decreasing probability, whose total probability is at least p. The token
// whose probability carries the running sum across p is kept, so at least one
// token always survives; among equal probabilities lower indices come first.
// p = 1 keeps every token.
//
// Because the cut is by cumulative mass, the kept set adapts: a confident
// (peaked) distribution keeps a handful of tokens, a flat one keeps many.
//
// It panics if p is outside (0, 1] and on the bad logits described for
// probability.Softmax. Time O(V log V) (a sort of the probabilities), O(V)
// when logits are already in decreasing order.
func TopP(logits []float64, p float64) []float64 {
	if !(p > 0 && p <= 1) {
		panic(fmt.Sprintf("sampling: TopP: p = %v, want 0 < p ≤ 1", p))
	}
	out := slices.Clone(logits)
	if p < 1 {
		new(Workspace).topP(out, p)
	} else {
		probability.Softmax(logits) // the bad-logits panics of p < 1
	}
	return out
}

// MinP keeps the tokens whose probability is at least minP times the
// probability of the most likely token: pᵢ ≥ minP · maxⱼ pⱼ (Nguyen et al.,
// 2024). The bar moves with the model's confidence: a peaked distribution
// prunes hard, a flat one keeps many tokens. minP = 0 keeps everything;
// minP = 1 keeps only the tokens tied for the maximum.
//
// It panics if minP is outside [0, 1] and on the bad logits described for
// probability.Softmax. Time O(V).
func MinP(logits []float64, minP float64) []float64 {
	if !(minP >= 0 && minP <= 1) {
		panic(fmt.Sprintf("sampling: MinP: minP = %v, want 0 ≤ minP ≤ 1", minP))
	}
	out := slices.Clone(logits)
	new(Workspace).minP(out, minP)
	return out
}

// Typical implements locally typical sampling (Meister et al., 2023): it keeps
// the tokens whose surprisal −ln pᵢ is closest to the distribution's entropy
// H = −Σ pⱼ ln pⱼ, adding tokens in order of increasing |−ln pᵢ − H| until their
// total probability reaches mass. Tokens tied with the last one kept are kept
// too; at least one token always survives. mass = 1 keeps every token.
//
// It panics if mass is outside (0, 1] and on the bad logits described for
// probability.Softmax. Time O(V log V).
func Typical(logits []float64, mass float64) []float64 {
	if !(mass > 0 && mass <= 1) {
		panic(fmt.Sprintf("sampling: Typical: mass = %v, want 0 < mass ≤ 1", mass))
	}
	if mass == 1 {
		return slices.Clone(logits)
	}
	logp := probability.LogSoftmax(logits)
	probs := make([]float64, len(logp))
	for i, lp := range logp {
		probs[i] = math.Exp(lp)
	}
	h := probability.Entropy(probs)
	distance := make([]float64, len(logp))
	for i, lp := range logp {
		distance[i] = math.Abs(-lp - h) // +Inf for impossible tokens
	}
	order := descendingOrder(make([]int, len(distance)), distance)
	slices.Reverse(order) // increasing distance; ties now by decreasing index, which the tie rule below makes irrelevant
	cum, cut := 0.0, math.Inf(1)
	for _, i := range order {
		cum += probs[i]
		if cum >= mass {
			cut = distance[i]
			break
		}
	}
	return masked(logits, func(i int) bool { return distance[i] <= cut && probs[i] > 0 })
}
