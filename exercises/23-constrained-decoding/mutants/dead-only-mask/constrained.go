// Mutant: Allowed refuses only tokens that lead to the Dead state, without looking ahead: the sampler can enter a state it cannot finish from in the tokens left.

// Package constrained is exercise 23: constrained decoding — a masked
// softmax over the allowed tokens, a mask that looks ahead, the probability
// of eventually satisfying the constraint, and the exact next-token
// distribution under which whole strings follow p(x | x accepted).
package constrained

import "math"

// Dead is the transition target of a token that leaves the language.
const Dead = -1

// DFA is a deterministic automaton over token ids: Next[s][t] is the state
// after token t in state s, or Dead; Accept[s] says whether a string ending
// in s is accepted.
type DFA struct {
	Start  int
	Accept []bool
	Next   [][]int
}

// Problem is a bigram model under a DFA. Start[t] = p(t) for the first
// token, Rows[u][t] = p(t | previous token u). A string ends at the token
// EOS (not part of the string; −1 when there is none) or after MaxLen
// tokens; it satisfies the constraint when the DFA accepts it. The DFA's
// column for EOS is ignored.
type Problem struct {
	DFA    DFA
	Start  []float64
	Rows   [][]float64
	EOS    int
	MaxLen int
}

// MaskedSoftmax returns softmax of the allowed logits, 0 elsewhere; nil
// when no allowed token has a finite logit.
func MaskedSoftmax(logits []float64, allowed []bool) []float64 {
	m := math.Inf(-1)
	for i, z := range logits {
		if allowed[i] {
			m = math.Max(m, z)
		}
	}
	if math.IsInf(m, -1) {
		return nil
	}
	out := make([]float64, len(logits))
	sum := 0.0
	for i, z := range logits {
		if allowed[i] {
			out[i] = math.Exp(z - m)
			sum += out[i]
		}
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}

// live reports whether a string in state s with r tokens left can still
// end accepted.
func live(p Problem, s, r int) bool {
	if s == Dead {
		return false
	}
	if p.DFA.Accept[s] && (r == 0 || p.EOS >= 0) {
		return true
	}
	if r == 0 {
		return false
	}
	for t, n := range p.DFA.Next[s] {
		if t != p.EOS && live(p, n, r-1) {
			return true
		}
	}
	return false
}

// Allowed is the mask in state s with remaining tokens left: a token (not
// EOS) whose next state can still end accepted with remaining−1 tokens
// left; EOS in accepting states. Nothing when remaining is 0.
func Allowed(p Problem, state, remaining int) []bool {
	ok := make([]bool, len(p.DFA.Next[state]))
	if remaining <= 0 {
		return ok
	}
	for t, n := range p.DFA.Next[state] {
		ok[t] = t != p.EOS && n != Dead
	}
	if p.EOS >= 0 {
		ok[p.EOS] = p.DFA.Accept[state]
	}
	return ok
}

// dist is p(· | prev), the start distribution when prev is −1.
func dist(p Problem, prev int) []float64 {
	if prev < 0 {
		return p.Start
	}
	return p.Rows[prev]
}

// Satisfy returns Z = P(the string ends accepted | previous token prev
// (−1 at the start), DFA state, remaining tokens left).
func Satisfy(p Problem, prev, state, remaining int) float64 {
	if state == Dead {
		return 0
	}
	if remaining == 0 {
		if p.DFA.Accept[state] {
			return 1
		}
		return 0
	}
	z := 0.0
	for t, ok := range Allowed(p, state, remaining) {
		switch {
		case !ok:
		case t == p.EOS:
			z += dist(p, prev)[t]
		default:
			z += dist(p, prev)[t] * Satisfy(p, t, p.DFA.Next[state][t], remaining-1)
		}
	}
	return z
}

// ExactNext returns q(t) = p(t | prefix) · Z(prefix t) / Z(prefix), the
// next-token distribution of the exact conditional; nil when Z(prefix) = 0
// or the prefix has MaxLen tokens.
func ExactNext(p Problem, prefix []int) []float64 {
	s, prev := p.DFA.Start, -1
	for _, t := range prefix {
		if s = p.DFA.Next[s][t]; s == Dead {
			return nil
		}
		prev = t
	}
	r := p.MaxLen - len(prefix)
	z := Satisfy(p, prev, s, r)
	if r <= 0 || z <= 0 {
		return nil
	}
	q := make([]float64, len(p.Start))
	for t, ok := range Allowed(p, s, r) {
		switch {
		case !ok:
		case t == p.EOS:
			q[t] = dist(p, prev)[t] / z
		default:
			q[t] = dist(p, prev)[t] * Satisfy(p, t, p.DFA.Next[s][t], r-1) / z
		}
	}
	return q
}
