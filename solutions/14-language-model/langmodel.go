// Package langmodel is exercise 14: tokenizer-independent evaluation of a
// language model in bits per byte, and the context each token gets when a
// long text is scored in windows.
package langmodel

import "math"

// BitsPerToken returns the cross-entropy per token, in bits, of a text whose
// tokens have the natural-log probabilities logProbs. It depends on the
// tokenizer.
func BitsPerToken(logProbs []float64) float64 {
	return totalNats(logProbs) / math.Ln2 / float64(len(logProbs))
}

// BitsPerByte returns the total negative log-likelihood of text, in bits,
// divided by the number of UTF-8 bytes of text (not its number of runes).
// logProbs are the natural-log probabilities of the text's tokens. Two
// tokenizers that assign the text the same total probability get the same
// bits per byte.
func BitsPerByte(logProbs []float64, text string) float64 {
	return totalNats(logProbs) / math.Ln2 / float64(len(text))
}

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
			hist[end-k+j] = maxLen - k + 1 + j
		}
		done = end
	}
	return hist
}

func totalNats(logProbs []float64) float64 {
	s := 0.0
	for _, lp := range logProbs {
		s -= lp
	}
	return s
}
