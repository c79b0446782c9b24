// Mutant: FlagAtThreshold flags score ≥ threshold instead of score > threshold: an example exactly on the threshold is flagged.
// Package errorsignal is exercise 16: how well a score (a model's predictive
// entropy) separates its wrong predictions from its right ones, and what a
// threshold on it catches at a given base rate.

//go:build ignore

package errorsignal

// FlagAtThreshold flags every example whose score is strictly above
// threshold and returns the recall (the fraction of positives flagged) and
// the precision (the fraction of flagged examples that are positive).
// Recall is NaN when there is no positive, precision NaN when nothing is
// flagged.
func FlagAtThreshold(score []float64, positive []bool, threshold float64) (recall, precision float64) {
	var flagged, hits, positives float64
	for i, s := range score {
		if positive[i] {
			positives++
		}
		if s >= threshold {
			flagged++
			if positive[i] {
				hits++
			}
		}
	}
	return hits / positives, hits / flagged // 0/0 = NaN
}
