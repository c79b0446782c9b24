// Package beamsearch is exercise 20: beam search with a length penalty on a
// bigram model — prune by cumulative log-probability, finish hypotheses at
// EOS, stop when nothing live can win — and the repeated n-gram rate that
// shows what it does to text.
package beamsearch

// Hyp is a hypothesis: the tokens generated after the start token (EOS
// included when it ended there) and their total log-probability.
type Hyp struct {
	Tokens  []int
	LogProb float64
}

// Problem is a bigram model and the search's settings.
type Problem struct {
	LogProbs [][]float64 // LogProbs[a][b] = ln p(b | previous token a); may hold −Inf
	Start    int         // the token before the first generated one
	EOS      int         // the end token; −1 for none
	Width    int         // hypotheses kept per step, ≥ 1
	MaxLen   int         // tokens generated at most, ≥ 1
	Alpha    float64     // length penalty exponent, ≥ 0
}

// StepResult is what one beam step returns.
type StepResult struct {
	Live     []Hyp // the best Width candidates that do not end in EOS, best first
	Finished []Hyp // candidates ending in EOS that rank within the first Width, best first
}

// Normalized is the length-normalised score ln p / L^α.
func Normalized(logProb float64, length int, alpha float64) float64 {
	panic("TODO: implement Normalized (see README.md)")
}

// Step extends every hypothesis of beam by every token with a finite
// log-probability, ranks the candidates by cumulative LogProb (ties: the
// lexicographically smaller Tokens first), sends the EOS candidates among
// the first Width ranks to Finished and keeps the first Width others as Live.
func Step(p Problem, beam []Hyp) StepResult {
	panic("TODO: implement Step (see README.md)")
}

// Search runs beam search from Start and returns up to Width finished
// hypotheses, best Normalized score first (ties: smaller Tokens first).
// Hypotheses still live after MaxLen tokens are finished as they are. It
// stops early once Width hypotheses are finished and the best live LogProb
// divided by MaxLen^α — the best score any continuation of it can reach —
// is no better than the Width-th finished score.
func Search(p Problem) []Hyp {
	panic("TODO: implement Search (see README.md)")
}

// RepeatedNGramRate is the fraction of the len(words) − n + 1 n-grams of
// words that already occurred at an earlier position; 0 when there are none.
func RepeatedNGramRate(words []string, n int) float64 {
	panic("TODO: implement RepeatedNGramRate (see README.md)")
}
