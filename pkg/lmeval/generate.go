package lmeval

import (
	"iter"
	"math"

	"github.com/bitsandlogits/course/pkg/probability"
	"github.com/bitsandlogits/course/pkg/sampling"
)

// Step is one generated token.
type Step struct {
	Token int
	// Prob is the model's probability of Token before any sampler filter.
	Prob float64
	// Entropy is the entropy of the model's next-token distribution before
	// filtering, in nats: high where the model is unsure.
	Entropy float64
}

// Generate extends prompt by n tokens: at each step the model's next-token
// log-probabilities (given the last ContextLength() tokens) go to
// s.Sample, which applies temperature, top-k, top-p and min-p and draws
// with its own seeded generator. The same model, prompt and sampler
// configuration give the same tokens. Cost: n NextLogProbs calls plus O(V)
// per step.
func Generate(m Model, prompt []int, n int, s *sampling.Sampler) []Step {
	steps := make([]Step, 0, n)
	for st := range Stream(m, prompt, n, s) {
		steps = append(steps, st)
	}
	return steps
}

// Stream yields the steps of Generate one at a time, as they are drawn;
// stopping the loop stops the generation.
func Stream(m Model, prompt []int, n int, s *sampling.Sampler) iter.Seq[Step] {
	return func(yield func(Step) bool) {
		hist := append([]int(nil), prompt...)
		c := m.ContextLength()
		for range n {
			lp := m.NextLogProbs(hist[max(0, len(hist)-c):])
			tok := s.Sample(lp)
			st := Step{Token: tok, Prob: math.Exp(lp[tok]), Entropy: probability.Entropy(probability.Softmax(lp))}
			if !yield(st) {
				return
			}
			hist = append(hist, tok)
		}
	}
}

// Tokens returns the token ids of steps.
func Tokens(steps []Step) []int {
	ids := make([]int, len(steps))
	for i, s := range steps {
		ids[i] = s.Token
	}
	return ids
}
