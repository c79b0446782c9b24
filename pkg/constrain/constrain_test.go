package constrain

import (
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
	"testing"

	"github.com/bitsandlogits/course/pkg/probability"
	"github.com/bitsandlogits/course/pkg/sampling"
)

// bigram returns a Model whose next-token distribution depends on the last
// token only; rows[V] is the distribution at the start (empty context).
func bigram(rows [][]float64, eos int) Model {
	return Model{Memory: 1, EOS: eos, Next: func(ctx []int) []float64 {
		if len(ctx) == 0 {
			return rows[len(rows)-1]
		}
		return rows[ctx[len(ctx)-1]]
	}}
}

// randomBigram draws every row from a flat Dirichlet (normalised
// exponentials) over v tokens, with v+1 rows (the last is the start).
func randomBigram(rng *rand.Rand, v int) [][]float64 {
	rows := make([][]float64, v+1)
	for i := range rows {
		rows[i] = make([]float64, v)
		sum := 0.0
		for t := range rows[i] {
			rows[i][t] = rng.ExpFloat64()
			sum += rows[i][t]
		}
		for t := range rows[i] {
			rows[i][t] /= sum
		}
	}
	return rows
}

func mustCompile(t *testing.T, expr string, tokens []string) *DFA {
	t.Helper()
	d, err := Compile(expr, tokens)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// The lesson's worked example: tokens a, b; strings of exactly two tokens;
// L = {aa, ba, bb}; p(a) = 0.6, p(b|a) = 0.9, p(·|b) = ½.
func TestWorkedExample(t *testing.T) {
	d := mustCompile(t, "aa|b(a|b)", []string{"a", "b"})
	dec := NewDecoder(bigram([][]float64{{0.1, 0.9}, {0.5, 0.5}, {0.6, 0.4}}, -1), d, 2)
	if z := dec.Satisfy(nil, d.Start, 2); !near(z, 0.46, 1e-15) {
		t.Errorf("Z = %v, want 0.46", z)
	}
	if q := dec.Exact(nil, d.Start, 2); !near(q[0], 0.06/0.46, 1e-15) || !near(q[1], 0.4/0.46, 1e-15) {
		t.Errorf("exact first step %v, want [%v %v]", q, 0.06/0.46, 0.4/0.46)
	}
	if q := dec.Local(nil, d.Start, 2); !slices.Equal(q, []float64{0.6, 0.4}) {
		t.Errorf("masked first step %v, want [0.6 0.4]", q)
	}
	want := map[string][2]float64{"aa": {0.06 / 0.46, 0.6}, "ba": {0.2 / 0.46, 0.2}, "bb": {0.2 / 0.46, 0.2}}
	out := dec.Enumerate(nil, 10)
	if len(out) != len(want) {
		t.Fatalf("enumerated %d strings, want 3", len(out))
	}
	for _, o := range out {
		w := want[Text([]string{"a", "b"}, o.Tokens)]
		if !near(o.True, w[0], 1e-15) || !near(o.Local, w[1], 1e-15) {
			t.Errorf("%v: true %v, masked %v, want %v", o.Tokens, o.True, o.Local, w)
		}
	}
}

// Compile must agree with Go's regexp on full matches of token strings,
// including tokens of several characters and tokens that match nothing.
func TestCompileMatchesRegexp(t *testing.T) {
	tokens := []string{"a", "b", "ab", "ba", "c", "{", "}", "0", "12", "é"}
	rng := rand.New(rand.NewPCG(23, 1))
	for _, expr := range []string{`a+b`, `(ab|c)*`, `\{[0-9]+\}`, `[abc]{2,3}`, `a*|b*`, `é?c`, `x`, `(a|b)*abb`} {
		d := mustCompile(t, expr, tokens)
		re := regexp.MustCompile(`^(?:` + expr + `)$`)
		for range 3000 {
			ids := make([]int, rng.IntN(6))
			for i := range ids {
				ids[i] = rng.IntN(len(tokens))
			}
			if got, want := d.Accepts(ids), re.MatchString(Text(tokens, ids)); got != want {
				t.Fatalf("%s on %q: DFA %v, regexp %v", expr, Text(tokens, ids), got, want)
			}
		}
	}
	if _, err := Compile(`^a`, tokens); err == nil {
		t.Error("an empty-width assertion compiled")
	}
	if _, err := Compile(`a(`, tokens); err == nil {
		t.Error("a malformed expression compiled")
	}
}

// FuzzAccepts: on arbitrary bytes, the DFA over the byte vocabulary accepts
// exactly what regexp matches in full.
func FuzzAccepts(f *testing.F) {
	f.Add([]byte(`{"n": 12}`))
	f.Add([]byte("red"))
	f.Add([]byte{0xff, '"', 0})
	tokens := ByteTokens()
	exprs := []string{`\{"[a-z]+": [0-9]+\}`, `(red|orange|yellow|green|blue|indigo|violet)`, `[^"]*"`}
	var dfas []*DFA
	var res []*regexp.Regexp
	for _, e := range exprs {
		d, err := Compile(e, tokens)
		if err != nil {
			f.Fatal(err)
		}
		dfas, res = append(dfas, d), append(res, regexp.MustCompile(`^(?:`+e+`)$`))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		ids := make([]int, len(b))
		for i, c := range b {
			ids[i] = int(c)
		}
		for i, d := range dfas {
			if got, want := d.Accepts(ids), res[i].MatchString(Text(tokens, ids)); got != want {
				t.Fatalf("%s on %q: DFA %v, regexp %v", exprs[i], b, got, want)
			}
		}
	})
}

// A token whose state is not Dead but from which nothing can be accepted in
// the budget must be masked: with "aaa|b" and two tokens, only b.
func TestAllowedLooksAhead(t *testing.T) {
	d := mustCompile(t, "aaa|b", []string{"a", "b"})
	dec := NewDecoder(bigram([][]float64{{0.5, 0.5}, {0.5, 0.5}, {0.99, 0.01}}, -1), d, 2)
	if got := dec.Allowed(d.Start, 2); !slices.Equal(got, []bool{false, true}) {
		t.Errorf("Allowed = %v, want [false true]", got)
	}
	if d.Step(d.Start, 0) == Dead {
		t.Error("a is Dead: the test no longer separates dead from unfinishable")
	}
	if s := dec.Sample(nil, false, rand.New(rand.NewPCG(1, 2))); !slices.Equal(s, []int{1}) {
		t.Errorf("masked sample %v, want [1]", s)
	}
	dec3 := NewDecoder(dec.Model, d, 3)
	if got := dec3.Allowed(d.Start, 3); !slices.Equal(got, []bool{true, true}) {
		t.Errorf("with 3 tokens Allowed = %v, want both", got)
	}
}

// With an EOS token: EOS only in accepting states, and the probability of
// each accepted string is the product of the per-step distributions.
func TestExactAndLocalAreProducts(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 2))
	tokens := []string{"a", "b", "c", "<eos>"}
	d := mustCompile(t, `(ab|c)+`, tokens)
	for range 20 {
		dec := NewDecoder(bigram(randomBigram(rng, 4), 3), d, 5)
		out := dec.Enumerate(nil, 1000)
		sumT, sumL := 0.0, 0.0
		for _, o := range out {
			if !d.Accepts(o.Tokens) {
				t.Fatalf("enumerated %v, which the DFA rejects", o.Tokens)
			}
			pt, pl := 1.0, 1.0
			ctx, s, r := []int{}, d.Start, 5
			for _, tok := range append(slices.Clone(o.Tokens), 3) {
				if r == 0 {
					break
				}
				pt *= dec.Exact(ctx, s, r)[tok]
				pl *= dec.Local(ctx, s, r)[tok]
				ctx, s, r = append(ctx, tok), d.Step(s, tok), r-1
			}
			if !near(pt, o.True, 1e-12) || !near(pl, o.Local, 1e-12) {
				t.Fatalf("%v: products %v %v, enumeration %v %v", o.Tokens, pt, pl, o.True, o.Local)
			}
			sumT, sumL = sumT+o.True, sumL+o.Local
		}
		if !near(sumT, 1, 1e-12) || !near(sumL, 1, 1e-12) {
			t.Fatalf("sums %v %v", sumT, sumL)
		}
	}
}

// Seeded χ² goodness of fit: Sample(exact) is distributed as the exact
// conditional and Sample(local) as the masked sampler's distribution, and
// the two differ (the bias) on the worked example.
func TestSampleDistributions(t *testing.T) {
	d := mustCompile(t, "aa|b(a|b)", []string{"a", "b"})
	dec := NewDecoder(bigram([][]float64{{0.1, 0.9}, {0.5, 0.5}, {0.6, 0.4}}, -1), d, 2)
	out := dec.Enumerate(nil, 10)
	rng := rand.New(rand.NewPCG(23, 3))
	const n = 20000
	for _, exact := range []bool{true, false} {
		count := map[string]float64{}
		for range n {
			count[Text([]string{"a", "b"}, dec.Sample(nil, exact, rng))]++
		}
		chi2 := 0.0
		for _, o := range out {
			p := o.Local
			if exact {
				p = o.True
			}
			e := n * p
			k := count[Text([]string{"a", "b"}, o.Tokens)]
			chi2 += (k - e) * (k - e) / e
		}
		if chi2 > 13.8 { // χ²(2) at p = 0.001
			t.Errorf("exact=%v: χ² = %.1f over %v", exact, chi2, count)
		}
	}
}

func TestMaskedSoftmax(t *testing.T) {
	inf := math.Inf(-1)
	got := MaskedSoftmax([]float64{0, 1e4, math.Log(3), 5}, []bool{true, false, true, false})
	if !near(got[0], 0.25, 1e-15) || got[1] != 0 || !near(got[2], 0.75, 1e-15) || got[3] != 0 {
		t.Errorf("MaskedSoftmax = %v, want [0.25 0 0.75 0]", got)
	}
	if got := MaskedSoftmax([]float64{1, 2}, []bool{false, false}); got != nil {
		t.Errorf("nothing allowed: %v, want nil", got)
	}
	if got := MaskedSoftmax([]float64{inf, 2}, []bool{true, false}); got != nil {
		t.Errorf("only a −Inf logit allowed: %v, want nil", got)
	}
	if got := Renormalize([]float64{0.5, 0.25, 0.25}, []bool{false, true, true}); !slices.Equal(got, []float64{0, 0.5, 0.5}) {
		t.Errorf("Renormalize = %v", got)
	}
	if got := Renormalize([]float64{1, 0}, []bool{false, true}); got != nil {
		t.Errorf("Renormalize with no allowed mass = %v, want nil", got)
	}
}

// The masked sampler's bias is measured by TV = 1 − Σ min(p, q), the
// acceptance rate of chapter 22 read backwards.
func TestWorkedExampleDivergences(t *testing.T) {
	d := mustCompile(t, "aa|b(a|b)", []string{"a", "b"})
	dec := NewDecoder(bigram([][]float64{{0.1, 0.9}, {0.5, 0.5}, {0.6, 0.4}}, -1), d, 2)
	var p, q []float64
	for _, o := range dec.Enumerate(nil, 10) {
		p, q = append(p, o.True), append(q, o.Local)
	}
	if tv := 1 - sampling.AcceptanceRate(p, q); !near(tv, 0.6-0.06/0.46, 1e-15) {
		t.Errorf("TV = %v, want %v", tv, 0.6-0.06/0.46)
	}
}

// Golden values from an independent brute force in Python (every token
// string of length ≤ 5 checked with re.fullmatch, the mask found by
// searching the accepted list): testdata/golden/constrain_bruteforce.py.
func TestGoldenBruteForce(t *testing.T) {
	rows := [][]float64{{0.1, 0.3, 0.2, 0.4}, {0.3, 0.1, 0.4, 0.2}, {0.25, 0.25, 0.1, 0.4}, {0, 0, 0, 1}, {0.5, 0.2, 0.3, 0}}
	tokens := []string{"a", "b", "c", "<eos>"}
	d := mustCompile(t, `(ab|c)+`, tokens)
	dec := NewDecoder(bigram(rows, 3), d, 5)
	if z := dec.Satisfy(nil, d.Start, 5); !near(z, 0.21555000000000005, 1e-15) {
		t.Errorf("Z = %v", z)
	}
	want := map[string][2]float64{
		"c":     {0.5567153792623519, 0.19999999999999996},
		"ab":    {0.13917884481558798, 0.13888888888888892},
		"cab":   {0.020876826722338197, 0.027777777777777776},
		"abab":  {0.012526096033402922, 0.06944444444444445},
		"ccccc": {0.000139178844815588, 0.00017777777777777776},
	}
	out := dec.Enumerate(nil, 1000)
	var p, q []float64
	for _, o := range out {
		p, q = append(p, o.True), append(q, o.Local)
		if w, ok := want[Text(tokens, o.Tokens)]; ok && (!near(o.True, w[0], 1e-14) || !near(o.Local, w[1], 1e-14)) {
			t.Errorf("%s: true %v, masked %v, want %v", Text(tokens, o.Tokens), o.True, o.Local, w)
		}
	}
	if len(out) != 19 {
		t.Errorf("%d accepted strings, want 19", len(out))
	}
	if kl := probability.KLDivergence(p, q); !near(kl, 0.42533590194838056, 1e-13) {
		t.Errorf("KL(true ‖ masked) = %v", kl)
	}
	if tv := 1 - sampling.AcceptanceRate(p, q); !near(tv, 0.38802180468568775, 1e-13) {
		t.Errorf("TV = %v", tv)
	}
}

// A model that reads the last two tokens (Memory 2), with and without an
// end token, against an independent brute force: every token string of at
// most maxLen tokens, accepted by Go's regexp, with the mask found by
// searching the accepted list.
func TestDecoderAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 4))
	tokens := []string{"a", "b", "c", "<eos>"}
	const maxLen = 5
	for _, eos := range []int{3, -1} {
		table := map[[2]int][]float64{}
		v := 4
		if eos < 0 {
			v = 3
		}
		next := func(ctx []int) []float64 {
			k := [2]int{-1, -1}
			for i := range min(2, len(ctx)) {
				k[1-i] = ctx[len(ctx)-1-i]
			}
			if table[k] == nil {
				table[k] = randomBigram(rng, v)[0]
			}
			return table[k]
		}
		for _, expr := range []string{`(ab|c)+`, `a*b?c`, `(a|b)*c(a|b)*`} {
			d := mustCompile(t, expr, tokens[:v])
			dec := NewDecoder(Model{Next: next, Memory: 2, EOS: eos}, d, maxLen)
			want := bruteForce(next, d, v, eos, maxLen)
			got := dec.Enumerate(nil, 10000)
			z := dec.Satisfy(nil, d.Start, maxLen)
			if len(got) != len(want) {
				t.Fatalf("%s eos %d: %d strings, brute force %d", expr, eos, len(got), len(want))
			}
			for _, o := range got {
				w, ok := want[Text(tokens, o.Tokens)]
				if !ok || !near(o.True*z, w[0], 1e-14) || !near(o.Local, w[1], 1e-12) {
					t.Fatalf("%s eos %d, %v: p(x) %v, masked %v; brute force %v", expr, eos, Text(tokens, o.Tokens), o.True*z, o.Local, w)
				}
			}
		}
	}
}

// bruteForce returns, for every accepted string, its probability p(x) and
// its probability under the per-step mask. Without EOS a string ends at
// maxLen or when no token extends it to an accepted string.
func bruteForce(next func([]int) []float64, d *DFA, v, eos, maxLen int) map[string][2]float64 {
	var all [][]int
	var gen func(x []int)
	gen = func(x []int) {
		all = append(all, slices.Clone(x))
		if len(x) < maxLen {
			for t := range v {
				if t != eos {
					gen(append(x, t))
				}
			}
		}
	}
	gen(nil)
	var acc [][]int
	for _, x := range all {
		if d.Accepts(x) {
			acc = append(acc, x)
		}
	}
	extends := func(u []int, strict bool) bool {
		return slices.ContainsFunc(acc, func(x []int) bool {
			return len(x) >= len(u) && (len(x) > len(u) || !strict) && slices.Equal(x[:len(u)], u)
		})
	}
	out := map[string][2]float64{}
	for _, x := range acc {
		if eos < 0 && len(x) < maxLen && extends(x, true) {
			continue // the string cannot stop here: the model has no end token
		}
		p, q := 1.0, 1.0
		steps := slices.Clone(x)
		if eos >= 0 && len(x) < maxLen {
			steps = append(steps, eos)
		}
		for i, t := range steps {
			u, dist, mass := x[:i], next(x[:i]), 0.0
			for s := range v {
				if s == eos && d.Accepts(u) || s != eos && extends(append(slices.Clone(u), s), false) &&
					(eos >= 0 || reachesEnd(append(slices.Clone(u), s), acc, maxLen, extends)) {
					mass += dist[s]
				}
			}
			p, q = p*dist[t], q*dist[t]/mass
		}
		out[Text([]string{"a", "b", "c", "<eos>"}, x)] = [2]float64{p, q}
	}
	return out
}

// reachesEnd reports whether, without an end token, some accepted string
// that extends u can actually end (at maxLen, or with no accepted
// extension of its own).
func reachesEnd(u []int, acc [][]int, maxLen int, extends func([]int, bool) bool) bool {
	return slices.ContainsFunc(acc, func(x []int) bool {
		return len(x) >= len(u) && slices.Equal(x[:len(u)], u) && (len(x) == maxLen || !extends(x, true))
	})
}
