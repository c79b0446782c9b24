// Mutant: RollingHistory assumes lm-evaluation-harness slides a strided window like Hugging Face's guide (stride maxLen/2, so every later token keeps at least maxLen/2 tokens of history).
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
	stride := max(1, maxLen/2)
	for begin := stride; first < n; begin += stride {
		end := min(begin+maxLen, n)
		for t := first; t < end; t++ {
			hist[t] = t - begin
		}
		first = end
	}
	return hist
}
