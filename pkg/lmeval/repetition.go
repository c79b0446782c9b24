package lmeval

import (
	"fmt"
	"slices"
)

// RepeatedNGramRate is the fraction of the len(seq) − n + 1 n-grams of seq
// that already occurred at an earlier position of seq:
//
//	rate = #{i : seq[i:i+n] = seq[j:j+n] for some j < i} / (len(seq) − n + 1)
//
// 0 for text that never repeats itself, near 1 for a loop. Fewer than n
// items give 0. It panics if n < 1. Earlier n-grams are looked up by their
// first item: O(len(seq) · n · r) time for r the largest count of one item.
func RepeatedNGramRate[T comparable](seq []T, n int) float64 {
	if n < 1 {
		panic(fmt.Sprintf("lmeval: RepeatedNGramRate: n = %d, want ≥ 1", n))
	}
	total := len(seq) - n + 1
	if total < 1 {
		return 0
	}
	starts := map[T][]int{} // first item → start positions of earlier n-grams
	repeated := 0
	for i := range total {
		g := seq[i : i+n]
		if slices.ContainsFunc(starts[g[0]], func(j int) bool { return slices.Equal(seq[j:j+n], g) }) {
			repeated++
		}
		starts[g[0]] = append(starts[g[0]], i)
	}
	return float64(repeated) / float64(total)
}
