package probability

import (
	"fmt"
	"math"
)

// CrossEntropy returns the cross-entropy of q relative to p, in nats:
//
//	H(p, q) = −Σᵢ pᵢ ln qᵢ = H(p) + KL(p ‖ q).
//
// It is the average number of nats needed to encode outcomes drawn from p with
// a code built for q, so H(p, q) ≥ H(p), with equality only when q = p. Terms
// with pᵢ = 0 contribute 0 whatever qᵢ is; a term with pᵢ > 0 and qᵢ = 0 makes
// the result +Inf (q calls an outcome impossible that p produces).
//
// It panics unless p and q are distributions of the same length. Time O(n).
func CrossEntropy(p, q []float64) float64 {
	checkSameLength("CrossEntropy", p, q)
	checkDistribution("CrossEntropy", "p", p)
	checkDistribution("CrossEntropy", "q", q)
	h := 0.0
	for i, pi := range p {
		if pi > 0 {
			h -= pi * ln(q[i])
		}
	}
	return h
}

// CrossEntropyLoss returns the language-modelling loss for one position, in
// nats: the negative log-probability the model gives the correct next token,
//
//	L = −ln softmax(z)_target = LogSumExp(z) − z_target
//	  = ln Σⱼ exp(zⱼ − m) − (z_target − m),  m = maxⱼ zⱼ.
//
// It is [CrossEntropy] with a one-hot p, computed from the logits through
// log-sum-exp so that it never forms a probability that could underflow: a
// target 1000 nats below the best logit costs 1000, not +Inf. Probability 0.9 on
// the target costs 0.105 nats, 0.01 costs 4.6. The gradient with respect to the
// logits is softmax(z) − onehot(target).
//
// A target whose logit is −Inf gives +Inf. It panics if target is out of range
// and on the bad logits described for [Softmax]. Time O(n).
func CrossEntropyLoss(logits []float64, target int) float64 {
	if target < 0 || target >= len(logits) {
		panic(fmt.Sprintf("probability: CrossEntropyLoss: target %d out of range [0, %d)", target, len(logits)))
	}
	imax, m := rowMax("CrossEntropyLoss", logits)
	return logNormaliser(logits, imax, m) - (logits[target] - m)
}

// Perplexity returns exp of the mean negative log-probability of N observed
// tokens:
//
//	PPL = exp(−(1/N) Σₜ ln p(xₜ | x₍<ₜ₎)) = exp(mean cross-entropy in nats).
//
// logProbs are the natural-log probabilities the model gave the tokens that
// actually occurred. PPL is the model's effective branching factor: a model
// that is uniform over V tokens has perplexity exactly V (up to rounding), and
// a model that is always certain and right has perplexity 1. Perplexity is per
// token, so it depends on the tokenizer: compare models only on the same
// tokenization, or convert to bits per byte ([BitsPerByte]).
//
// A log-probability of −Inf (an impossible observed token) gives +Inf. It panics
// if logProbs is empty or holds a positive value or NaN. Time O(N).
func Perplexity(logProbs []float64) float64 {
	checkNonEmpty("Perplexity", "logProbs", logProbs)
	sum := 0.0
	for i, lp := range logProbs {
		if !(lp <= 0) {
			panic(fmt.Sprintf("probability: Perplexity: logProbs[%d] = %v is not a log-probability (want ≤ 0)", i, lp))
		}
		sum += lp
	}
	return math.Exp(-sum / float64(len(logProbs)))
}

// BitsPerByte converts a total loss over a text into bits per UTF-8 byte:
//
//	BPB = totalNats / (nBytes · ln 2).
//
// Unlike perplexity, which is per token, bits per byte divides by a length that
// every tokenizer agrees on, so it compares models with different vocabularies.
// It panics if nBytes < 1 or totalNats is negative or NaN.
func BitsPerByte(totalNats float64, nBytes int) float64 {
	if nBytes < 1 {
		panic(fmt.Sprintf("probability: BitsPerByte: nBytes = %d, want ≥ 1", nBytes))
	}
	if !(totalNats >= 0) {
		panic(fmt.Sprintf("probability: BitsPerByte: totalNats = %v, want ≥ 0", totalNats))
	}
	return totalNats / (float64(nBytes) * math.Ln2)
}
