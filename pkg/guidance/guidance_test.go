package guidance

import (
	"math"
	"strings"
	"testing"

	"github.com/bitsandlogits/course/pkg/probability"
)

var inf = math.Inf(-1)

func logs(p ...float64) []float64 {
	out := make([]float64, len(p))
	for i, v := range p {
		out[i] = math.Log(v)
	}
	return out
}

func near(t *testing.T, name string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: len %d, want %d", name, len(got), len(want))
	}
	for i := range got {
		if math.IsInf(want[i], -1) {
			if !math.IsInf(got[i], -1) {
				t.Errorf("%s[%d] = %v, want -Inf", name, i, got[i])
			}
			continue
		}
		if !(math.Abs(got[i]-want[i]) <= tol) {
			t.Errorf("%s[%d] = %.15g, want %.15g", name, i, got[i], want[i])
		}
	}
}

func TestCFGHand(t *testing.T) {
	// p(x|c) = (1/2, 1/4, 1/4), p(x) = (1/4, 1/4, 1/2), γ = 1:
	// p(x|c)²/p(x) = (1, 1/4, 1/8) → (8, 2, 1)/11.
	got := CFG(logs(0.5, 0.25, 0.25), logs(0.25, 0.25, 0.5), 1)
	near(t, "CFG γ=1", got, logs(8.0/11, 2.0/11, 1.0/11), 1e-15)
}

// TestCFGTorch compares with Hugging Face's UnbatchedClassifierFreeGuidance
// rule, log_softmax(s·(lc − lu) + lu) with s = 1 + γ, computed by PyTorch 1.13
// in float64 from the raw logits below.
func TestCFGTorch(t *testing.T) {
	c := []float64{2.0604, -1.0145, -0.2034, 2.7174, -6.149, -1.5319}
	u := []float64{1.448, 0.4831, -3.1201, 2.6328, -1.7152, -0.6672}
	near(t, "γ=1.5", CFG(c, u, 1.5), []float64{-1.64378820013678, -7.88368820013678, -0.451138200136783, -1.77848820013678, -17.4224882001368, -7.45173820013678}, 1e-12)
	near(t, "γ=-0.5", CFG(c, u, -0.5), []float64{-1.31857307892693, -3.33847307892693, -4.73452307892693, -0.397673078926931, -7.00487307892693, -4.17232307892693}, 1e-12)
	near(t, "CD α=0.1", Contrastive(c, u, 0.1), []float64{-0.463671955237734, inf, inf, -0.991471955237734, inf, inf}, 1e-12)
}

func TestCFGEnds(t *testing.T) {
	c, u := logs(0.7, 0.2, 0.1), logs(0.2, 0.3, 0.5)
	near(t, "γ=0", CFG(c, u, 0), c, 1e-15)
	near(t, "γ=-1", CFG(c, u, -1), u, 1e-15)
	// Logits instead of log-probabilities: a constant per row cancels.
	near(t, "shifted", CFG([]float64{c[0] + 3, c[1] + 3, c[2] + 3}, []float64{u[0] - 7, u[1] - 7, u[2] - 7}, 2), CFG(c, u, 2), 1e-14)
}

func TestCFGInfinities(t *testing.T) {
	c := []float64{math.Log(0.5), math.Log(0.5), inf, inf}
	u := []float64{math.Log(0.25), math.Log(0.25), math.Log(0.5), inf}
	for _, g := range []float64{-0.5, 0, 0.5, 3} {
		got := CFG(c, u, g)
		near(t, "masked", got, []float64{math.Log(0.5), math.Log(0.5), inf, inf}, 1e-15)
	}
	near(t, "γ=-1 masked", CFG(c, u, -1), u, 0)
	// p(x) = 0 with γ in (−1, 0) removes the token, as (1+γ)·ln p(x|c) − γ·(−Inf) says.
	near(t, "γ=-0.5, p(x)=0", CFG(logs(0.5, 0.5), []float64{0, inf}, -0.5), []float64{0, inf}, 0)
	near(t, "γ=0, p(x)=0", CFG(logs(0.5, 0.5), []float64{0, inf}, 0), logs(0.5, 0.5), 1e-15)
}

func TestPMI(t *testing.T) {
	got := PMI([]float64{math.Log(0.5), inf, inf}, []float64{math.Log(0.25), 0, inf})
	near(t, "PMI", got, []float64{math.Ln2, inf, inf}, 1e-15)
	// E_{p(x|c)}[PMI] = KL(p(·|c) ‖ p(·)).
	p, q := []float64{0.7, 0.2, 0.1}, []float64{0.2, 0.3, 0.5}
	pmi := PMI(logs(p...), logs(q...))
	e := 0.0
	for i := range p {
		e += p[i] * pmi[i]
	}
	if kl := probability.KLDivergence(p, q); math.Abs(e-kl) > 1e-15 {
		t.Errorf("E[PMI] = %v, KL = %v", e, kl)
	}
}

func TestContrastiveHand(t *testing.T) {
	// V_head at α = 0.25: p_expert ≥ 0.125 keeps tokens 0–2; p_e/p_a = (5/6, 3, 3/2) → (5, 18, 9)/32.
	e, a := logs(0.5, 0.3, 0.15, 0.05), logs(0.6, 0.1, 0.1, 0.2)
	near(t, "CD", Contrastive(e, a, 0.25), logs(5.0/32, 18.0/32, 9.0/32, 0), 1e-15)
	// Token 3 has by far the largest ratio (10) but fails the constraint on the expert.
	near(t, "CD tail", Contrastive(e, logs(0.6, 0.25, 0.145, 0.005), 0.25), []float64{math.Log(0.5 / 0.6 / (0.5/0.6 + 1.2 + 0.15/0.145)), math.Log(1.2 / (0.5/0.6 + 1.2 + 0.15/0.145)), math.Log(0.15 / 0.145 / (0.5/0.6 + 1.2 + 0.15/0.145)), inf}, 1e-15)
	// α = 1 keeps only the expert's argmax.
	near(t, "α=1", Contrastive(e, a, 1), []float64{0, inf, inf, inf}, 0)
	keep := Plausible(e, 0.1)
	if !keep[0] || !keep[1] || !keep[2] || !keep[3] {
		t.Errorf("Plausible α=0.1 = %v, want all (0.05 ≥ 0.05)", keep)
	}
}

func TestPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"CFG γ<-1":         func() { CFG(logs(0.5, 0.5), logs(0.5, 0.5), -1.5) },
		"CFG NaN γ":        func() { CFG(logs(0.5, 0.5), logs(0.5, 0.5), math.NaN()) },
		"CFG length":       func() { CFG(logs(0.5, 0.5), logs(1), 1) },
		"CFG NaN":          func() { CFG([]float64{math.NaN(), 0}, logs(0.5, 0.5), 1) },
		"CFG all -Inf":     func() { CFG([]float64{inf, inf}, logs(0.5, 0.5), 1) },
		"CFG infinite PMI": func() { CFG(logs(0.5, 0.5), []float64{0, inf}, 0.5) },
		"PMI p(x)=0":       func() { PMI(logs(0.5, 0.5), []float64{0, inf}) },
		"Plausible α=0":    func() { Plausible(logs(0.5, 0.5), 0) },
		"CD amateur 0":     func() { Contrastive(logs(0.5, 0.5), []float64{0, inf}, 0.5) },
	} {
		func() {
			defer func() {
				r := recover()
				if s, ok := r.(string); !ok || !strings.HasPrefix(s, "guidance: ") {
					t.Errorf("%s: recovered %v, want a guidance: panic", name, r)
				}
			}()
			f()
		}()
	}
}

// FuzzCFG checks the invariants on arbitrary finite rows: the result is a
// distribution, γ = 0 and γ = −1 give the two inputs back, the order of
// ln p_γ − ln p(·|c) follows PMI for γ > 0, and contrastive decoding puts no
// mass outside the plausible set.
func FuzzCFG(f *testing.F) {
	f.Add(1.0, -2.0, 0.5, 0.3, 0.1, -4.0, 1.5, 0.2)
	f.Add(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 7.0, 0.9)
	f.Fuzz(func(t *testing.T, c0, c1, c2, u0, u1, u2, gamma, alpha float64) {
		c, u := []float64{c0, c1, c2}, []float64{u0, u1, u2}
		for _, v := range append(c, append(u, gamma, alpha)...) {
			if math.IsNaN(v) || math.Abs(v) > 100 {
				t.Skip()
			}
		}
		gamma = math.Abs(gamma)
		lc, lu := probability.LogSoftmax(c), probability.LogSoftmax(u)
		out := CFG(c, u, gamma)
		sum := 0.0
		for _, v := range out {
			sum += math.Exp(v)
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Fatalf("CFG sums to %v", sum)
		}
		near(t, "γ=0", CFG(c, u, 0), lc, 1e-12)
		near(t, "γ=-1", CFG(c, u, -1), lu, 1e-12)
		pmi := PMI(lc, lu)
		for i := range out {
			for j := range out {
				if pmi[i] > pmi[j]+1e-9 && gamma > 1e-6 && out[i]-lc[i] < out[j]-lc[j]-1e-9 {
					t.Fatalf("PMI %v but lift %v", pmi, out)
				}
			}
		}
		alpha = math.Mod(math.Abs(alpha), 1)
		if alpha == 0 {
			alpha = 0.5
		}
		keep, cd := Plausible(c, alpha), Contrastive(c, u, alpha)
		for i, ok := range keep {
			if !ok && !math.IsInf(cd[i], -1) || ok && math.IsInf(cd[i], -1) && !math.IsInf(lc[i]-lu[i], -1) {
				t.Fatalf("keep %v, CD %v", keep, cd)
			}
		}
	})
}
