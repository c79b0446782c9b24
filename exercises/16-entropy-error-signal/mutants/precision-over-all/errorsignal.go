// Mutant: FlagAtThreshold divides the hits by the number of examples instead of the number flagged, so its "precision" ignores how many false alarms were raised.
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
		if s > threshold {
			flagged++
			if positive[i] {
				hits++
			}
		}
	}
	_ = flagged
	return hits / positives, hits / float64(len(score))
}
