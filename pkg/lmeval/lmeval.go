// Package lmeval measures causal language models the way lm-evaluation-harness
// and Hugging Face's perplexity guide do: every token of a long text scored
// exactly once by a strided sliding window, and the totals reported as
// cross-entropy (nats per token), perplexity, bits per byte and word
// perplexity, next to the uniform model's baseline. It also generates text
// with the samplers of package sampling, recording per-step entropy.
package lmeval

import (
	"fmt"
	"math"

	"github.com/bitsandlogits/course/pkg/probability"
)

// TokenScore is what a model says about one observed token.
type TokenScore struct {
	// LogProb is ln p(token | history), in nats (≤ 0).
	LogProb float64
	// Entropy is H(p(· | history)) = −Σ_v p(v) ln p(v) over the whole
	// vocabulary, in nats; NaN when it was not asked for.
	Entropy float64
}

// Model is a causal language model over token ids in [0, VocabSize()).
type Model interface {
	// VocabSize is V.
	VocabSize() int
	// ContextLength is the most history tokens the model looks at; older
	// tokens are ignored.
	ContextLength() int
	// NextLogProbs returns ln p(v | history) for every v in [0, V): a
	// proper distribution (its exponentials sum to 1, none is −Inf).
	NextLogProbs(history []int) []float64
	// Score scores window[from:], token i given history window[:i] (of
	// which the model uses the last ContextLength() tokens). With entropy
	// false, implementations may skip the O(V) entropy work and set NaN.
	Score(window []int, from int, entropy bool) []TokenScore
}

// Window is one step of the sliding window: the model reads tokens
// [Begin, End) and the tokens [Begin+From, End) are scored.
type Window struct {
	Begin, End, From int
}

// Windows cuts n tokens into the strided sliding windows of Hugging Face's
// perplexity guide: window k reads tokens [k·stride, min(k·stride+context+1, n))
// and scores only the tokens the previous window did not reach. Every token
// is scored exactly once, the last window may be shorter, token 0 is scored
// with no history, and every other token t with at least
// min(t, context+1−stride) and at most context tokens of history.
// It panics unless 1 ≤ stride ≤ context+1 and context ≥ 0. O(n/stride).
func Windows(n, context, stride int) []Window {
	if context < 0 || stride < 1 || stride > context+1 {
		panic(fmt.Sprintf("lmeval: Windows: need 0 ≤ context and 1 ≤ stride ≤ context+1, got context %d, stride %d", context, stride))
	}
	var ws []Window
	prevEnd := 0
	for begin := 0; prevEnd < n; begin += stride {
		end := min(begin+context+1, n)
		ws = append(ws, Window{Begin: begin, End: end, From: prevEnd - begin})
		prevEnd = end
	}
	return ws
}

// Options sets how Evaluate slides its window. Zero values pick defaults.
type Options struct {
	// Context is the most history tokens a scored token gets (the window
	// holds Context+1 tokens). Default: max(255, model.ContextLength()).
	Context int
	// Stride is how far the window moves. Default: Context+1 −
	// model.ContextLength(), so that every token after the first
	// ContextLength() gets the model's full context.
	Stride int
	// Entropy asks the model for the entropy of every predictive
	// distribution (costs O(V) per token).
	Entropy bool
}

// Result is a model's score on one text.
type Result struct {
	Model     string `json:"model"`
	Tokenizer string `json:"tokenizer"`
	Vocab     int    `json:"vocab"`
	Tokens    int    `json:"tokens"`
	Bytes     int    `json:"bytes"`
	Words     int    `json:"words"`
	// TotalNats = −Σ_t ln p(x_t | x_<t).
	TotalNats float64 `json:"total_nats"`
	// NatsPerToken = TotalNats / Tokens: the cross-entropy.
	NatsPerToken float64 `json:"nats_per_token"`
	// Perplexity = exp(NatsPerToken); depends on the tokenizer.
	Perplexity float64 `json:"perplexity"`
	// BitsPerByte = TotalNats / (Bytes · ln 2); comparable across tokenizers.
	BitsPerByte float64 `json:"bits_per_byte"`
	// WordPerplexity = exp(TotalNats / Words), Words counted by strings.Fields.
	WordPerplexity float64 `json:"word_perplexity"`
	// UniformPerplexity = V, the perplexity of p(v) = 1/V.
	UniformPerplexity float64 `json:"uniform_perplexity"`
	// UniformBitsPerByte = Tokens · ln V / (Bytes · ln 2).
	UniformBitsPerByte float64 `json:"uniform_bits_per_byte"`
	// PerToken holds every token's score, in text order.
	PerToken []TokenScore `json:"-"`
}

// Evaluate scores every token of ids once (see Windows) and summarises.
// nBytes is the UTF-8 length of the text ids encode and nWords its word
// count; they turn nats into bits per byte and word perplexity. It panics
// on an empty ids or nBytes < 1. Cost: one Score call per window.
func Evaluate(m Model, ids []int, nBytes, nWords int, opt Options) Result {
	if len(ids) == 0 || nBytes < 1 {
		panic(fmt.Sprintf("lmeval: Evaluate: need tokens and bytes, got %d tokens, %d bytes", len(ids), nBytes))
	}
	c := m.ContextLength()
	if opt.Context == 0 {
		opt.Context = max(255, c)
	}
	if opt.Stride == 0 {
		opt.Stride = max(1, opt.Context+1-c)
	}
	per := make([]TokenScore, 0, len(ids))
	for _, w := range Windows(len(ids), opt.Context, opt.Stride) {
		per = append(per, m.Score(ids[w.Begin:w.End], w.From, opt.Entropy)...)
	}
	return Summarize(per, m.VocabSize(), nBytes, nWords)
}

// Summarize turns per-token scores into a Result (Model and Tokenizer left
// empty for the caller).
func Summarize(per []TokenScore, vocab, nBytes, nWords int) Result {
	lps := make([]float64, len(per))
	total := 0.0
	for i, s := range per {
		lps[i] = s.LogProb
		total -= s.LogProb
	}
	r := Result{
		Vocab: vocab, Tokens: len(per), Bytes: nBytes, Words: nWords,
		TotalNats:          total,
		NatsPerToken:       total / float64(len(per)),
		Perplexity:         probability.Perplexity(lps),
		BitsPerByte:        probability.BitsPerByte(total, nBytes),
		WordPerplexity:     math.NaN(),
		UniformPerplexity:  float64(vocab),
		UniformBitsPerByte: probability.BitsPerByte(float64(len(per))*math.Log(float64(vocab)), nBytes),
		PerToken:           per,
	}
	if nWords > 0 {
		r.WordPerplexity = math.Exp(total / float64(nWords))
	}
	return r
}

// Uniform is the baseline model p(v | history) = 1/V: its cross-entropy is
// ln V nats per token and its perplexity exactly V.
type Uniform struct{ V int }

// VocabSize returns V.
func (u Uniform) VocabSize() int { return u.V }

// ContextLength returns 0: the uniform model ignores history.
func (Uniform) ContextLength() int { return 0 }

// NextLogProbs returns −ln V everywhere.
func (u Uniform) NextLogProbs([]int) []float64 {
	lp := make([]float64, u.V)
	for i := range lp {
		lp[i] = -math.Log(float64(u.V))
	}
	return lp
}

// Score gives every token ln(1/V) and entropy ln V.
func (u Uniform) Score(window []int, from int, _ bool) []TokenScore {
	out := make([]TokenScore, len(window)-from)
	for i := range out {
		out[i] = TokenScore{LogProb: -math.Log(float64(u.V)), Entropy: math.Log(float64(u.V))}
	}
	return out
}
