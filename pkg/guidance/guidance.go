// Package guidance is logit arithmetic at decoding time: classifier-free
// guidance and contrastive decoding, both built from the difference of two
// models' log-probabilities for the same next token.
//
// For a condition c (a prompt, or the longer part of a context), that
// difference is the pointwise mutual information of chapter 11:
//
//	PMI(x; c) = ln p(x | c) − ln p(x) = ln p(c | x) − ln p(c).
//
// Classifier-free guidance (Ho & Salimans 2022, "Classifier-Free Diffusion
// Guidance"; for language models Sanchez et al. 2023, "Stay on topic with
// Classifier-Free Guidance") adds γ times it to the conditional
// log-probabilities and renormalises; contrastive decoding (Li et al. 2023,
// "Contrastive Decoding: Open-ended Text Generation as Optimization") ranks the
// expert model's plausible tokens by ln p_expert − ln p_amateur.
//
// Inputs are rows of log-probabilities over one vocabulary. CFG, Plausible
// and Contrastive accept logits as well (a constant added to a row cancels in
// them); PMI does not normalise, so it needs log-probabilities. Results are
// normalised log-probabilities, −Inf for tokens that get no mass. Rows of
// different lengths, NaN entries, +Inf entries and rows with no finite entry
// panic with a message naming the function.
package guidance

import (
	"fmt"
	"math"

	"github.com/bitsandlogits/course/pkg/probability"
)

// check panics on rows that no function here accepts.
func check(fn string, rows ...[]float64) {
	for _, r := range rows {
		if len(r) == 0 || len(r) != len(rows[0]) {
			panic(fmt.Sprintf("guidance: %s: rows of length %d and %d, want equal and non-empty", fn, len(rows[0]), len(r)))
		}
		finite := false
		for i, v := range r {
			if math.IsNaN(v) || math.IsInf(v, 1) {
				panic(fmt.Sprintf("guidance: %s: entry %d is %v", fn, i, v))
			}
			finite = finite || !math.IsInf(v, -1)
		}
		if !finite {
			panic(fmt.Sprintf("guidance: %s: every entry is -Inf", fn))
		}
	}
}

// PMI returns the pointwise mutual information of every token with the
// condition, in nats,
//
//	PMI(x; c) = ln p(x | c) − ln p(x),
//
// from normalised log-probabilities cond = ln p(· | c) and uncond = ln p(·).
// A token the condition rules out (p(x | c) = 0) has PMI −Inf, also when
// p(x) = 0, where the plain difference −Inf − (−Inf) would be NaN. It panics
// when p(x | c) > 0 but p(x) = 0, which no joint distribution allows
// (p(x) = Σ_c p(c) p(x | c)). Its expectation under p(· | c) is
// KL(p(· | c) ‖ p(·)), and averaged over c it is the mutual information I(X; C).
func PMI(cond, uncond []float64) []float64 {
	check("PMI", cond, uncond)
	out := make([]float64, len(cond))
	for i, lc := range cond {
		switch lu := uncond[i]; {
		case math.IsInf(lc, -1):
			out[i] = math.Inf(-1)
		case math.IsInf(lu, -1):
			panic(fmt.Sprintf("guidance: PMI: token %d has p(x|c) > 0 but p(x) = 0", i))
		default:
			out[i] = lc - lu
		}
	}
	return out
}

// CFG returns classifier-free guidance with strength γ ≥ −1, as normalised
// log-probabilities:
//
//	ln p_γ(x) = ln p(x | c) + γ (ln p(x | c) − ln p(x)) − ln Z
//	          = (1 + γ) ln p(x | c) − γ ln p(x) − ln Z,
//
// so p_γ(x) ∝ p(x | c) · exp(γ · PMI(x; c)) ∝ p(x | c) · p(c | x)^γ: the
// conditional reweighted by an implicit classifier p(c | x) raised to γ.
// γ = 0 returns the conditional, γ = −1 the unconditional, γ > 0 moves past
// the conditional, away from the unconditional. Hugging Face's guidance_scale
// and Sanchez et al.'s γ are 1 + γ here.
//
// Tokens with p(x | c) = 0 get −Inf for every γ > −1 (also when p(x) = 0,
// where the formula would give −Inf + Inf = NaN); at γ = −1 every token gets
// ln p(x). It panics if γ < −1 or is not finite, on the bad rows of the package
// comment, and when γ > 0 and a token has p(x | c) > 0 but p(x) = 0 (infinite
// PMI: that token would take all the mass). Time O(V).
func CFG(cond, uncond []float64, gamma float64) []float64 {
	check("CFG", cond, uncond)
	if !(gamma >= -1) || math.IsInf(gamma, 1) {
		panic(fmt.Sprintf("guidance: CFG: γ = %v, want finite γ ≥ -1", gamma))
	}
	out := make([]float64, len(cond))
	for i, lc := range cond {
		lu := uncond[i]
		switch {
		case gamma == -1:
			out[i] = lu
		case math.IsInf(lc, -1):
			out[i] = math.Inf(-1)
		case math.IsInf(lu, -1) && gamma > 0:
			panic(fmt.Sprintf("guidance: CFG: token %d has p(x|c) > 0 but p(x) = 0, infinite PMI at γ = %v", i, gamma))
		case gamma == 0:
			out[i] = lc
		default: // lu = −Inf with −1 < γ < 0 gives −Inf, as the formula says
			out[i] = lc + gamma*(lc-lu)
		}
	}
	return probability.LogSoftmax(out)
}

// Plausible reports which tokens pass contrastive decoding's plausibility
// constraint (Li et al. 2023, eq. 3) with 0 < α ≤ 1:
//
//	V_head = { x : p_expert(x) ≥ α · max_w p_expert(w) },
//
// computed from log-probabilities as ln p(x) ≥ ln α + max_w ln p(w), so a
// row of logits gives the same set. The most likely token always passes.
// It panics if α is outside (0, 1] and on the bad rows of the package comment.
func Plausible(expert []float64, alpha float64) []bool {
	check("Plausible", expert)
	if !(alpha > 0 && alpha <= 1) {
		panic(fmt.Sprintf("guidance: Plausible: α = %v, want 0 < α ≤ 1", alpha))
	}
	m := expert[probability.Argmax(expert)]
	cut := math.Log(alpha) + m
	keep := make([]bool, len(expert))
	for i, v := range expert {
		keep[i] = v >= cut
	}
	return keep
}

// Contrastive returns contrastive decoding's distribution (Li et al. 2023) as
// normalised log-probabilities: the plausibility constraint is taken on the
// expert alone, before any subtraction, and the surviving tokens are scored by
// the log-ratio of expert to amateur,
//
//	CD(x) = ln p_expert(x) − ln p_amateur(x)   if x ∈ V_head (see [Plausible]),
//	CD(x) = −Inf                               otherwise,
//
// then renormalised: p_CD(x) ∝ p_expert(x) / p_amateur(x) on V_head. Its argmax
// is the token contrastive greedy search picks. It panics if α is outside
// (0, 1], on the bad rows of the package comment, and when a plausible token
// has p_amateur = 0 (an infinite score).
func Contrastive(expert, amateur []float64, alpha float64) []float64 {
	check("Contrastive", expert, amateur)
	keep := Plausible(expert, alpha)
	out := make([]float64, len(expert))
	for i, ok := range keep {
		switch {
		case !ok:
			out[i] = math.Inf(-1)
		case math.IsInf(amateur[i], -1):
			panic(fmt.Sprintf("guidance: Contrastive: plausible token %d has p_amateur = 0", i))
		default:
			out[i] = expert[i] - amateur[i]
		}
	}
	return probability.LogSoftmax(out)
}
