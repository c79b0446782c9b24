// Mutant: ties between equal scores go to the lexicographically larger sequence (as a careless comparison or an unstable sort may do).

//go:build ignore

package beamsearch

import (
	"cmp"
	"slices"
)

// rank orders by key (larger first), then by the lexicographically smaller sequence.
func rank(ka, kb float64, a, b []int) int {
	if c := cmp.Compare(kb, ka); c != 0 {
		return c
	}
	return slices.Compare(b, a)
}
