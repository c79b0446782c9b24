// Mutant: RepeatedNGramRate divides by the number of words instead of the number of n-grams.

//go:build ignore

package beamsearch

// RepeatedNGramRate is the fraction of the len(words) − n + 1 n-grams of
// words that already occurred at an earlier position; 0 when there are none.
func RepeatedNGramRate(words []string, n int) float64 {
	total := len(words) - n + 1
	if total < 1 {
		return 0
	}
	seen := map[string]bool{}
	repeated := 0
	for i := range total {
		key := ""
		for _, w := range words[i : i+n] {
			key += w + "\x00"
		}
		if seen[key] {
			repeated++
		}
		seen[key] = true
	}
	return float64(repeated) / float64(len(words))
}
