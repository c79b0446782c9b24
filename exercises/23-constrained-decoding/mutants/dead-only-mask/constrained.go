// Mutant: Allowed refuses only tokens that lead to the Dead state, without looking ahead: the sampler can enter a state it cannot finish from in the tokens left.

//go:build ignore

package constrained

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
