// Mutant: Normalize divides the caller's slice in place and returns it: the input is modified (the contract says it is not).

//go:build ignore

package distributions

// Normalize returns weights divided by their sum, so the result sums to 1.
// Weights must be non-negative with a positive sum. The input is not modified.
func Normalize(weights []float64) []float64 {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	for i := range weights {
		weights[i] /= total
	}
	return weights
}
