// Package samplers is exercise 09: the min-p filter, the repetition penalty,
// the order of temperature and min-p, and Gumbel-max sampling.
package samplers

import (
	"math/rand/v2"
)

// MinP returns a copy of logits in which every token whose probability is
// below minP × (the largest probability) is set to −Inf; a token exactly
// on the threshold is kept. The most likely token is always kept, logits of
// ±1e4 give no NaN, and the input is not modified.
func MinP(logits []float64, minP float64) []float64 { panic("TODO: implement MinP (see README.md)") }

// GumbelMax draws an index with probability softmax(logits)_i without
// normalising: it returns argmax_i (logits[i] + g_i) where
// g_i = −ln(−ln u_i) and u_i = rng.Float64() is drawn once per index, in
// index order. −Inf logits are never chosen.
func GumbelMax(logits []float64, rng *rand.Rand) int {
	panic("TODO: implement GumbelMax (see README.md)")
}

// RepetitionPenalty returns a copy of logits in which every token that
// occurs in previous is penalised with the CTRL repetition penalty theta > 1
// as Hugging Face's repetition_penalty applies it (see README.md): the
// penalty always lowers a repeated token's logit, and a token is penalised
// once however often it occurred. The input is not modified.
func RepetitionPenalty(logits []float64, previous []int, theta float64) []float64 {
	panic("TODO: implement RepetitionPenalty (see README.md)")
}

// TemperatureMinP applies temperature T > 0 and the min-p filter in Hugging
// Face's order (temperature first): it returns logits[i] / T for the tokens
// the filter keeps and −Inf for the others. The input is not modified.
func TemperatureMinP(logits []float64, T, minP float64) []float64 {
	panic("TODO: implement TemperatureMinP (see README.md)")
}
