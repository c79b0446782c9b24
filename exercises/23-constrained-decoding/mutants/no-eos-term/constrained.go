// Mutant: Satisfy forgets that the model may end an accepted string with EOS: Z counts only strings that run on, so it is too small.

//go:build ignore

package constrained

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
		default:
			z += dist(p, prev)[t] * Satisfy(p, t, p.DFA.Next[state][t], remaining-1)
		}
	}
	return z
}
