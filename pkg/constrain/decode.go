package constrain

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/bitsandlogits/course/pkg/sampling"
)

// Model is a next-token model with finite memory: Next(ctx) is
// p(· | ctx) over the V tokens and reads only the last Memory tokens of ctx
// (1 for a bigram, n−1 for an n-gram). EOS is the token that ends a string,
// or −1 when the model has none.
type Model struct {
	Next   sampling.NextDist
	Memory int
	EOS    int
}

// Decoder generates strings of at most MaxLen tokens under a DFA. A string
// ends at EOS (which is not part of it) or after MaxLen tokens; a model
// without EOS also ends in a final state, one that no token can extend into
// an accepted string. The string satisfies the constraint when the DFA
// accepts it. The DFA's column for EOS is ignored. A Decoder caches Z and is
// not safe for concurrent use.
type Decoder struct {
	Model  Model
	DFA    *DFA
	MaxLen int
	final  []bool
	live   [][]bool // live[r][s]: the string can still end accepted with r tokens left
	memo   map[string]float64
}

// NewDecoder returns the decoder for m under d with strings of at most
// maxLen tokens. Time O(maxLen · states · V).
func NewDecoder(m Model, d *DFA, maxLen int) *Decoder {
	if maxLen < 1 || m.Memory < 0 {
		panic(fmt.Sprintf("constrain: NewDecoder: maxLen %d, memory %d", maxLen, m.Memory))
	}
	dec := &Decoder{Model: m, DFA: d, MaxLen: maxLen, final: make([]bool, d.States()), memo: map[string]float64{}}
	coreach := d.Reach(d.States())[d.States()]
	for s := range dec.final {
		dec.final[s] = m.EOS < 0 && !slices.ContainsFunc(d.Next[s], func(n int) bool { return n != Dead && coreach[n] })
	}
	dec.live = make([][]bool, maxLen+1)
	dec.live[0] = slices.Clone(d.Accept)
	for r := 1; r <= maxLen; r++ {
		dec.live[r] = make([]bool, d.States())
		for s := range dec.live[r] {
			dec.live[r][s] = d.Accept[s] && (m.EOS >= 0 || dec.final[s]) ||
				slices.ContainsFunc(d.Next[s], func(n int) bool { return n != Dead && dec.live[r-1][n] })
		}
	}
	return dec
}

// Allowed is the per-step mask in state s with r tokens left: token t
// (not EOS) is allowed when Next[s][t] is not Dead and the string can still
// end accepted from there with r−1 tokens left; EOS is allowed in accepting
// states. Checking only "not Dead" lets the sampler into states from which
// no accepted ending exists within the length budget.
func (dec *Decoder) Allowed(s, r int) []bool {
	d := dec.DFA
	ok := make([]bool, len(d.Next[s]))
	if dec.ended(s, r) {
		return ok
	}
	for t, n := range d.Next[s] {
		ok[t] = t != dec.Model.EOS && n != Dead && dec.live[r-1][n]
	}
	if e := dec.Model.EOS; e >= 0 {
		ok[e] = d.Accept[s]
	}
	return ok
}

// ended reports whether a string in state s with r tokens left is over
// without an EOS: no budget left, or a final state.
func (dec *Decoder) ended(s, r int) bool { return r <= 0 || dec.final[s] }

// Local is the per-step masked distribution after ctx in state s with r
// tokens left: Renormalize(p(· | ctx), Allowed(s, r)); nil when the allowed
// tokens carry no mass.
func (dec *Decoder) Local(ctx []int, s, r int) []float64 {
	return Renormalize(dec.Model.Next(ctx), dec.Allowed(s, r))
}

// Satisfy returns Z = P(the string is accepted | ctx, state s, r tokens
// left) under the unconstrained model, by the recursion over (model memory ×
// DFA state × tokens left), memoised:
//
//	Z = 1[Accept[s]]                                      when the string has ended,
//	Z = p(EOS | ctx)·1[Accept[s]] + Σ_{t allowed} p(t | ctx) · Z(ctx t, Next[s][t], r−1).
//
// Tokens outside Allowed contribute 0, so they are skipped.
func (dec *Decoder) Satisfy(ctx []int, s, r int) float64 {
	if s == Dead {
		return 0
	}
	if dec.ended(s, r) {
		return b2f(dec.DFA.Accept[s])
	}
	key := dec.key(ctx, s, r)
	if z, ok := dec.memo[key]; ok {
		return z
	}
	p := dec.Model.Next(ctx)
	z := 0.0
	next := append(ctx[:len(ctx):len(ctx)], 0)
	for t, ok := range dec.Allowed(s, r) {
		switch {
		case !ok:
		case t == dec.Model.EOS:
			z += p[t]
		default:
			next[len(next)-1] = t
			z += p[t] * dec.Satisfy(next, dec.DFA.Next[s][t], r-1)
		}
	}
	dec.memo[key] = z
	return z
}

// Exact is the exact conditional next-token distribution
//
//	q(t | ctx) = p(t | ctx) · Z(ctx t) / Z(ctx),
//
// under which whole strings are distributed as p(x | x accepted); nil when
// Z(ctx) = 0 (no accepted completion).
func (dec *Decoder) Exact(ctx []int, s, r int) []float64 {
	z := dec.Satisfy(ctx, s, r)
	if z <= 0 || dec.ended(s, r) {
		return nil
	}
	p := dec.Model.Next(ctx)
	q := make([]float64, len(p))
	next := append(ctx[:len(ctx):len(ctx)], 0)
	for t, ok := range dec.Allowed(s, r) {
		switch {
		case !ok:
		case t == dec.Model.EOS:
			q[t] = p[t] / z
		default:
			next[len(next)-1] = t
			q[t] = p[t] * dec.Satisfy(next, dec.DFA.Next[s][t], r-1) / z
		}
	}
	return q
}

// Sample draws one string after prompt, token by token from Exact (exact
// true) or Local (the per-step mask), and returns its tokens without EOS.
// It panics if the prompt admits no accepted string.
func (dec *Decoder) Sample(prompt []int, exact bool, rng *rand.Rand) []int {
	ctx := append([]int(nil), prompt...)
	s, r := dec.DFA.Start, dec.MaxLen
	for !dec.ended(s, r) {
		q := dec.Local(ctx, s, r)
		if exact {
			q = dec.Exact(ctx, s, r)
		}
		if q == nil {
			panic("constrain: Sample: no accepted string is reachable")
		}
		t := sampling.Categorical(q, rng.Float64())
		if t == dec.Model.EOS {
			break
		}
		ctx, s, r = append(ctx, t), dec.DFA.Next[s][t], r-1
	}
	return ctx[len(prompt):]
}

// Outcome is one accepted string with its probability under the exact
// conditional (True) and under the per-step masked sampler (Local).
type Outcome struct {
	Tokens      []int
	True, Local float64
}

// Enumerate lists every accepted string after prompt with both
// probabilities, in depth-first token order. Each list sums to 1 (up to
// rounding) when an accepted string exists. It panics past limit strings.
func (dec *Decoder) Enumerate(prompt []int, limit int) []Outcome {
	var out []Outcome
	z := dec.Satisfy(prompt, dec.DFA.Start, dec.MaxLen)
	var walk func(ctx []int, s, r int, pTrue, pLocal float64)
	walk = func(ctx []int, s, r int, pTrue, pLocal float64) {
		if len(out) > limit {
			panic(fmt.Sprintf("constrain: Enumerate: more than %d strings", limit))
		}
		if dec.ended(s, r) {
			if dec.DFA.Accept[s] {
				out = append(out, Outcome{append([]int(nil), ctx[len(prompt):]...), pTrue / z, pLocal})
			}
			return
		}
		p, q := dec.Model.Next(ctx), dec.Local(ctx, s, r)
		for t, ok := range dec.Allowed(s, r) {
			switch {
			case !ok || p[t] == 0:
			case t == dec.Model.EOS:
				out = append(out, Outcome{append([]int(nil), ctx[len(prompt):]...), pTrue * p[t] / z, pLocal * q[t]})
			default:
				walk(append(ctx[:len(ctx):len(ctx)], t), dec.DFA.Next[s][t], r-1, pTrue*p[t], pLocal*q[t])
			}
		}
	}
	walk(prompt, dec.DFA.Start, dec.MaxLen, 1, 1)
	return out
}

// key names (the last Memory tokens of ctx, s, r) for the memo.
func (dec *Decoder) key(ctx []int, s, r int) string {
	tail := ctx[max(0, len(ctx)-dec.Model.Memory):]
	return fmt.Sprint(tail, s, r)
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
