package sampling

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/bitsandlogits/course/pkg/probability"
)

// A Workspace holds the scratch rows of the filters, so that a loop that
// filters rows of one length again and again — a decoder, an interactive
// explorable moving a slider over a 50,000-token row — allocates nothing
// after its first call. [TopK], [TopP], [MinP] and [Sampler.Filter] are
// these same filters run on a fresh copy. The zero Workspace is ready to
// use; a Workspace is not safe for concurrent use.
//
// Input already sorted in decreasing order (ties in any order) is found in
// one O(V) pass and not sorted again: top-k and top-p then cost O(V).
type Workspace struct {
	probs  []float64 // softmax of the row being filtered
	sorted []float64 // top-k's sorted copy
	order  []int     // top-p's token order
	keep   []bool    // top-p's kept set
}

// Filter writes into dst the logits a [Sampler] with cfg draws from, as
// [Sampler.Filter] defines them (cfg.Seed is not used), and returns dst.
// dst may be logits itself. It returns an error for a cfg that [New]
// rejects, and panics if len(dst) ≠ len(logits) and on the bad logits of
// Sampler.Filter.
func (w *Workspace) Filter(dst, logits []float64, cfg Config) ([]float64, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if len(dst) != len(logits) {
		panic(fmt.Sprintf("sampling: Workspace.Filter: len(dst) = %d, want len(logits) = %d", len(dst), len(logits)))
	}
	return w.filter(dst, logits, cfg), nil
}

// filter is Filter for a valid cfg.
func (w *Workspace) filter(z, logits []float64, cfg Config) []float64 {
	if cfg.Temperature == 0 {
		g := Greedy(logits)
		zg := logits[g]
		for i := range z {
			z[i] = math.Inf(-1)
		}
		z[g] = zg
		return z
	}
	copy(z, logits)
	if t := cfg.Temperature; t != 1 {
		// (zᵢ − m)/T rather than zᵢ/T: the same distribution (softmax is
		// shift-invariant) without overflow at tiny T.
		m := z[probability.Argmax(z)]
		if math.IsInf(m, 0) || math.IsNaN(m) {
			m = 0 // no finite maximum: Softmax below reports the bad row
		}
		for i := range z {
			z[i] = (z[i] - m) / t
		}
	}
	if cfg.TopK > 0 {
		w.topK(z, cfg.TopK)
	}
	if cfg.TopP > 0 && cfg.TopP < 1 {
		w.topP(z, cfg.TopP)
	}
	if cfg.MinP > 0 {
		w.minP(z, cfg.MinP)
	}
	return z
}

// descending orders floats from largest to smallest (NaN last).
func descending(a, b float64) int { return cmp.Compare(b, a) }

// grow returns s resized to n, reusing its array when it is large enough.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// topK sets to −Inf, in place, every logit strictly below the k-th largest
// (k < len(z)); see [TopK].
func (w *Workspace) topK(z []float64, k int) {
	if len(z) == 0 {
		panic("sampling: TopK: logits is empty")
	}
	if k >= len(z) {
		return
	}
	sorted := z
	if !slices.IsSortedFunc(z, descending) {
		w.sorted = grow(w.sorted, len(z))
		copy(w.sorted, z)
		slices.SortFunc(w.sorted, descending)
		sorted = w.sorted
	}
	maskBelow(z, sorted[k-1])
}

// maskBelow sets to −Inf every zᵢ that is not ≥ t (NaN included).
func maskBelow(z []float64, t float64) {
	for i, v := range z {
		if !(v >= t) {
			z[i] = math.Inf(-1)
		}
	}
}

// topP keeps, in place, the nucleus of mass p < 1; see [TopP].
func (w *Workspace) topP(z []float64, p float64) {
	w.probs = grow(w.probs, len(z))
	probs := probability.SoftmaxTo(w.probs, z)
	if slices.IsSortedFunc(probs, descending) {
		// The stable order is the identity: the nucleus is a prefix.
		cum := 0.0
		for i, q := range probs {
			cum += q
			if cum >= p {
				for j := i + 1; j < len(z); j++ {
					z[j] = math.Inf(-1)
				}
				return
			}
		}
		return
	}
	w.order = descendingOrder(grow(w.order, len(z)), probs)
	w.keep = grow(w.keep, len(z))
	clear(w.keep)
	cum := 0.0
	for _, i := range w.order {
		w.keep[i] = true
		cum += probs[i]
		if cum >= p {
			break
		}
	}
	for i, k := range w.keep {
		if !k {
			z[i] = math.Inf(-1)
		}
	}
}

// minP keeps, in place, the tokens with pᵢ ≥ minP·maxⱼ pⱼ; see [MinP].
func (w *Workspace) minP(z []float64, minP float64) {
	w.probs = grow(w.probs, len(z))
	probs := probability.SoftmaxTo(w.probs, z)
	t := minP * slices.Max(probs)
	for i, q := range probs {
		if !(q >= t) {
			z[i] = math.Inf(-1)
		}
	}
}
