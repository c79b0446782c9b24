// Package constrain is constrained decoding written out for the course's
// chapter 23: a constraint as a deterministic automaton over the model's
// tokens, the per-step mask that most structured-output engines apply
// (−Inf logits for tokens that cannot lead to an accepted string, then
// renormalise), and the exact conditional
//
//	p(x | x ∈ L) = p(x) · 1[x ∈ L] / Z,   Z = Σ_{x ∈ L} p(x),
//
// sampled token by token through the probability of eventually satisfying
// the constraint, Z(prefix) = P(x ∈ L | prefix):
//
//	q(t | prefix) = p(t | prefix) · Z(prefix t) / Z(prefix).
//
// The per-step mask keeps p(t | prefix) for every t with Z(prefix t) > 0 and
// renormalises; it ignores how large Z(prefix t) is, and that is its bias.
//
// A constraint is a regular expression compiled to a DFA over the token
// strings with Go's regexp/syntax (the NFA) and a subset construction (the
// DFA); Go's regexp package itself only matches strings and offers no
// automaton to step token by token.
package constrain

import (
	"fmt"
	"regexp/syntax"
	"slices"
	"strings"
)

// Dead is the transition target of a token that leaves the language: no
// continuation of the prefix can be accepted.
const Dead = -1

// DFA is a deterministic automaton over token ids 0…V−1. Next[s][t] is the
// state after token t in state s, or Dead; Accept[s] says whether a string
// ending in state s is in the language.
type DFA struct {
	Start  int
	Accept []bool
	Next   [][]int
}

// States returns the number of states.
func (d *DFA) States() int { return len(d.Accept) }

// Step returns the state after token t from s; Dead stays Dead.
func (d *DFA) Step(s, t int) int {
	if s == Dead {
		return Dead
	}
	return d.Next[s][t]
}

// Run returns the state after the tokens from Start (Dead once any token
// leaves the language).
func (d *DFA) Run(tokens []int) int {
	s := d.Start
	for _, t := range tokens {
		s = d.Step(s, t)
	}
	return s
}

// Accepts reports whether the token string is in the language.
func (d *DFA) Accepts(tokens []int) bool {
	s := d.Run(tokens)
	return s != Dead && d.Accept[s]
}

// Reach returns reach[r][s] = true when some string of at most r more tokens
// leads from s to an accepting state:
//
//	reach[0][s] = Accept[s],  reach[r][s] = reach[r−1][s] ∨ ∃t: reach[r−1][Next[s][t]].
//
// A state with reach[r][s] false for every r is dead in all but name: a mask
// that lets a token into it starts a string that can never be finished.
// Time O(maxLen · states · V).
func (d *DFA) Reach(maxLen int) [][]bool {
	reach := make([][]bool, maxLen+1)
	reach[0] = slices.Clone(d.Accept)
	for r := 1; r <= maxLen; r++ {
		reach[r] = slices.Clone(reach[r-1])
		for s := range reach[r] {
			for _, n := range d.Next[s] {
				if !reach[r][s] && n != Dead && reach[r-1][n] {
					reach[r][s] = true
				}
			}
		}
	}
	return reach
}

// Compile returns the DFA that accepts exactly the token strings whose
// concatenation matches expr in full (as if expr were ^(?:expr)$); tokens[t]
// is the text of token t. Tokens are read rune by rune, so a byte vocabulary
// should give byte b as string(rune(b)). The expression may not use ^, $,
// \b or other empty-width assertions. Time O(states · V · token length ·
// program size).
func Compile(expr string, tokens []string) (*DFA, error) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, fmt.Errorf("constrain: %w", err)
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return nil, fmt.Errorf("constrain: %w", err)
	}
	for _, in := range prog.Inst {
		if in.Op == syntax.InstEmptyWidth {
			return nil, fmt.Errorf("constrain: %q: empty-width assertions (^, $, \\b) are not supported; the whole string is matched anyway", expr)
		}
	}
	d := &DFA{}
	index := map[string]int{}
	var sets [][]uint32
	add := func(set []uint32) int {
		if len(set) == 0 {
			return Dead
		}
		k := fmt.Sprint(set)
		if i, ok := index[k]; ok {
			return i
		}
		index[k] = len(sets)
		sets = append(sets, set)
		d.Accept = append(d.Accept, slices.ContainsFunc(set, func(pc uint32) bool { return prog.Inst[pc].Op == syntax.InstMatch }))
		return len(sets) - 1
	}
	d.Start = add(closure(prog, []uint32{uint32(prog.Start)}))
	for s := 0; s < len(sets); s++ { // sets grows as new subsets appear
		row := make([]int, len(tokens))
		for t, text := range tokens {
			row[t] = add(stepString(prog, sets[s], text))
		}
		d.Next = append(d.Next, row)
	}
	return d, nil
}

// stepString moves the NFA state set over every rune of text.
func stepString(prog *syntax.Prog, set []uint32, text string) []uint32 {
	for _, r := range text {
		var next []uint32
		for _, pc := range set {
			in := &prog.Inst[pc]
			switch in.Op {
			case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
				if in.MatchRune(r) {
					next = append(next, in.Out)
				}
			}
		}
		if set = closure(prog, next); len(set) == 0 {
			return nil
		}
	}
	return set
}

// closure returns the sorted set of instructions reachable from pcs without
// consuming input, keeping only those that consume a rune or match.
func closure(prog *syntax.Prog, pcs []uint32) []uint32 {
	seen := map[uint32]bool{}
	var out []uint32
	for stack := slices.Clone(pcs); len(stack) > 0; {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[pc] {
			continue
		}
		seen[pc] = true
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, in.Out, in.Arg)
		case syntax.InstCapture, syntax.InstNop:
			stack = append(stack, in.Out)
		case syntax.InstFail:
		default:
			out = append(out, pc)
		}
	}
	slices.Sort(out)
	return out
}

// ByteTokens returns the 256 token texts of a byte vocabulary for Compile:
// byte b as the rune b, so that ASCII patterns read as written.
func ByteTokens() []string {
	out := make([]string, 256)
	for b := range out {
		out[b] = string(rune(b))
	}
	return out
}

// Text joins token texts, for printing a decoded string.
func Text(tokens []string, ids []int) string {
	var sb strings.Builder
	for _, id := range ids {
		sb.WriteString(tokens[id])
	}
	return sb.String()
}
