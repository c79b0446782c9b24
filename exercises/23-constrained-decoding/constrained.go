// Package constrained is exercise 23: constrained decoding — a masked
// softmax over the allowed tokens, a mask that looks ahead, the probability
// of eventually satisfying the constraint, and the exact next-token
// distribution under which whole strings follow p(x | x accepted).
package constrained

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
	panic("TODO: implement MaskedSoftmax (see README.md)")
}

// Allowed is the mask in state s with remaining tokens left: a token (not
// EOS) whose next state can still end accepted with remaining−1 tokens
// left; EOS in accepting states. Nothing when remaining is 0.
func Allowed(p Problem, state, remaining int) []bool {
	panic("TODO: implement Allowed (see README.md)")
}

// Satisfy returns Z = P(the string ends accepted | previous token prev
// (−1 at the start), DFA state, remaining tokens left).
func Satisfy(p Problem, prev, state, remaining int) float64 {
	panic("TODO: implement Satisfy (see README.md)")
}

// ExactNext returns q(t) = p(t | prefix) · Z(prefix t) / Z(prefix), the
// next-token distribution of the exact conditional; nil when Z(prefix) = 0
// or the prefix has MaxLen tokens.
func ExactNext(p Problem, prefix []int) []float64 {
	panic("TODO: implement ExactNext (see README.md)")
}
