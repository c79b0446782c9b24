package logitarith_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/bitsandlogits/course/exercises/internal/check"
)

const (
	pmiLesson   = check.Lesson("lessons/22-logit-arithmetic.md, section “Guidance is PMI added to the log-probabilities”")
	guideLesson = check.Lesson("lessons/22-logit-arithmetic.md, section “Classifier-free guidance”")
	cdLesson    = check.Lesson("lessons/22-logit-arithmetic.md, section “Contrastive decoding”")
)

var inf = math.Inf(-1)

// logs returns ln p for every entry.
func logs(p ...float64) []float64 {
	out := make([]float64, len(p))
	for i, v := range p {
		out[i] = math.Log(v)
	}
	return out
}

// shift returns x + c for every entry: logits instead of log-probabilities.
func shift(x []float64, c float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = v + c
	}
	return out
}

func TestPMI(t *testing.T) {
	for _, c := range []struct {
		name         string
		cond, uncond []float64
		want         []float64
	}{
		{"the worked example", logs(0.5, 0.25, 0.25), logs(0.25, 0.25, 0.5), []float64{math.Ln2, 0, -math.Ln2}},
		{"a token both rows rule out: −Inf, not −Inf − (−Inf) = NaN", []float64{math.Log(0.5), math.Log(0.5), inf},
			[]float64{math.Log(0.25), math.Log(0.75), inf}, []float64{math.Ln2, math.Log(2.0 / 3), inf}},
		{"a token the condition rules out", []float64{0, inf}, logs(0.5, 0.5), []float64{math.Ln2, inf}},
	} {
		check.Slice(t, "PMI, "+c.name, PMI(c.cond, c.uncond), c.want, 1e-14, pmiLesson)
	}
}

func TestGuide(t *testing.T) {
	cond, uncond := logs(0.5, 0.25, 0.25), logs(0.25, 0.25, 0.5)
	for _, c := range []struct {
		gamma float64
		want  []float64
	}{
		// p(x|c)^(1+γ) · p(x)^(−γ), renormalised: γ = 1 gives (1, 1/4, 1/8)/1.375 = (8, 2, 1)/11.
		{1, logs(8.0/11, 2.0/11, 1.0/11)},
		{3, logs(4/4.28125, 0.25/4.28125, 0.03125/4.28125)},
		{0.5, logs(0.5*math.Sqrt2/(0.5*math.Sqrt2+0.25+0.125*math.Sqrt2), 0.25/(0.5*math.Sqrt2+0.25+0.125*math.Sqrt2), 0.125*math.Sqrt2/(0.5*math.Sqrt2+0.25+0.125*math.Sqrt2))},
	} {
		check.Slice(t, fmt.Sprintf("Guide, worked example, γ = %v", c.gamma), Guide(cond, uncond, c.gamma), c.want, 1e-12, guideLesson)
	}
}

// γ = 0 is the conditional and γ = −1 the unconditional, normalised even
// when the rows are logits.
func TestGuideEnds(t *testing.T) {
	cond, uncond := []float64{2, 1, 0, -1}, []float64{0, 0, 3, 1}
	lc := logs(0.6439142598879724, 0.2368828180899102, 0.08714431874203257, 0.03205860328008499) // SciPy softmax(cond)
	lu := logs(0.04031637265264287, 0.04031637265264287, 0.809775991523652, 0.10959126317106231) // SciPy softmax(uncond)
	check.Slice(t, "Guide, γ = 0 (the conditional, renormalised)", Guide(cond, uncond, 0), lc, 1e-12, guideLesson)
	check.Slice(t, "Guide, γ = −1 (the unconditional, renormalised)", Guide(cond, uncond, -1), lu, 1e-12, guideLesson)
}

// Golden values: Hugging Face's classifier-free guidance rule,
// log_softmax(s·(lc − lu) + lu) with s = 1 + γ, in PyTorch float64 from these logits.
func TestGuideLogits(t *testing.T) {
	c := []float64{2.0604, -1.0145, -0.2034, 2.7174, -6.149, -1.5319}
	u := []float64{1.448, 0.4831, -3.1201, 2.6328, -1.7152, -0.6672}
	check.Slice(t, "Guide, logits, γ = 1.5", Guide(c, u, 1.5), []float64{-1.64378820013678, -7.88368820013678, -0.451138200136783, -1.77848820013678, -17.4224882001368, -7.45173820013678}, 1e-12, guideLesson)
	check.Slice(t, "Guide, logits, γ = −0.5", Guide(c, u, -0.5), []float64{-1.31857307892693, -3.33847307892693, -4.73452307892693, -0.397673078926931, -7.00487307892693, -4.17232307892693}, 1e-12, guideLesson)
}

// Tokens masked to −Inf (by a top-k filter or a grammar, say) must stay at
// zero mass without turning the row into NaN.
func TestGuideMasked(t *testing.T) {
	cond := []float64{math.Log(0.5), math.Log(0.5), inf, inf}
	uncond := []float64{math.Log(0.25), math.Log(0.25), math.Log(0.5), inf}
	for _, g := range []float64{0.5, 2} {
		check.Slice(t, fmt.Sprintf("Guide, masked tokens, γ = %v", g), Guide(cond, uncond, g), []float64{math.Log(0.5), math.Log(0.5), inf, inf}, 1e-14, guideLesson)
	}
}

// ln p_γ − ln p(·|c) − γ·PMI is the same constant −ln Z for every token,
// and p_γ sums to 1.
func TestGuideIsPMIReweighting(t *testing.T) {
	rng := rand.New(rand.NewPCG(22, 1))
	for trial := range 20 {
		v := 2 + rng.IntN(30)
		lc, lu := make([]float64, v), make([]float64, v)
		for i := range v {
			lc[i], lu[i] = 3*rng.NormFloat64(), 3*rng.NormFloat64()
		}
		lc, lu = normalise(lc), normalise(lu)
		g := 4 * rng.Float64()
		out := Guide(lc, lu, g)
		sum := 0.0
		for i := range out {
			sum += math.Exp(out[i])
		}
		check.Invariant(t, "Σ p_γ = 1", math.Abs(sum-1) < 1e-12, fmt.Sprintf("trial %d: sum %v", trial, sum), guideLesson)
		c0 := out[0] - lc[0] - g*(lc[0]-lu[0])
		for i := range out {
			ci := out[i] - lc[i] - g*(lc[i]-lu[i])
			if math.Abs(ci-c0) > 1e-9 {
				check.Invariant(t, "ln p_γ(x) = ln p(x|c) + γ·PMI(x; c) − ln Z for every x", false,
					fmt.Sprintf("trial %d, γ = %.3f: token 0 gives −ln Z = %v, token %d gives %v", trial, g, c0, i, ci), guideLesson)
				break
			}
		}
	}
}

// normalise returns the log-softmax of x (test helper, not graded).
func normalise(x []float64) []float64 {
	m := inf
	for _, v := range x {
		m = max(m, v)
	}
	s := 0.0
	for _, v := range x {
		s += math.Exp(v - m)
	}
	return shift(x, -m-math.Log(s))
}

func TestPlausible(t *testing.T) {
	e := logs(0.5, 0.3, 0.15, 0.05)
	for _, c := range []struct {
		name   string
		expert []float64
		alpha  float64
		want   []bool
	}{
		{"α = 0.25: p ≥ 0.125", e, 0.25, []bool{true, true, true, false}},
		{"α = 0.5: relative to the maximum 0.5, not p ≥ 0.5", e, 0.5, []bool{true, true, false, false}},
		{"α = 0.01", e, 0.01, []bool{true, true, true, true}},
		{"α = 1: the argmax only", e, 1, []bool{true, false, false, false}},
		{"logits (log-probabilities + 40), α = 0.25", shift(e, 40), 0.25, []bool{true, true, true, false}},
	} {
		got := Plausible(c.expert, c.alpha)
		check.Invariant(t, "Plausible, "+c.name, fmt.Sprint(got) == fmt.Sprint(c.want), fmt.Sprintf("expected %v, got %v", c.want, got), cdLesson)
	}
}

func TestContrastive(t *testing.T) {
	// V_head at α = 0.25 keeps tokens 0–2; p_e/p_a = (5/6, 3, 3/2), renormalised (5, 18, 9)/32.
	e, a := logs(0.5, 0.3, 0.15, 0.05), logs(0.6, 0.1, 0.1, 0.2)
	want := logs(5.0/32, 18.0/32, 9.0/32, 0)
	check.Slice(t, "Contrastive, α = 0.25", Contrastive(e, a, 0.25), want, 1e-12, cdLesson)
	check.Slice(t, "Contrastive, logits (expert + 3, amateur − 5)", Contrastive(shift(e, 3), shift(a, -5), 0.25), want, 1e-12, cdLesson)
	check.Slice(t, "Contrastive, α = 1 keeps the expert's argmax only", Contrastive(e, a, 1), []float64{0, inf, inf, inf}, 0, cdLesson)
}

// The trap: token 3 is implausible for the expert (0.05 < 0.25·0.5) but the
// amateur almost never predicts it, so its ratio is 10. The constraint is
// decided on the expert before the subtraction, and token 3 gets no mass.
func TestContrastiveConstraintFirst(t *testing.T) {
	e, a := logs(0.5, 0.3, 0.15, 0.05), logs(0.6, 0.25, 0.145, 0.005)
	r := []float64{0.5 / 0.6, 0.3 / 0.25, 0.15 / 0.145}
	z := r[0] + r[1] + r[2]
	check.Slice(t, "Contrastive, an implausible token with a huge ratio", Contrastive(e, a, 0.25),
		logs(r[0]/z, r[1]/z, r[2]/z, 0), 1e-12, cdLesson)
}
