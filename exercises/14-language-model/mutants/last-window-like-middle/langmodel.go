// Mutant: RollingHistory treats the short last window like a middle one (one token of context), missing that the harness right-aligns it to read a full maxLen tokens.
// Package langmodel is exercise 14: tokenizer-independent evaluation of a
// language model in bits per byte, and the context each token gets when a
// long text is scored in windows.

//go:build ignore

package langmodel

// RollingHistory returns, for each of the n tokens of a text, how many
// tokens of the text the model reads before predicting it when the text is
// scored as lm-evaluation-harness's loglikelihood_rolling scores it for a
// model with an input of maxLen tokens:
//   - the first window reads a start-of-text token (not part of the text)
//     followed by the text's first tokens, and predicts the first
//     min(n, maxLen) tokens;
//   - each later window predicts the next maxLen tokens, or all that remain
//     when fewer do, and reads exactly the maxLen text tokens that end just
//     before the last token it predicts.
//
// It panics unless n ≥ 0 and maxLen ≥ 1.
func RollingHistory(n, maxLen int) []int {
	if n < 0 || maxLen < 1 {
		panic("langmodel: RollingHistory: need n ≥ 0 and maxLen ≥ 1")
	}
	hist := make([]int, n)
	first := min(n, maxLen)
	for t := range first {
		hist[t] = t // after the start-of-text token, which is not text
	}
	for done := first; done < n; {
		k := min(n-done, maxLen) // tokens this window predicts
		end := done + k
		// The window reads tokens [end−1−maxLen, end−1): the first predicted
		// token, end−k, has end−k − (end−1−maxLen) = maxLen−k+1 before it.
		for j := range k {
			hist[end-k+j] = 1 + j
		}
		done = end
	}
	return hist
}
