package sampling

import (
	"fmt"
	"math"
	"slices"
)

// checkTokens panics unless every previous token is a valid index into a
// vocabulary of size v.
func checkTokens(fn string, previous []int, v int) {
	for i, t := range previous {
		if t < 0 || t >= v {
			panic(fmt.Sprintf("sampling: %s: previous[%d] = %d out of range [0, %d)", fn, i, t, v))
		}
	}
}

// RepetitionPenalty discourages tokens that already occur in previous, with the
// rule of Keskar et al.'s CTRL as implemented by Hugging Face: the logit of each
// such token is divided by penalty if positive and multiplied by it if negative,
// so penalty > 1 always lowers its probability. A token is penalised once
// however often it occurred. penalty = 1 changes nothing.
//
// It panics if penalty is not a finite number > 0 or a previous token is out
// of range. Time O(V + len(previous)).
func RepetitionPenalty(logits []float64, previous []int, penalty float64) []float64 {
	if !(penalty > 0) || math.IsInf(penalty, 1) {
		panic(fmt.Sprintf("sampling: RepetitionPenalty: penalty = %v, want a finite value > 0", penalty))
	}
	checkTokens("RepetitionPenalty", previous, len(logits))
	out := slices.Clone(logits)
	seen := make([]bool, len(logits))
	for _, t := range previous {
		if seen[t] {
			continue
		}
		seen[t] = true
		if out[t] > 0 {
			out[t] /= penalty
		} else {
			out[t] *= penalty
		}
	}
	return out
}

// FrequencyPresencePenalty applies the additive penalties of the OpenAI API:
//
//	zᵢ ← zᵢ − cᵢ · frequency − [cᵢ > 0] · presence,
//
// where cᵢ counts the occurrences of token i in previous. The frequency
// penalty grows with every repetition; the presence penalty is paid once.
// Negative values encourage repetition instead.
//
// It panics if frequency or presence is not finite or a previous token is out
// of range. Time O(V + len(previous)).
func FrequencyPresencePenalty(logits []float64, previous []int, frequency, presence float64) []float64 {
	if math.IsNaN(frequency) || math.IsInf(frequency, 0) || math.IsNaN(presence) || math.IsInf(presence, 0) {
		panic(fmt.Sprintf("sampling: FrequencyPresencePenalty: frequency = %v, presence = %v, want finite values", frequency, presence))
	}
	checkTokens("FrequencyPresencePenalty", previous, len(logits))
	counts := make([]int, len(logits))
	for _, t := range previous {
		counts[t]++
	}
	out := slices.Clone(logits)
	for i, c := range counts {
		if c > 0 {
			out[i] -= float64(c)*frequency + presence
		}
	}
	return out
}
