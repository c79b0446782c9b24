// Package logitarith is exercise 22: logit arithmetic at decoding time —
// pointwise mutual information, classifier-free guidance on log-probabilities
// and contrastive decoding with its plausibility constraint.
package logitarith

// PMI returns ln p(x|c) − ln p(x) for every token, from the log-probability
// rows cond = ln p(·|c) and uncond = ln p(·). A token with p(x|c) = 0 has
// PMI −Inf, also when p(x) = 0 too.
func PMI(cond, uncond []float64) []float64 {
	panic("TODO: implement PMI (see README.md)")
}

// Guide returns classifier-free guidance with strength γ as normalised
// log-probabilities:
//
//	ln p_γ(x) = ln p(x|c) + γ·(ln p(x|c) − ln p(x)) − ln Z.
//
// cond and uncond may be logits (not normalised). γ = 0 gives softmax(cond)
// in log form, γ = −1 softmax(uncond); for γ > −1 a token whose cond is −Inf
// gets −Inf.
func Guide(cond, uncond []float64, gamma float64) []float64 {
	panic("TODO: implement Guide (see README.md)")
}

// Plausible reports, for every token, whether p_expert(x) ≥ α·max_w p_expert(w).
// expert may be logits.
func Plausible(expert []float64, alpha float64) []bool {
	panic("TODO: implement Plausible (see README.md)")
}

// Contrastive returns contrastive decoding's distribution as normalised
// log-probabilities: proportional to p_expert(x)/p_amateur(x) on the tokens
// Plausible(expert, α) keeps, −Inf elsewhere. The rows may be logits.
func Contrastive(expert, amateur []float64, alpha float64) []float64 {
	panic("TODO: implement Contrastive (see README.md)")
}
