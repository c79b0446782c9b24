package logprobs_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

const (
	tailLesson   = check.Lesson("lessons/21-api-logprobs.md, section “The mass outside the top-k”")
	boundsLesson = check.Lesson("lessons/21-api-logprobs.md, section “Tight bounds on the entropy”")
	renormLesson = check.Lesson("lessons/21-api-logprobs.md, section “When only the ratios are known”")
	unitsLesson  = check.Lesson("lessons/21-api-logprobs.md, section “Pitfalls” (nats in, bits out; 0·log 0)")
)

var inf = math.Inf(1)

func logs(p ...float64) []float64 {
	out := make([]float64, len(p))
	for i, x := range p {
		out[i] = math.Log(x)
	}
	return out
}

func TestTailMass(t *testing.T) {
	check.Close(t, "TailMass(ln 0.5, ln 0.2)", TailMass(logs(0.5, 0.2)), 0.3, 1e-15, tailLesson)
	check.Close(t, "TailMass(ln 0.5, ln 0.25, ln 0.25): nothing left", TailMass(logs(0.5, 0.25, 0.25)), 0, 1e-15, tailLesson)
	check.Close(t, "TailMass(ln 0.9, −Inf): a reported token of probability 0", TailMass([]float64{math.Log(0.9), -inf}), 0.1, 1e-15, tailLesson)
}

// The trap: the top-k holds all but 1e-12 of the mass. 1 − Σ e^ℓ cancels
// about five of the tail's digits; −expm1(log Σ e^ℓ) keeps them.
func TestTailMassTiny(t *testing.T) {
	got := TailMass([]float64{math.Log1p(-1e-12)})
	check.Close(t, "TailMass(ln(1 − 1e-12)) / 1e-12 (relative error, 1 − Σ e^ℓ loses digits)", got/1e-12, 1, 1e-9, tailLesson)
}

// The trap: rounded logprobs can sum just above 1. A tail of −1e-9 is
// rounding: the mass outside the top-k is 0, never negative.
func TestTailMassRounding(t *testing.T) {
	got := TailMass(logs(0.6, 0.4+1e-9))
	check.Invariant(t, "TailMass of a top summing to 1 + 1e-9 is exactly 0 (rounding, not a negative mass)", got == 0, fmt.Sprintf("got %v", got), tailLesson)
	// An excess far beyond rounding is not a tail of 0: it says the values are
	// not one distribution's top-k, and must stay visible as a negative mass.
	check.Close(t, "TailMass(ln 0.6, ln 0.41): the top sums to 1.01, beyond rounding, returned as −0.01",
		TailMass(logs(0.6, 0.41)), -0.01, 1e-12, tailLesson)
}

func TestEntropyBoundsGolden(t *testing.T) {
	// SciPy 1.10, scipy.stats.entropy(…, base=2) of the two extremal distributions.
	for _, c := range []struct {
		name   string
		top    []float64
		vocab  int
		lo, hi float64
	}{
		{"V = 6, top (0.5, 0.2): packed (0.2, 0.1), even 0.075 × 4", logs(0.5, 0.2), 6, 1.7609640474436814, 2.0854752972273345},
		{"V = 10, top (0.6, 0.1): packed 0.1 × 3, even 0.0375 × 8", logs(0.6, 0.1), 10, 1.7709505944546686, 2.1954618442383214},
		{"V = 4, top (0.4, 0.2): the tail fills its room, width 0", logs(0.4, 0.2), 4, 1.9219280948873625, 1.9219280948873625},
	} {
		b := EntropyBoundsBits(c.top, c.vocab)
		check.Close(t, "EntropyBoundsBits, "+c.name+": Lo (bits)", b.Lo, c.lo, 1e-12, boundsLesson)
		check.Close(t, "EntropyBoundsBits, "+c.name+": Hi (bits)", b.Hi, c.hi, 1e-12, boundsLesson)
	}
}

// The trap: probability 0 in the report, or no tail at all. 0·log 0 is 0,
// and a tail of 0 spread over r tokens adds 0 — not 0·(−Inf) = NaN.
func TestEntropyBoundsZeros(t *testing.T) {
	for _, c := range []struct {
		name  string
		top   []float64
		vocab int
		h     float64
	}{
		{"k = V = 3, (0.5, 0.25, 0.25)", logs(0.5, 0.25, 0.25), 3, 1.5},
		{"V = 5, top (0.5, 0.5, 0): nothing left for the tail", []float64{math.Log(0.5), math.Log(0.5), -inf}, 5, 1},
		{"V = 4, top (1): one certain token", []float64{0}, 4, 0},
	} {
		b := EntropyBoundsBits(c.top, c.vocab)
		check.Close(t, "EntropyBoundsBits, "+c.name+": Lo (bits)", b.Lo, c.h, 1e-12, unitsLesson)
		check.Close(t, "EntropyBoundsBits, "+c.name+": Hi (bits)", b.Hi, c.h, 1e-12, unitsLesson)
	}
}

// randomDist is a distribution over v tokens with some exact zeros, in
// natural-log form, sorted descending (as an API reports its top-k).
func randomDist(rng *rand.Rand, v int) (logp, p []float64) {
	spread := []float64{0.3, 1, 3}[rng.IntN(3)]
	p = make([]float64, v)
	sum := 0.0
	for i := range p {
		if rng.IntN(10) > 0 || i == 0 {
			p[i] = math.Exp(spread * rng.NormFloat64())
		}
		sum += p[i]
	}
	for i := range p {
		p[i] /= sum
	}
	slices.Sort(p)
	slices.Reverse(p)
	return logs(p...), p
}

func entropyBits(p []float64) float64 {
	h := 0.0
	for _, x := range p {
		if x > 0 {
			h -= x * math.Log2(x)
		}
	}
	return h
}

// The bounds contain the true entropy of every distribution whose top-k
// this is, and are attained: the packed and the even tail built here have
// exactly the entropies Lo and Hi.
func TestEntropyBoundsTight(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 21))
	for trial := range 300 {
		v := 2 + rng.IntN(60)
		logp, p := randomDist(rng, v)
		k := 1 + rng.IntN(v)
		b := EntropyBoundsBits(logp[:k], v)
		h := entropyBits(p)
		what := fmt.Sprintf("trial %d: V = %d, k = %d", trial, v, k)
		check.Invariant(t, what+": Lo ≤ H ≤ Hi", b.Lo <= h+1e-12 && h <= b.Hi+1e-12, fmt.Sprintf("H = %v bits, bounds [%v, %v]", h, b.Lo, b.Hi), boundsLesson)
		lo, hi := extremes(p[:k], v)
		check.Close(t, what+": Lo equals the entropy of the packed tail", b.Lo, entropyBits(lo), 1e-9, boundsLesson)
		check.Close(t, what+": Hi equals the entropy of the even tail", b.Hi, entropyBits(hi), 1e-9, boundsLesson)
		if t.Failed() {
			return
		}
	}
}

// extremes builds the packed and the even completion of a top-k.
func extremes(top []float64, v int) (lo, hi []float64) {
	m, pmin := 1.0, top[len(top)-1]
	for _, x := range top {
		m -= x
	}
	m = math.Max(m, 0)
	lo, hi = slices.Clone(top), slices.Clone(top)
	for j := len(top); j < v; j++ {
		q := math.Min(pmin, m)
		lo = append(lo, q)
		m -= q
		hi = append(hi, (1-sum(top))/float64(v-len(top)))
	}
	return lo, hi
}

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

func TestRenormalisedBoundsGolden(t *testing.T) {
	// SciPy: entropy(p̃, base=2) and entropy of S·p̃ with r tokens of S·p̃_min, S = 1/(1 + r·p̃_min).
	for _, c := range []struct {
		name          string
		top           []float64
		vocab         int
		lo, hi, maxTl float64
	}{
		{"(5/7, 2/7), V = 6", logs(5.0/7, 2.0/7), 6, 0.8631205685666311, 2.4662478973127313, 0.5333333333333333},
		{"(0.9, 0.1), V = 4", logs(0.9, 0.1), 4, 0.46899559358928117, 1.207518749639422, 0.16666666666666663},
		{"(1/3, 1/3, 1/3), V = 9: the fullest tail is uniform over 9", logs(1.0/3, 1.0/3, 1.0/3), 9, math.Log2(3), math.Log2(9), 2.0 / 3},
	} {
		b := RenormalisedBoundsBits(c.top, c.vocab)
		check.Close(t, "RenormalisedBoundsBits, "+c.name+": Lo (bits)", b.Lo, c.lo, 1e-12, renormLesson)
		check.Close(t, "RenormalisedBoundsBits, "+c.name+": Hi (bits)", b.Hi, c.hi, 1e-12, renormLesson)
		check.Close(t, "RenormalisedBoundsBits, "+c.name+": MaxTail", b.MaxTail, c.maxTl, 1e-12, renormLesson)
	}
}

// The trap: a renormalised top-k sums to 1, so read as absolute it claims a
// tail of 0 and an exact entropy. The true entropy of the distribution it
// came from must lie inside the renormalised bounds.
func TestRenormalisedContainsTruth(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for trial := range 300 {
		v := 2 + rng.IntN(60)
		logp, p := randomDist(rng, v)
		k := 1 + rng.IntN(v-1)
		s := sum(p[:k])
		renorm := make([]float64, k)
		for i := range renorm {
			renorm[i] = logp[i] - math.Log(s)
		}
		b := RenormalisedBoundsBits(renorm, v)
		h := entropyBits(p)
		what := fmt.Sprintf("trial %d: V = %d, k = %d, true tail %.4f", trial, v, k, 1-s)
		check.Invariant(t, what+": Lo ≤ H ≤ Hi", b.Lo <= h+1e-12 && h <= b.Hi+1e-12, fmt.Sprintf("H = %v bits, bounds [%v, %v]", h, b.Lo, b.Hi), renormLesson)
		check.Invariant(t, what+": the true tail ≤ MaxTail", 1-s <= b.MaxTail+1e-12, fmt.Sprintf("MaxTail = %v", b.MaxTail), renormLesson)
		if t.Failed() {
			return
		}
	}
}
